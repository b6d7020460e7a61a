/** What the answers to "did you renew?" say when there is nothing to record. */
import { RENEWAL_WINDOW_DAYS } from './anniversary.js';
import type { RenewalOutcome } from './renewal-answer.js';
import { addDays, longDate, type PlainDate } from '../common/plain-date.js';
import { QUESTION_SUGGESTIONS, SUGGESTIONS } from '../questions/suggestions.js';
import type { NoticeView } from '../questions/notice-view.js';

/**
 * @example nothingToMarkYetView('2027-02-28', 'renewed').title // 'Nothing to mark yet'
 */
export function nothingToMarkYetView(anniversary: PlainDate, outcome: RenewalOutcome): NoticeView {
  const message =
    outcome === 'renewed'
      ? `The renewal for the anniversary on ${longDate(anniversary)} opens on ${longDate(addDays(anniversary, -RENEWAL_WINDOW_DAYS))}. Mark it done once you have renewed.`
      : `The membership runs until its anniversary on ${longDate(anniversary)}, the day it expires: there is nothing to record as not renewed yet.`;
  return { title: 'Nothing to mark yet', message, suggestions: QUESTION_SUGGESTIONS };
}

/** A button from a card that names none of this organization's anniversaries (an old card, or the date was changed since). */
export function notOurCycleView(anniversary: PlainDate): NoticeView {
  return {
    title: 'That card is out of date',
    message: `The button was for an anniversary on ${longDate(anniversary)}, which is not one of your organization's anniversaries any more, so nothing was changed. Ask for your anniversary to see where you stand.`,
    suggestions: [SUGGESTIONS.anniversary, SUGGESTIONS.dateChanged],
  };
}
