/**
 * What a typed message asks, remembered per exact text: people repeat the same few questions, and
 * matching with typo tolerance (edit distances against every keyword, 22–45 µs) is the costliest step
 * of our own per turn. Buttons skip it (their `{ ask }` data names the question). recognizeIntent
 * depends only on the text and the catalog.
 */
import { LRUCache } from 'lru-cache';
import type { Catalog } from '../rules/catalog/catalog.js';
import { recognizeIntent, type Intent } from './intents.js';

/** Texts remembered (the least recently asked goes first): far more than the questions people repeat, under 1 MB. */
const TEXTS_REMEMBERED = 1_000;
/** Longer texts are matched every time: typed questions, not the bot's own phrases. */
const LONGEST_REMEMBERED_TEXT = 200;

export function intentMemory(catalog: Catalog): (text: string) => Intent {
  const known = new LRUCache<string, Intent>({ max: TEXTS_REMEMBERED });
  return (text) => {
    if (text.length > LONGEST_REMEMBERED_TEXT) return recognizeIntent(text, catalog);
    let intent = known.get(text);
    if (!intent) {
      intent = Object.freeze(recognizeIntent(text, catalog));
      known.set(text, intent);
    }
    return intent;
  };
}
