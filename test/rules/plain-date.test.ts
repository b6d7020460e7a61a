import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  calendarDateIn,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isPlainDate,
  isTimeZone,
  longDate,
  sameDayInYear,
  weekdayDate,
} from '../../src/rules/common/plain-date.js';

describe('isPlainDate', () => {
  it.each(['2027-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts the real calendar date %s', (date) => {
    expect(isPlainDate(date)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'a 30 February'],
    ['2027-02-29', 'a 29 February in a common year'],
    ['2100-02-29', 'a 29 February in a century year that is not a leap year'],
    ['2026-04-31', 'a 31st in a 30-day month'],
    ['2026-13-01', 'a thirteenth month'],
    ['2026-00-10', 'month zero'],
    ['2026-05-00', 'day zero'],
    ['2026-5-1', 'digits without padding'],
    ['2026-05-01T00:00:00Z', 'an instant instead of a date'],
    ['01/05/2026', 'a locale-formatted date'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (text) => {
    expect(isPlainDate(text)).toBe(false);
  });
});

describe('leap years and month lengths', () => {
  it('knows 2028 and 2000 are leap years, and 2027 and 2100 are not', () => {
    expect([2028, 2000, 2027, 2100, 1900].map(isLeapYear)).toEqual([true, true, false, false, false]);
  });

  it('gives February 29 days in a leap year and 28 otherwise, and April 30', () => {
    expect([daysInMonth(2028, 2), daysInMonth(2027, 2), daysInMonth(2100, 2), daysInMonth(2027, 4), daysInMonth(2027, 12)]).toEqual([29, 28, 28, 30, 31]);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2027-02-28', -90, '2026-11-30'],
    ['2027-02-28', -14, '2027-02-14'],
  ])('moves %s by %i days to %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts the days from the window opening to the anniversary as 90', () => {
    expect(daysBetween('2026-11-30', '2027-02-28')).toBe(90);
  });

  it('counts backwards as a negative number of days', () => {
    expect(daysBetween('2027-03-01', '2027-02-28')).toBe(-1);
  });

  it('counts a leap year as 366 days and a common year as 365', () => {
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2027-01-01', '2028-01-01')).toBe(365);
  });

  it('keeps whole days across the America/New_York spring-forward day, 2027-03-14', () => {
    expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
    expect(addDays('2027-03-14', 1)).toBe('2027-03-15');
    expect(daysBetween('2027-03-13', '2027-03-15')).toBe(2);
  });

  it('keeps whole days across the Europe/Berlin fall-back day, 2027-10-31', () => {
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
    expect(addDays('2027-11-01', -1)).toBe('2027-10-31');
    expect(daysBetween('2027-10-30', '2027-11-01')).toBe(2);
  });
});

describe('sameDayInYear and addYears', () => {
  it('rolls a 29 February anniversary to 28 February in the next, common year', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(sameDayInYear('2028-02-29', 2029)).toBe('2029-02-28');
  });

  it('brings a 29 February anniversary back to the 29th in the next leap year, from the original date', () => {
    expect(sameDayInYear('2028-02-29', 2032)).toBe('2032-02-29');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('loses the 29th when rolled year by year from the clamped date, which is why the original is kept', () => {
    const rolled = addYears('2028-02-29', 1);
    expect(addYears(rolled, 3)).toBe('2032-02-28');
  });

  it('clamps 29 February in 2100, a century year that is not a leap year, but not in 2000', () => {
    expect(sameDayInYear('2096-02-29', 2100)).toBe('2100-02-28');
    expect(sameDayInYear('2096-02-29', 2000)).toBe('2000-02-29');
  });

  it('keeps every other day unchanged, including the end of long months', () => {
    expect(sameDayInYear('2027-02-28', 2028)).toBe('2028-02-28');
    expect(sameDayInYear('2027-12-31', 2030)).toBe('2030-12-31');
    expect(addYears('2025-06-01', 2)).toBe('2027-06-01');
  });
});

describe('calendarDateIn: today is a calendar date in the organization time zone', () => {
  const lateInUtc = new Date('2026-11-25T23:30:00Z');
  const earlyInUtc = new Date('2026-11-26T03:00:00Z');

  it('says it is already tomorrow in Pacific/Auckland and Pacific/Kiritimati while still today in UTC', () => {
    expect(calendarDateIn(lateInUtc, 'UTC')).toBe('2026-11-25');
    expect(calendarDateIn(lateInUtc, 'Pacific/Auckland')).toBe('2026-11-26');
    expect(calendarDateIn(lateInUtc, 'Pacific/Kiritimati')).toBe('2026-11-26');
  });

  it('says it is still yesterday in Pacific/Honolulu and America/Los_Angeles while already today in UTC', () => {
    expect(calendarDateIn(earlyInUtc, 'UTC')).toBe('2026-11-26');
    expect(calendarDateIn(earlyInUtc, 'Pacific/Honolulu')).toBe('2026-11-25');
    expect(calendarDateIn(earlyInUtc, 'America/Los_Angeles')).toBe('2026-11-25');
  });

  it('gives three different dates at one instant in Etc/GMT+12, UTC and Etc/GMT-14', () => {
    const instant = new Date('2026-11-25T11:00:00Z');
    expect(calendarDateIn(instant, 'Etc/GMT+12')).toBe('2026-11-24');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-11-25');
    expect(calendarDateIn(instant, 'Etc/GMT-14')).toBe('2026-11-26');
  });

  it('turns the date at local midnight in Etc/GMT-14 and Etc/GMT+12, not at UTC midnight', () => {
    expect(calendarDateIn(new Date('2026-11-25T09:59:59.999Z'), 'Etc/GMT-14')).toBe('2026-11-25');
    expect(calendarDateIn(new Date('2026-11-25T10:00:00Z'), 'Etc/GMT-14')).toBe('2026-11-26');
    expect(calendarDateIn(new Date('2026-11-26T11:59:59.999Z'), 'Etc/GMT+12')).toBe('2026-11-25');
    expect(calendarDateIn(new Date('2026-11-26T12:00:00Z'), 'Etc/GMT+12')).toBe('2026-11-26');
  });

  it('turns the date at local midnight on the America/New_York spring-forward day (2027-03-14)', () => {
    // Midnight starting the 14th is still EST (UTC-5); midnight ending it is EDT (UTC-4).
    expect(calendarDateIn(new Date('2027-03-14T04:59:59.999Z'), 'America/New_York')).toBe('2027-03-13');
    expect(calendarDateIn(new Date('2027-03-14T05:00:00Z'), 'America/New_York')).toBe('2027-03-14');
    expect(calendarDateIn(new Date('2027-03-14T07:30:00Z'), 'America/New_York')).toBe('2027-03-14');
    expect(calendarDateIn(new Date('2027-03-15T03:59:59.999Z'), 'America/New_York')).toBe('2027-03-14');
    expect(calendarDateIn(new Date('2027-03-15T04:00:00Z'), 'America/New_York')).toBe('2027-03-15');
  });

  it('turns the date at local midnight on the Europe/Berlin fall-back day (2027-10-31)', () => {
    // Midnight starting the 31st is CEST (UTC+2); midnight ending it is CET (UTC+1).
    expect(calendarDateIn(new Date('2027-10-30T21:59:59.999Z'), 'Europe/Berlin')).toBe('2027-10-30');
    expect(calendarDateIn(new Date('2027-10-30T22:00:00Z'), 'Europe/Berlin')).toBe('2027-10-31');
    // 02:30 local happens twice that night; both are the 31st.
    expect(calendarDateIn(new Date('2027-10-31T00:30:00Z'), 'Europe/Berlin')).toBe('2027-10-31');
    expect(calendarDateIn(new Date('2027-10-31T01:30:00Z'), 'Europe/Berlin')).toBe('2027-10-31');
    expect(calendarDateIn(new Date('2027-10-31T22:59:59.999Z'), 'Europe/Berlin')).toBe('2027-10-31');
    expect(calendarDateIn(new Date('2027-10-31T23:00:00Z'), 'Europe/Berlin')).toBe('2027-11-01');
  });

  it('reports 29 February on the leap day itself in zones on both sides of UTC', () => {
    const instant = new Date('2028-02-29T12:00:00Z');
    expect(calendarDateIn(instant, 'UTC')).toBe('2028-02-29');
    expect(calendarDateIn(instant, 'Pacific/Auckland')).toBe('2028-03-01');
    expect(calendarDateIn(new Date('2028-03-01T05:00:00Z'), 'America/Los_Angeles')).toBe('2028-02-29');
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Etc/GMT-14'])('accepts the IANA zone %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Mars/Olympus', 'Europe/Berlin; drop', 'Berlin time', '+01:00'])('rejects %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('dates people read', () => {
  it('writes the same calendar day whatever time zone the server runs in', () => {
    expect(longDate('2027-01-01')).toBe('January 1, 2027');
    expect(longDate('2026-12-31')).toBe('December 31, 2026');
    expect(longDate('2028-02-29')).toBe('February 29, 2028');
  });

  it('names the right weekday on DST change days', () => {
    expect(weekdayDate('2027-03-14')).toBe('Sunday, March 14, 2027');
    expect(weekdayDate('2027-10-31')).toBe('Sunday, October 31, 2027');
    expect(weekdayDate('2027-02-28')).toBe('Sunday, February 28, 2027');
  });
});
