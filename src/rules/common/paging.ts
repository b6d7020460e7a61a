/**
 * Pages of a long list on a card that must fit in one Teams message: a page shows as many items as
 * fit (the bot layer finds how many, src/cards/fit-card.ts) and its buttons ask for the items after
 * it, or the ones before it. A page is anchored where its button points, so every item can be reached
 * from the first page on, whatever the length of the items.
 */
import { z } from 'zod';

/** Where a page is: starting at item `from`, or (going back) ending just before item `until`. */
export type PageAnchor = { from: number } | { until: number };

/** An item index in a page button's data: bounded far above the longest list a profile holds. */
export const PageIndexSchema = z.number().int().min(0).max(100_000);

export const FIRST_PAGE: PageAnchor = { from: 0 };

/** The anchor a page button's data names (`from`, else `until`); neither: the first page. */
export function anchorOf(data: { from?: number | undefined; until?: number | undefined }): PageAnchor {
  if (data.from !== undefined) return { from: data.from };
  return data.until !== undefined ? { until: data.until } : FIRST_PAGE;
}

/** The items a page shows: `count` of them from index `from`. */
export interface PageWindow {
  from: number;
  count: number;
}

/** How many items a page at `anchor` could show at most, of `total`. */
export function itemsAvailable(anchor: PageAnchor, total: number): number {
  return 'from' in anchor ? Math.max(0, total - Math.min(anchor.from, total)) : Math.min(anchor.until, total);
}

/** The window of `count` items at `anchor` (clamped to the list). */
export function pageWindow(anchor: PageAnchor, count: number, total: number): PageWindow {
  const shown = Math.min(count, itemsAvailable(anchor, total));
  if ('from' in anchor) return { from: Math.min(anchor.from, total), count: shown };
  return { from: Math.min(anchor.until, total) - shown, count: shown };
}

export interface PageView {
  /** "Items 21–40 of 505"; '' when the page shows the whole list. */
  label: string;
  /** Anchors of the pages before and after this one; absent at either end. */
  previous?: PageAnchor;
  next?: PageAnchor;
}

/**
 * @example pageView({ from: 20, count: 20 }, 505, 'items') // { label: 'Items 21–40 of 505', previous: { until: 20 }, next: { from: 40 } }
 */
export function pageView(window: PageWindow, total: number, noun: string): PageView {
  if (window.from === 0 && window.count >= total) return { label: '' };
  const last = window.from + window.count;
  const range = window.count === 0 ? 'None' : window.count === 1 ? `${capitalized(singular(noun))} ${window.from + 1}` : `${capitalized(noun)} ${window.from + 1}–${last}`;
  return {
    label: `${range} of ${total}`,
    ...(window.from > 0 ? { previous: { until: window.from } } : {}),
    ...(last < total ? { next: { from: last } } : {}),
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function singular(noun: string): string {
  return noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, '');
}

/** How many items of a long list a summary shows (a card's details, a reminder): the rest are a button away. */
export const SUMMARY_ITEMS = 3;

/**
 * The first `shown` items and how many are left out.
 * @example firstItems(['a', 'b', 'c', 'd', 'e'], 3) // { first: ['a', 'b', 'c'], more: 2 }
 */
export function firstItems<T>(items: readonly T[], shown = SUMMARY_ITEMS): { first: T[]; more: number } {
  return { first: items.slice(0, shown), more: Math.max(0, items.length - shown) };
}

/**
 * The first items joined, then how many more: "a; b; c; and 2 more".
 * @example joinedWithMore(['a', 'b', 'c', 'd', 'e'], '; ', 3) // 'a; b; c; and 2 more'
 */
export function joinedWithMore(items: readonly string[], separator: string, shown = SUMMARY_ITEMS): string {
  const { first, more } = firstItems(items, shown);
  return more === 0 ? first.join(separator) : `${first.join(separator)}${separator}and ${more} more`;
}
