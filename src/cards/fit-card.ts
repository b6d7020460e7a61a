/**
 * Cards with long lists (checklist items, references, certified people, the profile form's lines) show
 * as many items as fit in one Teams message, and page or summarize the rest: the rules build a view
 * for a given number of items, and this finds the largest number whose card fits.
 */
import { CARD_BYTES_BUDGET, cardBytes, renderCard, type CardAttachment, type CardName, type CardViews } from './render-card.js';

export function fitsOneMessage(card: CardAttachment): boolean {
  return cardBytes(card) <= CARD_BYTES_BUDGET;
}

/**
 * The card of `viewOf(count)` for the largest `count` from `least` to `most` that fits (a binary
 * search: a card grows with its items). When even `least` items do not fit, the card with `least`.
 * @example renderLargestFitting('checklist', 1, items.length, (count) => checklistView({ ...input, window: { from: 0, count } }))
 */
export function renderLargestFitting<K extends CardName>(name: K, least: number, most: number, viewOf: (count: number) => CardViews[K]): CardAttachment {
  const render = (count: number) => renderCard(name, viewOf(count));
  const largest = render(most);
  if (most <= least || fitsOneMessage(largest)) return largest;
  let fitting = render(least);
  let low = least;
  let high = most;
  // Invariant: `low` items fit (or low === least), `high` items do not.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const card = render(middle);
    if (fitsOneMessage(card)) {
      low = middle;
      fitting = card;
    } else high = middle;
  }
  return fitting;
}
