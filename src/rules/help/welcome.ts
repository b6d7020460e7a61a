/** The welcome card (on install), also the help card and the answer to anything not understood. */
import { MOVE_REMINDERS_HINT } from '../reminders/channel-notices.js';
import { QUESTION_SUGGESTIONS, SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import { escapeMarkdown } from '../common/markdown.js';

export interface WelcomeInput {
  organizationName?: string;
  /** What the person typed when the bot did not understand it. */
  notUnderstoodText?: string;
}

export interface WelcomeView {
  title: string;
  intro: string;
  /** Where the reminders go and how to move them. */
  remindersNote: string;
  /** True once the organization has a profile; the card then offers the questions, otherwise setup. */
  isSetUp: boolean;
  setupHint: string;
  /** Shown when the card answers something the bot did not understand. */
  notUnderstood?: string;
  suggestions: Suggestion[];
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
