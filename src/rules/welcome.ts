/** The welcome card (on install), also the help card and the answer to anything not understood. */
import { MOVE_REMINDERS_HINT } from './reminder-channel.js';
import { QUESTION_SUGGESTIONS, SUGGESTIONS } from './suggestions.js';
import type { WelcomeView } from './view-models.js';
import { escapeMarkdown } from './markdown.js';

export interface WelcomeInput {
  organizationName?: string;
  /** What the person typed when the bot did not understand it. */
  notUnderstoodText?: string;
}

/**
 * @example welcomeView({ organizationName: 'Contoso' }).isSetUp // true
 */
export function welcomeView(input: WelcomeInput): WelcomeView {
  const isSetUp = input.organizationName !== undefined;
  return {
    title: isSetUp ? `Renewal Bot for ${escapeMarkdown(input.organizationName ?? '')}` : 'Renewal Bot',
    // Under 50 words: what the bot is for; the rest is one button or one question away.
    intro:
      'I help your team renew its partner-program membership and competencies on time: the anniversary date and days left, ' +
      'what each competency needs, your Primary Program Contact, support, a checklist to tick off together, and the MPN 101 call series.',
    remindersNote: MOVE_REMINDERS_HINT,
    isSetUp,
    setupHint: isSetUp
      ? 'Ask me in your own words, or pick a question below.'
      : 'First, tell me about your organization: say "setup" or press the button. Whoever saves the form becomes its first admin, so it must be a member of your organization, not a guest.',
    notUnderstood: input.notUnderstoodText === undefined ? undefined : `I did not understand "${escapeMarkdown(truncate(input.notUnderstoodText, 80))}". Here is what I can answer:`,
    suggestions: isSetUp ? [SUGGESTIONS.daysLeft, ...QUESTION_SUGGESTIONS, SUGGESTIONS.setup] : [SUGGESTIONS.setup, SUGGESTIONS.support],
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
