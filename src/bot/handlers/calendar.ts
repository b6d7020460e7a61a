/**
 * The competency call series in the reader's time zone, and the organization's calendar link
 * (which an admin can rotate, so an old link that was shared too widely stops working). The link is
 * shown on the card that makes it only: storage keeps a hash of its secret, not the secret.
 */
import type { Activity } from 'botbuilder';
import { firstCalendarLink, rotateCalendarLink } from '../../calendar/calendar-link.js';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { callSeriesView } from '../../rules/call-series.js';
import { calendarLinkView, type CalendarLinkInput } from '../../rules/calendar-link-view.js';
import { welcomeView } from '../../rules/welcome.js';
import { AppError } from '../app-error.js';
import type { BotDependencies } from '../dependencies.js';
import { readerTimeZone } from '../reader-zone.js';
import type { TurnIdentity } from '../turn-identity.js';
import { mayEditProfile } from './setup-form.js';

export function createCalendarHandlers(deps: BotDependencies) {
  const { storage, catalog, now, callSchedule, publicUrl, log } = deps;
  return {
    async showCalls(identity: TurnIdentity, activity: Partial<Activity>): Promise<CardAttachment> {
      const org = await storage.getOrganization(identity.tenantId); // without a profile, times fall back to UTC
      return renderCard('calls', callSeriesView({ schedule: callSchedule, now: now(), readerZone: readerTimeZone(activity), organizationZone: org?.timeZone, publicUrl, catalog }));
    },

    async calendarLink(identity: TurnIdentity, rotate: boolean): Promise<CardAttachment> {
      const org = await storage.getOrganization(identity.tenantId);
      if (!org) return renderCard('welcome', welcomeView({}));
      const mayRotate = mayEditProfile(org, identity);
      if (rotate && !mayRotate) throw new AppError('profile.forbidden');
      let link: CalendarLinkInput['link'];
      if (rotate) {
        link = { url: await rotateCalendarLink(storage, identity.tenantId, publicUrl, now()), rotated: true };
        log.info({ tenantId: identity.tenantId }, 'calendar link rotated');
      } else {
        const first = await firstCalendarLink(storage, identity.tenantId, publicUrl, now());
        link = 'url' in first ? { url: first.url, rotated: false } : first;
      }
      return renderCard('calendar-link', calendarLinkView({ organizationName: org.name, timeZone: org.timeZone, link, mayRotate }));
    },
  };
}
