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
  return editDistance(typed, expected) <= limit;
}

function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const previous = d[i - 1] as number[];
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
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
