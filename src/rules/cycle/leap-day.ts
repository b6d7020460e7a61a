/**
 * A 29 February anniversary in a year without one: the bot uses 28 February (src/rules/cycle/cycle.ts). The
 * guide gives no rule for it, so every card that shows such a date says it is the bot's choice.
 */
import type { PlainDate } from '../common/plain-date.js';
import { parts } from '../common/plain-date.js';

/**
 * @example leapDayNote('2028-02-29', '2027-02-28') // 'Your anniversary is on 29 February: …'
 * @example leapDayNote('2027-02-28', '2027-02-28') // ''
 */
export function leapDayNote(storedAnniversary: PlainDate, shown: PlainDate): string {
  const stored = parts(storedAnniversary);
  const day = parts(shown);
  if (stored.month !== 2 || stored.day !== 29 || day.month !== 2 || day.day !== 28) return '';
  return "Your anniversary is on 29 February: in a year without one the bot counts to 28 February. The guide gives no rule for this (the bot's choice): confirm the date in the partner portal's welcome message.";
}
