/**
 * The organization's renewal calendar: the guidance's two reminders (the day the renewal window
 * opens, and two weeks before the anniversary) for this cycle and the next, as all-day events.
 * Pure: `src/calendar/ics-files.ts` turns them into iCalendar text.
 */
import { FINISH_BY_DAYS, RENEWAL_WINDOW_DAYS } from '../cycle/anniversary.js';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST, type ChecklistItemTemplate } from '../checklist/guidance-lists.js';
import { cycleOn } from '../cycle/cycle.js';
import { fingerprint } from '../common/fingerprint.js';
import type { Organization } from '../organization/organization.js';
import { addDays, daysBetween, longDate, type PlainDate } from '../common/plain-date.js';

export type RenewalEventKind = 'window-open' | 'two-weeks';

/** Alarms fire at this local time on the event's day (an offset from the all-day start, midnight). */
export const ALARM_AT = { hours: 9, minutes: 0 } as const;

export interface RenewalCalendarEvent {
  /** Stable across downloads, so a calendar app updates the event instead of duplicating it. */
  uid: string;
  kind: RenewalEventKind;
  /** The anniversary of the cycle the event belongs to. */
  anniversary: PlainDate;
  /** The all-day event's day. */
  date: PlainDate;
  title: string;
  /** Plain text, lines separated by `\n`: what to do, the checklist, the anniversary. */
  description: string;
  alarm: { hours: number; minutes: number; message: string };
  /** The day is before `today`. */
  past: boolean;
}

const KINDS: Record<RenewalEventKind, { daysBefore: number; title: string; lead: string; checklistTitle: string; checklist: readonly ChecklistItemTemplate[] }> = {
  'window-open': {
    daysBefore: RENEWAL_WINDOW_DAYS,
    title: 'renewal window opens',
    lead: 'The online renewal in the Partner Membership Center can start today, 90 days before the membership anniversary.',
    checklistTitle: '90-day checklist',
    checklist: WINDOW_OPEN_CHECKLIST,
  },
  'two-weeks': {
    daysBefore: FINISH_BY_DAYS,
    title: 'complete the renewal',
    lead: 'Two weeks before the membership anniversary: complete the renewal now, so there is time for anything unexpected.',
    checklistTitle: '2-week checklist',
    checklist: TWO_WEEKS_CHECKLIST,
  },
};

/**
 * Four events, in date order: window opens and two weeks before, for the current cycle and the next.
 * The next cycle counts one more renewal from the stored date, so 29 February stays the 29th in leap
 * years and is the 28th in common ones.
 * @example renewalCalendarEvents({ ...org, anniversaryDate: '2027-02-28' }, '2026-11-25').map((e) => e.date)
 * // ['2026-11-30', '2027-02-14', '2027-11-30', '2028-02-14']
 */
export function renewalCalendarEvents(org: Organization, today: PlainDate): RenewalCalendarEvent[] {
  const cycle = cycleOn(org, today);
  const anniversaries = [cycle.anniversary, cycle.next];
  // One hash of the tenant keeps uids unique across organizations without putting the tenant id in the file.
  const tenantKey = fingerprint(org.tenantId);
  return anniversaries.flatMap((anniversary) =>
    (Object.keys(KINDS) as RenewalEventKind[]).map((kind) => {
      const spec = KINDS[kind];
      const date = addDays(anniversary, -spec.daysBefore);
      return {
        uid: `${kind}-${anniversary}-${tenantKey}@renewal-bot`,
        kind,
        anniversary,
        date,
        title: `${org.name}: ${spec.title}`,
        description: [
          spec.lead,
          `Membership anniversary: ${longDate(anniversary)}.`,
          '',
          `${spec.checklistTitle}:`,
          ...spec.checklist.map((item) => `- ${item.text}`),
        ].join('\n'),
        alarm: { ...ALARM_AT, message: `${org.name}: ${spec.title} (anniversary ${longDate(anniversary)})` },
        past: daysBetween(today, date) < 0,
      };
    }),
  );
}
