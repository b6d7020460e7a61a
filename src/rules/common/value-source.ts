/**
 * Where a catalog value comes from: the renewal guide itself, or somewhere else, in which case a
 * card that shows it says it is to be confirmed and where.
 */
import { z } from 'zod';

export const ValueSourceSchema = z.enum(['guide', 'to-confirm']).default('to-confirm');
export type ValueSource = z.infer<typeof ValueSourceSchema>;

/**
 * The value as a card shows it: unchanged when the guide gives it, else followed by where to confirm it.
 * @example markedValue('5', 'to-confirm', 'on the Cloud Platform page, Requirements → Gold') // '5 (to confirm on the Cloud Platform page, Requirements → Gold)'
 */
export function markedValue(text: string, source: ValueSource, where: string): string {
  if (source === 'guide') return text;
  return where === '' ? `${text} (to confirm)` : `${text} (to confirm ${where})`;
}

/** The title of a link button whose address is not in the guide. */
export function markedLinkTitle(title: string, source: ValueSource): string {
  return source === 'guide' ? title : `${title} (address to confirm)`;
}

/** An address written out in a sentence, marked when it is not in the guide. */
export function markedAddress(url: string, source: ValueSource): string {
  return source === 'guide' ? url : `${url} (address to confirm)`;
}
