/**
 * The questions the bot offers as buttons. A button sends its question (questions/questions.ts) as plain
 * Action.Submit data, `{ ask: … }`, which the bot answers exactly as the typed question: no `msteams`
 * imBack, which some clients (the Agents Playground) cannot render.
 */
import type { PlainDate } from '../common/plain-date.js';
import type { Ask } from './questions.js';

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
  admins: { title: 'Admins', data: { ask: 'admins' } },
  help: { title: 'Help', data: { ask: 'help' } },
  checklist: { title: 'Open the checklist', data: { ask: 'checklist' } },
  markRenewed: { title: 'We renewed', data: { ask: 'mark-renewed' } },
  dateChanged: { title: 'The date changed', data: { ask: 'setup', field: 'anniversary' } },
  calendarFile: { title: 'Calendar reminders (.ics)', data: { ask: 'calendar-link' } },
  stopPersonalReminders: { title: 'Stop personal reminders', data: { ask: 'personal-reminders', on: false } },
  startPersonalReminders: { title: 'Start personal reminders', data: { ask: 'personal-reminders', on: true } },
} satisfies Record<string, Suggestion>;

/**
 * The three answers to "did you renew?" for the cycle of `anniversary`: the cycle travels with the
 * button, so a click on last year's card, or a second click, never moves the organization twice.
 * @example renewalAnswers('2027-02-28').map((s) => s.title) // ['We renewed', 'We did not renew', 'The date changed']
 */
export function renewalAnswers(anniversary: PlainDate): Suggestion[] {
  return [
    { title: 'We renewed', data: { ask: 'mark-renewed', cycle: anniversary } },
    { title: 'We did not renew', data: { ask: 'not-renewed', cycle: anniversary } },
    SUGGESTIONS.dateChanged,
  ];
}

export const QUESTION_SUGGESTIONS: Suggestion[] = [
  SUGGESTIONS.anniversary,
  SUGGESTIONS.requirements,
  SUGGESTIONS.contact,
  SUGGESTIONS.support,
];

/** What the checklist's calendar button and a person type alike. */
export const CALENDAR_LINK_SUGGESTION: Suggestion = { title: 'Add to calendar (.ics)', data: { ask: 'calendar-link' } };
