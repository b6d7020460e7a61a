/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, with arithmetic on whole days.
 *
 * Dates in this domain are calendar dates (an anniversary is a day, not an instant), so they are
 * handled as day numbers counted in UTC, which never see a DST change whatever `TZ` the process has.
 *
 * @example addDays('2027-02-28', 1) // '2027-03-01'
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { LRUCache } from 'lru-cache';

export type PlainDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `text` is `YYYY-MM-DD` and names a day that exists (no 2026-02-30). */
export function isPlainDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parts(date: PlainDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function fromParts(year: number, month: number, day: number): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDayNumber(date: PlainDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): PlainDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same month and day in another year; 29 February becomes 28 February in a common year.
 * @example sameDayInYear('2024-02-29', 2027) // '2027-02-28'
 */
export function sameDayInYear(date: PlainDate, year: number): PlainDate {
  const { month, day } = parts(date);
  return fromParts(year, month, Math.min(day, daysInMonth(year, month)));
}

/** Calendar years added to a date, keeping month and day (29 February clamps to the 28th). */
export function addYears(date: PlainDate, years: number): PlainDate {
  return sameDayInYear(date, parts(date).year + years);
}

/**
 * The calendar date that an instant falls on in an IANA time zone.
 * @example calendarDateIn(new Date('2026-11-25T23:30:00Z'), 'Pacific/Auckland') // '2026-11-26'
 */
export function calendarDateIn(instant: Date, timeZone: string): PlainDate {
  return dateFormatterFor(timeZone).format(instant);
}

// Zone names arrive from outside (a profile, Teams' localTimezone): only the runtime's own spelling
// of a zone it knows is ever a cache key, so the formatter caches hold at most one entry per real
// zone whatever casings or junk a request sends.
const zoneByLowerName = new Map<string, string>([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * The runtime's own spelling of a zone name ('europe/berlin' → 'Europe/Berlin', as listed by
 * Intl.supportedValuesOf), or undefined when the runtime does not know it. Links such as
 * 'US/Pacific' resolve too; only names that resolve are remembered, and those are finite.
 */
function resolveTimeZone(timeZone: string): string | undefined {
  const lower = timeZone.toLowerCase();
  const known = zoneByLowerName.get(lower);
  if (known !== undefined || !ZONE_NAME.test(timeZone)) return known;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  zoneByLowerName.set(lower, resolved);
  return resolved;
}

/** The runtime's own spelling of a zone name; throws for a name it does not know (validate first). */
export function canonicalTimeZone(timeZone: string): string {
  const canonical = resolveTimeZone(timeZone);
  if (canonical === undefined) throw new RangeError(`Unknown time zone: ${timeZone.slice(0, 64)}`);
  return canonical;
}

/** True when the runtime knows `timeZone` as an IANA zone name (in any letter case). */
export function isTimeZone(timeZone: string): boolean {
  return resolveTimeZone(timeZone) !== undefined;
}

const formatterCaches: Map<string, Intl.DateTimeFormat>[] = [];

/** One formatter per canonical zone: constructing one costs ~50 µs. */
function perZone(make: (timeZone: string) => Intl.DateTimeFormat): (timeZone: string) => Intl.DateTimeFormat {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  formatterCaches.push(formatters);
  return (timeZone) => {
    const canonical = canonicalTimeZone(timeZone);
    let formatter = formatters.get(canonical);
    if (!formatter) {
      formatter = make(canonical);
      formatters.set(canonical, formatter);
    }
    return formatter;
  };
}

// en-CA formats as YYYY-MM-DD.
const dateFormatterFor = perZone((timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
const hourFormatterFor = perZone(
  (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }),
);

/** Zone names remembered, and formatters cached: a test shows neither grows past the runtime's zones. */
export function cachedZoneCount(): { names: number; formatters: number } {
  return { names: zoneByLowerName.size, formatters: Math.max(...formatterCaches.map((cache) => cache.size)) };
}

/** @example longDate('2027-02-28') // 'February 28, 2027' */
export function longDate(date: PlainDate): string {
  return memoized(longDates, date, () => format(asUtcDate(date), 'MMMM d, yyyy'));
}

/** The month as the guide writes dates it gives to the month. @example monthYear('2016-01-01') // 'January 2016' */
export function monthYear(date: PlainDate): string {
  return format(asUtcDate(date), 'MMMM yyyy');
}

/** @example weekdayDate('2027-02-28') // 'Sunday, February 28, 2027' */
export function weekdayDate(date: PlainDate): string {
  return memoized(weekdayDates, date, () => format(asUtcDate(date), 'EEEE, MMMM d, yyyy'));
}

// Formatting a date costs ~10 µs and every card formats several: the same few dates recur, so the
// labels are kept (a pure function's results; bounded, so memory stays flat).
/** Labels kept per format: every day of 50 years, so the dates cards show never miss; a few MB. */
const DATE_LABELS_KEPT = 20_000;
const longDates = new LRUCache<PlainDate, string>({ max: DATE_LABELS_KEPT });
const weekdayDates = new LRUCache<PlainDate, string>({ max: DATE_LABELS_KEPT });
function memoized(cache: LRUCache<PlainDate, string>, date: PlainDate, compute: () => string): string {
  let label = cache.get(date);
  if (label === undefined) {
    label = compute();
    cache.set(date, label);
  }
  return label;
}

// A TZDate pinned to UTC formats the same calendar day whatever TZ the process runs under.
function asUtcDate(date: PlainDate): TZDate {
  return new TZDate(toDayNumber(date) * MS_PER_DAY, 'UTC');
}

/**
 * The calendar day a daily job at `hour` o'clock local time has most recently reached: today from
 * that hour on, yesterday before it.
 * @example dayReachedAtHour(new Date('2027-01-15T07:00:00Z'), 'Europe/Berlin', 9) // '2027-01-14' (08:00 there)
 */
export function dayReachedAtHour(instant: Date, timeZone: string, hour: number): PlainDate {
  const fields = Object.fromEntries(hourFormatterFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  const today = `${fields.year}-${fields.month}-${fields.day}`;
  return Number(fields.hour) >= hour ? today : addDays(today, -1);
}
