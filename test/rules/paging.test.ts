/** Pages of long lists (paging.ts): every item is on a page, and the buttons lead from one to the next. */
import { describe, expect, it } from 'vitest';
import { firstItems, joinedWithMore, pageView, pageWindow } from '../../src/rules/common/paging.js';

describe('pages of a list', () => {
  it('starts a page at `from`, or ends it just before `until` going back, within the list', () => {
    expect(pageWindow({ from: 20 }, 20, 45)).toEqual({ from: 20, count: 20 });
    expect(pageWindow({ from: 40 }, 20, 45)).toEqual({ from: 40, count: 5 });
    expect(pageWindow({ until: 20 }, 15, 45)).toEqual({ from: 5, count: 15 });
    expect(pageWindow({ until: 10 }, 15, 45)).toEqual({ from: 0, count: 10 });
    expect(pageWindow({ from: 90 }, 15, 45)).toEqual({ from: 45, count: 0 });
  });

  it('labels a page and points to the pages before and after; a whole list has neither', () => {
    expect(pageView({ from: 20, count: 20 }, 505, 'items')).toEqual({ label: 'Items 21–40 of 505', previous: { until: 20 }, next: { from: 40 } });
    expect(pageView({ from: 0, count: 20 }, 505, 'items')).toEqual({ label: 'Items 1–20 of 505', next: { from: 20 } });
    expect(pageView({ from: 500, count: 5 }, 505, 'items')).toEqual({ label: 'Items 501–505 of 505', previous: { until: 500 } });
    expect(pageView({ from: 504, count: 1 }, 505, 'references')).toMatchObject({ label: 'Reference 505 of 505' });
    expect(pageView({ from: 0, count: 9 }, 9, 'items')).toEqual({ label: '' });
  });

  it('reaches every item by following "next" from the first page, whatever each page holds', () => {
    const sizes = [7, 3, 11, 1, 5];
    const seen: number[] = [];
    let anchor: { from: number } | { until: number } | undefined = { from: 0 };
    for (let index = 0; anchor; index++) {
      const window = pageWindow(anchor, sizes[index % sizes.length]!, 40);
      seen.push(...Array.from({ length: window.count }, (_, offset) => window.from + offset));
      anchor = pageView(window, 40, 'items').next;
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, index) => index));
  });
});

describe('summaries of a list', () => {
  it('name the first items and count the rest', () => {
    expect(firstItems(['a', 'b', 'c', 'd'])).toEqual({ first: ['a', 'b', 'c'], more: 1 });
    expect(joinedWithMore(['a', 'b', 'c', 'd', 'e'], '; ')).toBe('a; b; c; and 2 more');
    expect(joinedWithMore(['a', 'b'], ', ')).toBe('a, b');
  });
});
