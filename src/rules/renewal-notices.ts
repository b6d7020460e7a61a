/** What "mark renewal done" says when there is nothing to mark yet. */
import type { AnniversaryStatus } from './anniversary.js';
import { longDate } from './plain-date.js';
import { QUESTION_SUGGESTIONS } from './suggestions.js';
import type { NoticeView } from './view-models.js';

/** @example nothingToMarkYetView(status).title // 'Nothing to mark yet' */
export function nothingToMarkYetView(status: Pick<AnniversaryStatus, 'anniversary' | 'windowOpens'>): NoticeView {
  return {
    title: 'Nothing to mark yet',
    message: `The renewal for the anniversary on ${longDate(status.anniversary)} opens on ${longDate(status.windowOpens)}. Mark it done once you have renewed.`,
    suggestions: QUESTION_SUGGESTIONS,
  };
}
