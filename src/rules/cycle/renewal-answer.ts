/**
 * "We renewed", "mark renewal done" and "We did not renew": which cycle an answer is about and what it
 * changes. Pure: the handler saves what this decides. A button names its cycle, so a second click, or
 * a click on last year's card, changes nothing; a typed answer is about the cycle the bot is asking
 * about, or, while it assumes last year's renewal and the next window has not opened, about that one.
 */
import { RENEWAL_WINDOW_DAYS } from './anniversary.js';
import { cycleIndexOf, cycleOn, notRenewedRecorded, renewalRecorded, type CycleAnchor, type CycleStatus } from './cycle.js';
import { daysBetween, type PlainDate } from '../common/plain-date.js';

export type RenewalAnswerDecision =
  /** Save `anchor`: the answer for the cycle of `cycle` is recorded. */
  | { record: CycleAnchor; cycle: PlainDate }
  /** The answer is already what the organization holds: nothing to save. */
  | { unchanged: PlainDate }
  /** Too early: the renewal of the cycle of `cycle` cannot have happened (or failed) yet. */
  | { tooEarly: PlainDate }
  /** The button names a date that is none of this organization's anniversaries (an old or foreign card). */
  | { notOurs: PlainDate };

/** What someone answered to "did you renew?". */
export type RenewalOutcome = 'renewed' | 'not-renewed';

/**
 * @example decideRenewalAnswer({ anniversaryDate: '2027-02-28', renewedCycles: 0 }, '2027-03-02', 'renewed')
 * // { record: { anniversaryDate: '2027-02-28', renewedCycles: 1, notRenewedCycle: undefined }, cycle: '2027-02-28' }
 */
export function decideRenewalAnswer(org: CycleAnchor, today: PlainDate, outcome: RenewalOutcome, cycle?: PlainDate): RenewalAnswerDecision {
  const status = cycleOn(org, today);
  const about = cycle ?? cycleAskedAbout(status);
  if (cycleIndexOf(org, about) === undefined) return { notOurs: about };
  const daysLeft = daysBetween(today, about);
  // A renewal can start 90 days before its anniversary (guide line 6); it can fail only once the day has passed.
  if (outcome === 'renewed' ? daysLeft > RENEWAL_WINDOW_DAYS : daysLeft >= 0) return { tooEarly: about };
  const record = outcome === 'renewed' ? renewalRecorded(org, about) : notRenewedRecorded(org, about);
  const same = record.renewedCycles === org.renewedCycles && record.notRenewedCycle === org.notRenewedCycle;
  return same ? { unchanged: about } : { record, cycle: about };
}

/** The cycle a typed answer is about: the one asked about, an assumed one while the next window is shut, else the current one. */
function cycleAskedAbout(status: CycleStatus): PlainDate {
  if (status.standing !== 'ahead') return status.anniversary;
  if (status.previous?.renewal === 'assumed' && status.phase === 'planning') return status.previous.anniversary;
  return status.anniversary;
}
