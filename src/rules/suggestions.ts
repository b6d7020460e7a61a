/**
 * The questions the bot offers as buttons. A button sends its question as plain Action.Submit data,
 * `{ ask: … }`, which the bot answers exactly as the typed question: no `msteams` imBack, which some
 * clients (the Agents Playground) cannot render.
 */
import type { CompetencyLevel } from './organization.js';

/** What a question button asks; the bot validates it and routes it to the typed question's handler. */
export type Ask =
  | { ask: 'help' }
  | { ask: 'setup' }
  | { ask: 'anniversary' }
  | { ask: 'requirements'; competencyId?: string; level?: CompetencyLevel }
  | { ask: 'contact' }
  | { ask: 'support' }
  | { ask: 'mark-renewed' }
  | { ask: 'checklist' }
  | { ask: 'calls' }
  | { ask: 'calendar-link'; rotate?: boolean }
  | { ask: 'personal-reminders'; on: boolean };

export interface Suggestion {
  /** Button title, e.g. "Days until renewal". */
  title: string;
  /** The data the button submits, e.g. `{ ask: 'anniversary' }`. */
  data: Ask;
}

export const SUGGESTIONS = {
  anniversary: { title: 'Our anniversary', data: { ask: 'anniversary' } },
  daysLeft: { title: 'Days until renewal', data: { ask: 'anniversary' } },
  requirements: { title: 'Requirements', data: { ask: 'requirements' } },
  contact: { title: 'Program contact', data: { ask: 'contact' } },
  support: { title: 'Get support', data: { ask: 'support' } },
  setup: { title: 'Set up / edit profile', data: { ask: 'setup' } },
  help: { title: 'Help', data: { ask: 'help' } },
  checklist: { title: 'Open the checklist', data: { ask: 'checklist' } },
  markRenewed: { title: 'We renewed', data: { ask: 'mark-renewed' } },
  stopPersonalReminders: { title: 'Stop personal reminders', data: { ask: 'personal-reminders', on: false } },
  startPersonalReminders: { title: 'Start personal reminders', data: { ask: 'personal-reminders', on: true } },
} satisfies Record<string, Suggestion>;

export const QUESTION_SUGGESTIONS: Suggestion[] = [
  SUGGESTIONS.anniversary,
  SUGGESTIONS.requirements,
  SUGGESTIONS.contact,
  SUGGESTIONS.support,
];
