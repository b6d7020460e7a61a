/**
 * The competency call series in the reader's time zone, and the organization's calendar link
 * (which an admin can rotate, so an old link that was shared too widely stops working).
 */
import type { Activity } from 'botbuilder';
import { calendarUrlFor, rotateCalendarLink } from '../../calendar/calendar-link.js';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { callSeriesView } from '../../rules/call-series.js';
import { QUESTION_SUGGESTIONS } from '../../rules/suggestions.js';
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

    calendarUrl(tenantId: string): Promise<string> {
      return calendarUrlFor(storage, tenantId, publicUrl, now());
    },

    async calendarLink(identity: TurnIdentity, rotate: boolean): Promise<CardAttachment> {
      const org = await storage.getOrganization(identity.tenantId);
      if (!org) return renderCard('welcome', welcomeView({}));
      if (rotate && !mayEditProfile(org, identity)) throw new AppError('profile.forbidden');
      const url = rotate ? await rotateCalendarLink(storage, identity.tenantId, publicUrl, now()) : await calendarUrlFor(storage, identity.tenantId, publicUrl, now());
      if (rotate) log.info({ tenantId: identity.tenantId }, 'calendar link rotated');
      return renderCard('notice', {
        title: rotate ? 'New calendar link' : 'Renewal calendar',
        message: `${rotate ? 'The old link no longer works. ' : ''}Subscribe to or download ${org.name}'s renewal dates (the day the window opens and two weeks before the anniversary, this year and next): ${url}` +
          (rotate ? '' : ' — admins can say "rotate calendar link" if it was shared too widely.'),
        suggestions: QUESTION_SUGGESTIONS,
      });
    },
  };
}
