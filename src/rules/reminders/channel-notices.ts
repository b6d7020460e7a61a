/**
 * What the bot says about where reminders go. One channel per organization: the first team the app
 * is installed in, until an admin or the Primary Program Contact moves it with "post reminders here".
 */
import { escapeMarkdown } from '../common/markdown.js';
import { QUESTION_SUGGESTIONS } from '../questions/suggestions.js';
import type { NoticeView } from '../questions/notice-view.js';

export const MOVE_REMINDERS_HINT =
  'Reminders go to one channel, the General channel of the first team I join: an admin or the Primary Program Contact can move them by saying "post reminders here" to me in another channel.';

/**
 * The answer to an install in a team while the organization's reminders already go to another one.
 * @example reminderChannelElsewhereView('Contoso').title // 'Reminders for Contoso go to another channel'
 */
export function reminderChannelElsewhereView(organizationName: string | undefined): NoticeView {
  return {
    title: organizationName ? `Reminders for ${escapeMarkdown(organizationName)} go to another channel` : 'Reminders go to another channel',
    message:
      'Renewal reminders are already posted in the channel of another team, so I left them there. ' +
      'An admin or the Primary Program Contact can move them to this team by @mentioning me in one of its channels and saying "post reminders here". ' +
      'Everyone here can still ask me questions.',
    suggestions: QUESTION_SUGGESTIONS,
  };
}

/** "post reminders here" outside a team channel. */
export function remindersNeedChannelView(): NoticeView {
  return {
    title: 'Reminders go to a team channel',
    message: 'Say "post reminders here" in the channel of a team where the app is installed, by @mentioning me there.',
    suggestions: QUESTION_SUGGESTIONS,
  };
}

/** "post reminders here" done. */
export function remindersPostedHereView(organizationName: string): NoticeView {
  return {
    title: 'Reminders will be posted here',
    message: `Renewal reminders for ${escapeMarkdown(organizationName)} will appear in this channel: when the renewal window opens, two weeks before the anniversary, when a customer reference is about to expire, and when requirements change.`,
    suggestions: QUESTION_SUGGESTIONS,
  };
}
