/** The questions the bot offers as buttons, worded as a person would type them. */
import type { Suggestion } from './view-models.js';

export const SUGGESTIONS = {
  anniversary: { title: 'Our anniversary', text: 'when is our anniversary' },
  daysLeft: { title: 'Days until renewal', text: 'how many days until renewal' },
  requirements: { title: 'Requirements', text: 'requirements' },
  contact: { title: 'Program contact', text: 'who is our program contact' },
  support: { title: 'Get support', text: 'how do I get support' },
  setup: { title: 'Set up / edit profile', text: 'setup' },
  help: { title: 'Help', text: 'help' },
} satisfies Record<string, Suggestion>;

export const QUESTION_SUGGESTIONS: Suggestion[] = [
  SUGGESTIONS.anniversary,
  SUGGESTIONS.requirements,
  SUGGESTIONS.contact,
  SUGGESTIONS.support,
];
