/**
 * The organization's renewal cycles, identified by their anniversaries. The one rule for every
 * anniversary the bot shows or stores: the stored date's month and day in the cycle's year, so a
 * 29 February anniversary falls on 28 February in common years and is back on the 29th in leap years.
 *
 * The cycle rolls over by itself: after an anniversary the bot asks whether the renewal happened, and
 * with no answer by the grace day it assumes it did and counts to the next anniversary. Nobody has to
 * press anything for next year's reminders; "We did not renew" stops them instead.
 */
import { anniversaryStatus, type AnniversaryStatus } from './anniversary.js';
import type { Organization } from '../organization/organization.js';
import { addDays, daysBetween, parts, sameDayInYear, type PlainDate } from '../common/plain-date.js';

/**
 * Days after the anniversary during which the bot asks whether the renewal happened; from the day
 * after, with no answer, it assumes the renewal did happen. The guide gives no such period: this is
 * the bot's own choice, long enough to answer after checking the portal, and far from the next
 * cycle's window (it opens 275 days after the anniversary), so no reminder of the next cycle is late.
 */
export const ASSUME_RENEWED_AFTER_DAYS = 30;

export type CycleAnchor = Pick<Organization, 'anniversaryDate' | 'renewedCycles'> & Partial<Pick<Organization, 'notRenewedCycle'>>;

/**
 * Where the renewal of the current cycle stands:
 * - `ahead`: the anniversary has not passed;
 * - `asking`: it passed, nobody said whether they renewed, the grace period runs;
 * - `not-renewed`: someone said "We did not renew": no more reminders until a new anniversary.
 */
export type RenewalStanding = 'ahead' | 'asking' | 'not-renewed';

export interface CycleStatus extends AnniversaryStatus {
  standing: RenewalStanding;
  /** The cycle before the current one, and whether its renewal was recorded or assumed by the bot. */
  previous?: { anniversary: PlainDate; renewal: 'recorded' | 'assumed' };
  /** The first day on which, with no answer, the bot assumes this cycle was renewed. */
  assumedRenewedOn: PlainDate;
  /** The anniversary after this one: where the reminders go once this cycle is renewed. */
  next: PlainDate;
}

/**
 * The anniversary `cyclesAhead` renewals after the last one recorded (0: that cycle's).
 * @example anniversaryOfCycle({ anniversaryDate: '2028-02-29', renewedCycles: 1 }) // '2029-02-28'
 * @example anniversaryOfCycle({ anniversaryDate: '2028-02-29', renewedCycles: 1 }, 3) // '2032-02-29'
 */
export function anniversaryOfCycle(org: CycleAnchor, cyclesAhead = 0): PlainDate {
  return sameDayInYear(org.anniversaryDate, parts(org.anniversaryDate).year + (org.renewedCycles ?? 0) + cyclesAhead);
}

/** Which cycle of the anchor an anniversary is (0: the anchor's own), or undefined when it is none of them. */
export function cycleIndexOf(org: Pick<CycleAnchor, 'anniversaryDate'>, anniversary: PlainDate): number | undefined {
  const index = parts(anniversary).year - parts(org.anniversaryDate).year;
  return index >= 0 && anniversaryOfCycle({ anniversaryDate: org.anniversaryDate, renewedCycles: index }) === anniversary ? index : undefined;
}

/** True while "We did not renew" holds: it names the cycle of the last recorded renewal. */
export function isStoppedAsNotRenewed(org: CycleAnchor): boolean {
  return org.notRenewedCycle !== undefined && org.notRenewedCycle === anniversaryOfCycle(org);
}

/**
 * The cycle the organization is in on `today`: the last recorded one, moved on by one for every
 * anniversary whose grace period has passed unanswered, unless that cycle was said not renewed.
 * @example cycleIndexOn({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2027-03-31') // 1 (assumed renewed)
 */
export function cycleIndexOn(org: CycleAnchor, today: PlainDate): number {
  const recorded = org.renewedCycles ?? 0;
  if (isStoppedAsNotRenewed(org)) return recorded;
  // Two cycles before today's year have certainly passed their grace period: start there, not at the anchor.
  let index = Math.max(recorded, parts(today).year - parts(org.anniversaryDate).year - 2);
  while (daysBetween(addDays(anniversaryOfCycle({ anniversaryDate: org.anniversaryDate, renewedCycles: index }), ASSUME_RENEWED_AFTER_DAYS), today) > 0) index++;
  return index;
}

/**
 * @example currentAnniversary({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2027-03-01') // '2027-02-28' (asking)
 * @example currentAnniversary({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2027-03-31') // '2028-02-28' (assumed renewed)
 */
export function currentAnniversary(org: CycleAnchor, today: PlainDate): PlainDate {
  return anniversaryOfCycle({ anniversaryDate: org.anniversaryDate, renewedCycles: cycleIndexOn(org, today) });
}

/**
 * Where the organization stands on `today`: its current anniversary, the phase, the days left and
 * whether its renewal is ahead, asked about or said not to have happened.
 * @example cycleOn({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2026-11-30').phase // 'renewal-open'
 */
export function cycleOn(org: CycleAnchor, today: PlainDate): CycleStatus {
  const index = cycleIndexOn(org, today);
  const anchor = { anniversaryDate: org.anniversaryDate, renewedCycles: index };
  const status = anniversaryStatus(anniversaryOfCycle(anchor), today);
  const recorded = org.renewedCycles ?? 0;
  const standing: RenewalStanding = status.daysLeft >= 0 ? 'ahead' : isStoppedAsNotRenewed(org) ? 'not-renewed' : 'asking';
  return {
    ...status,
    standing,
    ...(index > 0 ? { previous: { anniversary: anniversaryOfCycle(anchor, -1), renewal: index > recorded ? 'assumed' : 'recorded' } } : {}),
    assumedRenewedOn: addDays(status.anniversary, ASSUME_RENEWED_AFTER_DAYS + 1),
    next: anniversaryOfCycle(anchor, 1),
  };
}

/**
 * The anchor once the renewal of the cycle of `anniversary` is recorded: counting resumes after it.
 * @example renewalRecorded({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2028-02-28') // { anniversaryDate: '2027-02-28', renewedCycles: 2, notRenewedCycle: undefined }
 */
export function renewalRecorded(org: CycleAnchor, anniversary: PlainDate): CycleAnchor {
  const index = cycleIndexOf(org, anniversary) ?? org.renewedCycles;
  return { anniversaryDate: org.anniversaryDate, renewedCycles: Math.max(org.renewedCycles, index + 1), notRenewedCycle: undefined };
}

/**
 * The anchor once someone says the cycle of `anniversary` was not renewed: earlier cycles count as
 * renewed, and this one stays current, without reminders, until a new anniversary is set.
 */
export function notRenewedRecorded(org: CycleAnchor, anniversary: PlainDate): CycleAnchor {
  const index = cycleIndexOf(org, anniversary) ?? org.renewedCycles;
  return { anniversaryDate: org.anniversaryDate, renewedCycles: index, notRenewedCycle: anniversaryOfCycle({ anniversaryDate: org.anniversaryDate, renewedCycles: index }) };
}

/**
 * The anchor to store when someone types an anniversary: a date that is one of the existing anchor's
 * anniversaries keeps the anchor (so typing 28 February 2030 for a 29 February anchor keeps the 29th
 * for 2032); any other date starts counting from itself. "We did not renew" holds only while the
 * typed date is that cycle's: a new anniversary ends it.
 * @example cycleForDate({ anniversaryDate: '2028-02-29', renewedCycles: 1 }, '2030-02-28') // { anniversaryDate: '2028-02-29', renewedCycles: 2 }
 */
export function cycleForDate(existing: CycleAnchor | undefined, date: PlainDate): CycleAnchor {
  if (existing) {
    const cycles = cycleIndexOf(existing, date);
    if (cycles !== undefined) {
      return { anniversaryDate: existing.anniversaryDate, renewedCycles: cycles, ...(existing.notRenewedCycle === date ? { notRenewedCycle: date } : {}) };
    }
  }
  return { anniversaryDate: date, renewedCycles: 0 };
}
