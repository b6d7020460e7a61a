/**
 * What the cards say about the renewal once an anniversary has passed: the bot is asking whether it
 * happened, someone said it did not, or the bot assumes it did. One wording for the anniversary card,
 * the reminder and the personal reminder.
 */
import { ASSUME_RENEWED_AFTER_DAYS, type CycleStatus } from './cycle.js';
import { addDays, longDate } from '../common/plain-date.js';
import { renewalAnswers, SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';

export interface StandingNote {
  /** One or two sentences; '' when there is nothing to say (before the anniversary, or the renewal recorded). */
  text: string;
  suggestions: Suggestion[];
}

/** The guide gives no grace period and no renewal after the anniversary: both are the bot's, and say so. */
export const GRACE_IS_OURS = `(${ASSUME_RENEWED_AFTER_DAYS} days is this bot's choice: the guide gives none)`;
const NO_LATE_PATH = "If you did not renew: the guide gives no path after the anniversary; MPN Support can tell you your options (the bot's suggestion).";

/**
 * @example standingNote(cycleOn(org, '2027-03-01')).text // 'Did you renew? Tell the bot below. If nobody answers by March 30, 2027, …'
 */
export function standingNote(status: Pick<CycleStatus, 'standing' | 'anniversary' | 'assumedRenewedOn' | 'next' | 'previous'>): StandingNote {
  if (status.standing === 'asking') {
    return {
      text: `Did you renew? Tell the bot below. With no answer by ${longDate(addDays(status.assumedRenewedOn, -1))}, it assumes you did and plans its reminders for the next anniversary, ${longDate(status.next)} ${GRACE_IS_OURS}. ${NO_LATE_PATH}`,
      suggestions: renewalAnswers(status.anniversary),
    };
  }
  if (status.standing === 'not-renewed') {
    return {
      text: `You told the bot the membership was not renewed: it sends no more reminders until a new anniversary date is set. If you renew after all, say so or set the new date. The guide gives no path after the anniversary; MPN Support can tell you your options (the bot's suggestion).`,
      // "We renewed" after all, not "We did not renew" again.
      suggestions: [...renewalAnswers(status.anniversary).filter((answer) => answer.data.ask !== 'not-renewed'), SUGGESTIONS.support],
    };
  }
  if (status.previous?.renewal === 'assumed') {
    const { anniversary } = status.previous;
    return {
      text: `Nobody said whether the membership was renewed for its ${longDate(anniversary)} anniversary, so the bot assumes it was and now counts to ${longDate(status.anniversary)}. If that is wrong, tell the bot below.`,
      suggestions: renewalAnswers(anniversary),
    };
  }
  return { text: '', suggestions: [] };
}
