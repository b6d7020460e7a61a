/**
 * The organization's renewal cycles, identified by their anniversaries. The one rule for every
 * anniversary the bot shows or stores: the stored date's month and day in the cycle's year, so a
 * 29 February anniversary falls on 28 February in common years and is back on the 29th in leap years.
 */
import { anniversaryStatus, type AnniversaryStatus } from './anniversary.js';
import type { Organization } from './organization.js';
import { parts, sameDayInYear, type PlainDate } from './plain-date.js';

export type CycleAnchor = Pick<Organization, 'anniversaryDate' | 'renewedCycles'>;

/**
 * The anniversary `cyclesAhead` renewals after the current one (0: the current one).
 * @example anniversaryOfCycle({ anniversaryDate: '2028-02-29', renewedCycles: 1 }) // '2029-02-28'
 * @example anniversaryOfCycle({ anniversaryDate: '2028-02-29', renewedCycles: 1 }, 3) // '2032-02-29'
 */
export function anniversaryOfCycle(org: CycleAnchor, cyclesAhead = 0): PlainDate {
  return sameDayInYear(org.anniversaryDate, parts(org.anniversaryDate).year + (org.renewedCycles ?? 0) + cyclesAhead);
}

/**
 * @example currentAnniversary({ anniversaryDate: '2028-02-29', renewedCycles: 4 }) // '2032-02-29'
 */
export function currentAnniversary(org: CycleAnchor): PlainDate {
  return anniversaryOfCycle(org, 0);
}

/**
 * Where the organization stands on `today`: its current anniversary, the phase and the days left.
 * @example cycleOn({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2026-11-30').phase // 'renewal-open'
 */
export function cycleOn(org: CycleAnchor, today: PlainDate): AnniversaryStatus {
  return anniversaryStatus(currentAnniversary(org), today);
}

/** Where reminders roll once this cycle's renewal is marked done. */
export function nextAnniversary(org: CycleAnchor): PlainDate {
  return anniversaryOfCycle(org, 1);
}

/**
 * The anchor to store when someone types an anniversary: a date that is one of the existing anchor's
 * anniversaries keeps the anchor (so typing 28 February 2030 for a 29 February anchor keeps the 29th
 * for 2032); any other date starts counting from itself.
 * @example cycleForDate({ anniversaryDate: '2028-02-29', renewedCycles: 1 }, '2030-02-28') // { anniversaryDate: '2028-02-29', renewedCycles: 2 }
 */
export function cycleForDate(existing: CycleAnchor | undefined, date: PlainDate): CycleAnchor {
  if (existing) {
    const cycles = parts(date).year - parts(existing.anniversaryDate).year;
    if (cycles >= 0 && anniversaryOfCycle({ anniversaryDate: existing.anniversaryDate, renewedCycles: cycles }) === date) {
      return { anniversaryDate: existing.anniversaryDate, renewedCycles: cycles };
    }
  }
  return { anniversaryDate: date, renewedCycles: 0 };
}
