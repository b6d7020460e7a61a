/**
 * The days a pass works with, per time zone: a pass has one moment (`now`), so each zone's days are
 * the same for every organization in it. Worked out once per zone and pass instead of once per
 * organization (Intl's formatToParts is the costliest step of planning one). A plain Map, not an
 * LRU cache: it lives for one pass and holds one entry per zone at most, so it needs no bound.
 */
import { calendarDateIn, dayReachedAtHour, type PlainDate } from '../rules/common/plain-date.js';

export interface ZoneDays {
  /** The last day whose reminder hour has come in the zone (dayReachedAtHour). */
  planningDay: PlainDate;
  /** The calendar date in the zone. */
  sendDay: PlainDate;
}

/** A pass's days in a zone. */
export type DaysIn = (timeZone: string) => ZoneDays;

export function zoneDaysAt(now: Date, localHour: number): DaysIn {
  const known = new Map<string, ZoneDays>();
  return (timeZone) => {
    let days = known.get(timeZone);
    if (!days) {
      days = { planningDay: dayReachedAtHour(now, timeZone, localHour), sendDay: calendarDateIn(now, timeZone) };
      known.set(timeZone, days);
    }
    return days;
  };
}
