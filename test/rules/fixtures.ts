/**
 * Helpers for the rules tests. The calendar oracle here is written independently of
 * `src/rules/common/plain-date.ts` (a month-length table, no `Date`), so a property that compares the two
 * can catch a bug in either one.
 */
import fc from 'fast-check';
import { defaultCatalog, parseCatalog, type Catalog, type CatalogData } from '../../src/rules/catalog/catalog.js';

export function oracleIsLeap(year: number): boolean {
  if (year % 400 === 0) return true;
  if (year % 100 === 0) return false;
  return year % 4 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function oracleDaysInMonth(year: number, month: number): number {
  if (month === 2 && oracleIsLeap(year)) return 29;
  const length = MONTH_LENGTHS[month - 1];
  if (length === undefined) throw new Error(`no month ${month}`);
  return length;
}

export function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function split(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`not a date: ${date}`);
  return [year, month, day];
}

/** The next (step 1) or previous (step -1) calendar day, by counting through the month table. */
export function oracleStep(date: string, step: 1 | -1): string {
  let [year, month, day] = split(date);
  day += step;
  if (day > oracleDaysInMonth(year, month)) {
    day = 1;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  } else if (day < 1) {
    month -= 1;
    if (month < 1) {
      month = 12;
      year -= 1;
    }
    day = oracleDaysInMonth(year, month);
  }
  return iso(year, month, day);
}

/** `n` days after `date`, walking one day at a time (keep `n` small). */
export function oracleAddDays(date: string, n: number): string {
  let current = date;
  for (let i = 0; i < Math.abs(n); i += 1) current = oracleStep(current, n < 0 ? -1 : 1);
  return current;
}

/** The same month and day `years` later, 29 February becoming 28 February in a common year. */
export function oracleAddYears(date: string, years: number): string {
  const [year, month, day] = split(date);
  const target = year + years;
  return iso(target, month, Math.min(day, oracleDaysInMonth(target, month)));
}

/** The calendar date of an instant in a zone, read from `formatToParts` (independent of any locale's pattern). */
export function intlDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return iso(value('year'), value('month'), value('day'));
}

/** A valid calendar date between 1970 and 2200, built from integers. */
export const plainDateArb = fc
  .record({ year: fc.integer({ min: 1970, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => iso(year, month, Math.min(day, oracleDaysInMonth(year, month))));

/** A catalog built from the default one after `change` edits a deep copy of its data. */
export function catalogWith(change: (data: CatalogData) => void): Catalog {
  const data = structuredClone(defaultCatalog().data);
  change(data);
  return parseCatalog(data);
}

/** The default catalog's data as plain JSON, for tests that break it in ways the types forbid. */
export function rawCatalog(): Record<string, any> {
  return structuredClone(defaultCatalog().data) as unknown as Record<string, any>;
}
