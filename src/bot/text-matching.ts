/** Typo-tolerant word matching for what people type in chat. */

/** Lower case, mentions and punctuation removed, whitespace folded. */
export function normalizeText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .toLowerCase()
    .replace(/&nbsp;/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
