/**
 * The profile form's three lists (other competencies, customer references, certifications) when a
 * profile holds more lines than fit in one Teams message (500 references and 2,000 certifications of
 * 200-character names come to some 600 KB): the form shows a window of each list, and saving it
 * replaces only the lines shown. The lines before and after are kept, so a save never loses them.
 *
 * Each window the form shows travels in its submit data with the list's length and fingerprint when
 * the form was made: a list changed since (another save, an import) makes the save refuse, rather
 * than replace lines that are no longer the ones shown.
 */
import { z } from 'zod';
import { fingerprint } from '../common/fingerprint.js';
import { PageIndexSchema } from '../common/paging.js';
import type { OrganizationProfile } from '../organization/organization.js';
import type { Suggestion } from '../questions/suggestions.js';
import { LINED_FIELDS, type LinedField, type ListStarts } from '../questions/parameters.js';

/** One list shown in part: lines `from` to `from + count` of `total`, the list being `fingerprint`. */
const ListWindowSchema = z.object({ from: PageIndexSchema, count: PageIndexSchema, total: PageIndexSchema, fingerprint: z.string().regex(/^[0-9a-f]{8}$/) });
type ListWindow = z.infer<typeof ListWindowSchema>;
const ListWindowsSchema = z.object({ otherCompetencies: ListWindowSchema.optional(), customerReferences: ListWindowSchema.optional(), certifications: ListWindowSchema.optional() });
export type ListWindows = z.infer<typeof ListWindowsSchema>;

const NOUNS: Record<LinedField, string> = { otherCompetencies: 'competencies', customerReferences: 'references', certifications: 'certifications' };
/** How the form names a list in a message. */
export const LIST_TITLES: Record<LinedField, string> = { otherCompetencies: 'other competencies', customerReferences: 'customer references', certifications: 'certifications' };

function listFingerprint(items: readonly unknown[]): string {
  return fingerprint(JSON.stringify(items));
}

/**
 * The window of `items` from `start` with at most `count` lines, or undefined when it holds the whole
 * list (the form then edits the list as a whole, as it always did).
 */
export function listWindow(items: readonly unknown[], start: number, count: number): ListWindow | undefined {
  const from = Math.min(start, items.length);
  const shown = Math.min(count, items.length - from);
  if (from === 0 && shown === items.length) return undefined;
  return { from, count: shown, total: items.length, fingerprint: listFingerprint(items) };
}

/** The note under a list shown in part; '' for a whole list. */
export function windowNote(field: LinedField, window: ListWindow | undefined): string {
  if (!window) return '';
  const noun = NOUNS[field];
  const range = window.count === 0 ? `None of the ${window.total} ${noun} are shown` : `${capitalized(noun)} ${window.from + 1}–${window.from + window.count} of ${window.total} are shown`;
  return `${range}: what you change here replaces those lines only, and the other ${window.total - window.count} are kept as they are. Lines are too many for one message, so the form shows them part by part; save before moving on.`;
}

/** Buttons to the lines before and after a window, each opening the form there (other lists where they are). */
export function windowButtons(field: LinedField, window: ListWindow | undefined, starts: Required<ListStarts>): Suggestion[] {
  if (!window) return [];
  const at = (start: number): Suggestion['data'] => ({ ask: 'setup', lines: { ...starts, [field]: start } });
  const noun = NOUNS[field];
  const last = window.from + window.count;
  return [
    ...(window.from > 0 ? [{ title: `Previous ${noun}`, data: at(Math.max(0, window.from - Math.max(window.count, 1))) }] : []),
    ...(last < window.total ? [{ title: `Next ${noun}`, data: at(last) }] : []),
  ];
}

/**
 * The windows a submit names, checked against `stored`, the profile the form was made from: a `refusal`
 * when one is damaged or its list changed since (its lines are no longer the ones shown).
 */
export function windowsOfSubmit(data: unknown, stored: OrganizationProfile | undefined): { windows: ListWindows; refusal?: string } {
  const parsed = ListWindowsSchema.safeParse(data ?? {});
  if (!parsed.success) return { windows: {}, refusal: 'This form came back damaged: nothing was saved. The form below shows the profile as it is now.' };
  const windows = parsed.data;
  const changed = LINED_FIELDS.filter((field) => {
    const window = windows[field];
    return window !== undefined && (stored === undefined || staleWindow(window, stored[field]));
  });
  if (changed.length === 0) return { windows };
  const lists = changed.map((field) => LIST_TITLES[field]).join(' and ');
  return { windows, refusal: `The ${lists} changed since this form was opened (another save or an import): nothing was saved. The form below shows the profile as it is now.` };
}

function staleWindow(window: ListWindow, stored: readonly unknown[]): boolean {
  return window.total !== stored.length || window.from + window.count > stored.length || window.fingerprint !== listFingerprint(stored);
}

/**
 * The list a save writes: the stored one with the window's lines replaced by the `rows` submitted (the
 * rows alone for a list shown whole), and the form line of each item (undefined for a line not shown).
 */
export function mergedList<T>(field: LinedField, windows: ListWindows, stored: OrganizationProfile | undefined, rows: T[], lines: number[]): { items: T[]; lines: (number | undefined)[] } {
  const window = windows[field];
  const list = stored?.[field] as T[] | undefined;
  if (!window || !list) return { items: rows, lines };
  const kept = (count: number) => Array<undefined>(count).fill(undefined);
  return {
    items: [...list.slice(0, window.from), ...rows, ...list.slice(window.from + window.count)],
    lines: [...kept(window.from), ...lines, ...kept(list.length - window.from - window.count)],
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
