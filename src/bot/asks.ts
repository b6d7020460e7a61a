/**
 * Question buttons submit `{ ask: … }` (src/rules/questions/suggestions.ts): the question itself, as declared in
 * src/rules/questions/questions.ts, so the same handler answers it as the typed question. Validated here; anything
 * else is refused with a card saying so, before any handler runs.
 */
import { AskSchema, type Ask } from '../rules/questions/questions.js';
import { AppError } from './app-error.js';

/** True when submitted card data is a question button's (it names an `ask`), valid or not. */
export function isAskData(data: Record<string, unknown>): boolean {
  return 'ask' in data;
}

/**
 * @example askOf({ ask: 'requirements', competencyId: 'cloud-platform', level: 'gold' })
 * // { ask: 'requirements', competencyId: 'cloud-platform', level: 'gold' }
 */
export function askOf(data: Record<string, unknown>): Ask {
  const parsed = AskSchema.safeParse(data);
  if (!parsed.success) throw new AppError('ask.unknown', { ask: String(data.ask).slice(0, 40) });
  return parsed.data;
}
