/** The simplest card: a short confirmation or explanation, and the questions to ask next. */
import type { Suggestion } from './suggestions.js';

/** A short confirmation or explanation, e.g. "Reminders will be posted here". */
export interface NoticeView {
  title: string;
  message: string;
  suggestions: Suggestion[];
}
