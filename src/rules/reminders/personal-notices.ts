/**
 * What the bot answers to "stop personal reminders" and "start personal reminders": only the
 * Primary Program Contact gets personal reminders (guide lines 8-10), so only they can switch them,
 * and only in their 1:1 chat with the bot.
 */
import { escapeMarkdown } from '../common/markdown.js';
import type { PrimaryContact } from '../organization/organization.js';
import { QUESTION_SUGGESTIONS, SUGGESTIONS } from '../questions/suggestions.js';
import type { NoticeView } from '../questions/notice-view.js';

/** The switch, in an installation that sends no personal reminders (PERSONAL_REMINDERS=off). */
export function personalRemindersOffView(): NoticeView {
  return {
    title: 'No personal reminders here',
    message: 'This installation of Renewal Bot sends reminders to a team channel only, not in a 1:1 chat. Nothing was changed.',
    suggestions: QUESTION_SUGGESTIONS,
  };
}

/** The switch, said in a group chat or a channel. */
export function personalRemindersNeedChatView(): NoticeView {
  return {
    title: 'Personal reminders are switched in a 1:1 chat',
    message: 'Say "stop personal reminders" or "start personal reminders" in your personal chat with me. Nothing was changed.',
    suggestions: QUESTION_SUGGESTIONS,
  };
}

/** The switch, said by someone who is not the Primary Program Contact. */
export function personalRemindersOnlyContactView(contact: Pick<PrimaryContact, 'name'>): NoticeView {
  return {
    title: 'Only the Primary Program Contact gets personal reminders',
    message: `Personal reminders go to ${escapeMarkdown(contact.name)}, your organization's Primary Program Contact, who can stop or start them. Nothing was changed. If the contact has changed, an admin can update it with "setup".`,
    suggestions: [SUGGESTIONS.contact, SUGGESTIONS.setup],
  };
}

/**
 * @example personalRemindersSwitchedView('Contoso', false).title // 'Personal reminders stopped'
 */
export function personalRemindersSwitchedView(organizationName: string, on: boolean): NoticeView {
  const name = escapeMarkdown(organizationName);
  return on
    ? {
        title: 'Personal reminders are on',
        message: `As the Primary Program Contact of ${name}, you get the two-week, anniversary-passed and customer-reference reminders here in our 1:1 chat (and the window-open one while no team channel gets reminders). Say "stop personal reminders" to stop them.`,
        suggestions: [SUGGESTIONS.stopPersonalReminders, ...QUESTION_SUGGESTIONS.slice(0, 2)],
      }
    : {
        title: 'Personal reminders stopped',
        message: `You will get no more personal reminders for ${name} here; reminders to a team's channel are not affected. Say "start personal reminders" to have them here again.`,
        suggestions: [SUGGESTIONS.startPersonalReminders, ...QUESTION_SUGGESTIONS.slice(0, 2)],
      };
}
