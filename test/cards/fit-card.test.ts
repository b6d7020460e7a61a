/** The largest number of items whose card fits one Teams message (src/cards/fit-card.ts). */
import { describe, expect, it } from 'vitest';
import { fitsOneMessage, renderLargestFitting } from '../../src/cards/fit-card.js';
import { renderCard } from '../../src/cards/render-card.js';
import type { EvidenceListView } from '../../src/rules/requirements/evidence-lists.js';

/** A list card of `count` items of about `length` characters each. */
const viewOf = (count: number, length: number): EvidenceListView => ({
  organizationName: 'Contoso',
  title: 'Items',
  intro: 'A list.',
  items: Array.from({ length: count }, (_, index) => `${index} `.padEnd(length, 'x')),
  pageLabel: '',
  suggestions: [],
});
const shown = (card: ReturnType<typeof renderCard>) => JSON.stringify(card.content).match(/x{10,}/g)?.length ?? 0;

describe('the largest card that fits', () => {
  it('holds every item when they all fit', () => {
    expect(shown(renderLargestFitting('evidence-list', 1, 12, (count) => viewOf(count, 100)))).toBe(12);
  });

  it('holds as many as fit, and one more would not, for short and long items and any number of them', () => {
    for (const [length, most] of [[100, 2000], [1000, 2000], [3000, 40], [800, 33]] as const) {
      const card = renderLargestFitting('evidence-list', 1, most, (count) => viewOf(count, length));
      const count = shown(card);
      expect(fitsOneMessage(card)).toBe(true);
      expect(count).toBeLessThan(most);
      expect(fitsOneMessage(renderCard('evidence-list', viewOf(count + 1, length)))).toBe(false);
    }
  });

  it('gives the card with the fewest items allowed when even those do not fit', () => {
    const card = renderLargestFitting('evidence-list', 1, 5, (count) => viewOf(count, 40_000));
    expect(shown(card)).toBe(1);
    expect(fitsOneMessage(card)).toBe(false);
  });
});
