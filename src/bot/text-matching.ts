/** Typo-tolerant word matching for what people type in chat. */

/**
 * Intent matching reads this much of a message: every question the bot answers fits many times over,
 * and what a member of any tenant sends cannot make every other tenant wait (Teams allows ~28 KB).
 */
export const INTENT_TEXT_LIMIT = 1000;

/**
 * Lower case, mentions, tags and punctuation removed, whitespace folded, at most INTENT_TEXT_LIMIT
 * characters read. Every step is linear in the text: no pattern here can backtrack.
 */
export function normalizeText(text: string): string {
  return stripTags(text.slice(0, INTENT_TEXT_LIMIT))
    .toLowerCase()
    .replace(/&nbsp;/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `<at>Name</at>` mentions and any other `<…>` tag replaced by a space, in one pass. The pattern
 * `/<[^>]+>/g` it replaces backtracked over the rest of the text from every `<` without a `>` after
 * it: quadratic (0.7 s for 28,000 of them). Here a `<` with no `>` after it ends the search.
 */
export function stripTags(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break; // no tag can close after here: the rest is text
    let end = close + 1;
    // A mention's name is dropped with its tags, as the bot's own name must not count as a question word.
    if (end - open === 4 && lower.startsWith('<at>', open)) {
      const closing = lower.indexOf('</at>', end);
      const nextOpen = text.indexOf('<', end);
      if (closing >= 0 && closing === nextOpen) end = closing + '</at>'.length;
    }
    out += `${text.slice(from, open)} `;
    from = end;
  }
  return out + text.slice(from);
}

export function words(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

/** Edits allowed for a word of this length: none for short words, one from 4 letters, two from 8. */
function allowedEdits(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** True when `typed` is `expected` with at most a small typo (Damerau–Levenshtein distance). */
export function isCloseWord(typed: string, expected: string): boolean {
  if (typed === expected) return true;
  const limit = allowedEdits(expected.length);
  if (limit === 0 || Math.abs(typed.length - expected.length) > limit) return false;
  return editDistance(typed, expected, limit) <= limit;
}

// Three reused rows: this runs for every word of every message, so it must not allocate.
let rowBeforeLast = new Int32Array(32);
let lastRow = new Int32Array(32);
let row = new Int32Array(32);

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const width = b.length + 1;
  if (row.length < width) {
    rowBeforeLast = new Int32Array(width);
    lastRow = new Int32Array(width);
    row = new Int32Array(width);
  }
  for (let j = 0; j < width; j++) lastRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(lastRow[j]! + 1, row[j - 1]! + 1, lastRow[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rowBeforeLast[j - 2]! + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return best;
    [rowBeforeLast, lastRow, row] = [lastRow, row, rowBeforeLast];
  }
  return lastRow[width - 1]!;
}

/** True when `a` becomes `b` with at most `limit` edits (insertions, deletions, substitutions, swaps). */
export function isWithinEdits(a: string, b: string, limit: number): boolean {
  if (a === b) return true;
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b, limit) <= limit;
}

/** True when any typed word is close to any of the expected words. */
export function hasWord(typed: readonly string[], expected: readonly string[]): boolean {
  return typed.some((word) => expected.some((candidate) => isCloseWord(word, candidate)));
}

/** True when the phrase's words appear in order, consecutively, each allowing a small typo. */
export function hasPhrase(typed: readonly string[], phrase: string): boolean {
  const expected = phrase.split(' ');
  for (let start = 0; start + expected.length <= typed.length; start++) {
    if (expected.every((word, offset) => isCloseWord(typed[start + offset] as string, word))) return true;
  }
  return false;
}
