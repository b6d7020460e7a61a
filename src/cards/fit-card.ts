/**
 * Cards with long lists (checklist items, references, certified people, the profile form's lines) show
 * as many items as fit in one Teams message, and page or summarize the rest: the rules build a view
 * for a given number of items, and this finds the largest number whose card fits.
 */
import { CARD_BYTES_BUDGET, cardBytes, renderCard, type CardAttachment, type CardName, type CardViews } from './render-card.js';

export function fitsOneMessage(card: CardAttachment): boolean {
  return cardBytes(card) <= CARD_BYTES_BUDGET;
}

/** Items tried first: most lists are shorter, and their card is rendered once. */
const FIRST_TRY = 32;

/**
 * The card of `viewOf(count)` for the largest `count` from `least` to `most` that fits. A card grows
 * with its items, so the count doubles from FIRST_TRY until a card does not fit, then a binary search
 * narrows it: a long list (2,000 certifications, some 600 KB) is never rendered whole. When even
 * `least` items do not fit, the card with `least`.
 * @example renderLargestFitting('checklist', 1, items.length, (count) => checklistView({ ...input, page: { anchor: FIRST_PAGE, count } }))
 */
export function renderLargestFitting<K extends CardName>(name: K, least: number, most: number, viewOf: (count: number) => CardViews[K]): CardAttachment {
  const render = (count: number) => renderCard(name, viewOf(count));
  let fitting: CardAttachment | undefined;
  let low = least;
  let high = most + 1;
  // Invariant: `low` items fit (or low === least, untried), `high` items do not (or high > most).
  for (let count = Math.max(least, Math.min(most, FIRST_TRY)); ; count = Math.min(most, count * 2)) {
    const card = render(count);
    if (!fitsOneMessage(card)) {
      high = count;
      break;
    }
    [low, fitting] = [count, card];
    if (count >= most) return card;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const card = render(middle);
    if (fitsOneMessage(card)) [low, fitting] = [middle, card];
    else high = middle;
  }
  return fitting ?? render(least);
}
