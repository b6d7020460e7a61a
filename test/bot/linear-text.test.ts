/**
 * What a member of any tenant types runs through these on every message: each must take time linear
 * in the text, so adversarial input costs about what plain input of the same length costs (the old
 * `/<[^>]+>/g` took ~0.7 s on 28,000 `<`). Timed against plain text of the same length, with headroom.
 */
import { describe, expect, it } from 'vitest';
import { recognizeIntent } from '../../src/bot/intents.js';
import { normalizeText, stripTags } from '../../src/bot/text-matching.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { recordStat } from '../support/verify-stats.js';

const catalog = defaultCatalog();
const LENGTH = 28_000;

/** The median of several runs, in ms: one slow run on a shared machine does not decide. */
function medianMs(run: () => void, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] as number;
}

const ADVERSARIAL = {
  'opening angle brackets': '<'.repeat(LENGTH),
  'unclosed tags': '<a'.repeat(LENGTH / 2),
  'unclosed mentions': '<at>x'.repeat(LENGTH / 5),
  'mentions': '<at>x</at>'.repeat(LENGTH / 10),
  'spaces before a letter': `${' '.repeat(LENGTH - 1)}x`,
};
const plain = 'when is our anniversary '.repeat(LENGTH / 24).slice(0, LENGTH);

describe('text from a message is read in linear time', () => {
  it.each(Object.entries(ADVERSARIAL))('%s cost about what plain text of the same length costs', (_name, text) => {
    expect(text.length).toBe(LENGTH);
    const plainMs = medianMs(() => recognizeIntent(plain, catalog));
    const adversarialMs = medianMs(() => recognizeIntent(text, catalog));
    recordStat('patterns.adversarialTried', 1);
    // Plain text takes well under a millisecond; 5 ms of slack keeps a busy 2-core machine from deciding.
    expect(adversarialMs).toBeLessThan(plainMs * 5 + 5);
  });

  it('strips tags in linear time, even with no tag ever closing', () => {
    const adversarialMs = medianMs(() => stripTags('<'.repeat(LENGTH * 10)));
    const plainMs = medianMs(() => stripTags('a'.repeat(LENGTH * 10)));
    expect(adversarialMs).toBeLessThan(plainMs * 5 + 5);
  });

  it('reads at most the first 1,000 characters for the intent, and mentions and tags still go', () => {
    expect(normalizeText(`${'x '.repeat(600)}requirements`)).not.toContain('requirements');
    expect(normalizeText('<at>Renewal Bot</at> when is <b>our</b> anniversary')).toBe('when is our anniversary');
    expect(normalizeText('a < b > c <at>unclosed')).toBe('a c unclosed');
    expect(recognizeIntent('<at>Renewal Bot</at> requirements', catalog).ask).toBe('requirements');
  });
});
