/**
 * The competency call series in the reader's time zone, and the organization's calendar link
 * (which an admin can rotate, so an old link that was shared too widely stops working). The link is
 * shown on the card that makes it only: storage keeps a hash of its secret, not the secret.
 */
import { firstCalendarLink, rotateCalendarLink } from '../../calendar/calendar-link.js';
import { renderCard } from '../../cards/render-card.js';
import { callSeriesView } from '../../rules/calendar/call-series.js';
import { calendarLinkView, type CalendarLinkInput } from '../../rules/calendar/link-view.js';
import { canManage } from '../../rules/people/permissions.js';
import { notAllowedTo } from '../refusals.js';
import type { HandlerDependencies } from '../dependencies.js';
import type { OrganizationRoute, Route } from './route.js';

export function createCalendarRoutes(deps: HandlerDependencies) {
  const { storage, catalog, now, callSchedule, publicUrl, log } = deps;

  // Without a profile, times fall back to UTC.
  const showCalls: Route<'calls'> = async (_intent, turn, org) =>
    renderCard('calls', callSeriesView({ schedule: callSchedule, now: now(), readerZone: turn.readerZone, organizationZone: org?.timeZone, publicUrl, catalog }));

  const calendarLink: OrganizationRoute<'calendar-link'> = async (intent, turn, org) => {
    const mayRotate = canManage(org, turn.user);
    if (intent.rotate && !mayRotate) throw notAllowedTo('rotate-calendar', org);
    let link: CalendarLinkInput['link'];
    if (intent.rotate) {
      link = { url: await rotateCalendarLink(storage, turn.tenantId, publicUrl, now()), rotated: true };
      log.info({ tenantId: turn.tenantId }, 'calendar link rotated');
    } else {
      const first = await firstCalendarLink(storage, turn.tenantId, publicUrl, now());
      link = 'url' in first ? { url: first.url, rotated: false } : first;
    }
    return renderCard('calendar-link', calendarLinkView({ organizationName: org.name, timeZone: org.timeZone, link, mayRotate }));
  };

  return { showCalls, calendarLink };
}
