import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversaryStatus, phaseFor, type Phase } from '../../src/rules/cycle/anniversary.js';
import { referenceStanding } from '../../src/rules/requirements/customer-evidence.js';
import {
  addDays,
  addYears,
  calendarDateIn,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isPlainDate,
  parts,
  sameDayInYear,
} from '../../src/rules/common/plain-date.js';
import { intlDateIn, iso, oracleAddDays, oracleAddYears, oracleDaysInMonth, oracleIsLeap, plainDateArb } from './fixtures.js';

/** Roughly ±68 years: from 1970–2200 this stays inside the years `isPlainDate` accepts (1900–9999). */
const offsetArb = fc.integer({ min: -25_000, max: 25_000 });
const yearArb = fc.integer({ min: 1970, max: 2200 });

/** The phase as the specification words it. */
function specPhase(daysLeft: number): Phase {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 14) return 'final-two-weeks';
  if (daysLeft <= 90) return 'renewal-open';
  return 'planning';
}
const PHASE_ORDER: Phase[] = ['expired', 'final-two-weeks', 'renewal-open', 'planning'];

describe('day arithmetic, for arbitrary dates from 1970 to 2200', () => {
  it('counts back exactly the days it added: daysBetween(a, addDays(a, n)) is n', () => {
    fc.assert(
      fc.property(plainDateArb, offsetArb, (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('always lands on a real calendar date', () => {
    fc.assert(
      fc.property(plainDateArb, offsetArb, (date, n) => {
        expect(isPlainDate(addDays(date, n))).toBe(true);
      }),
    );
  });

  it('undoes itself: adding n then -n days gives the date back', () => {
    fc.assert(
      fc.property(plainDateArb, offsetArb, (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
      }),
    );
  });

  it('agrees with walking the calendar one day at a time, through month ends and leap days', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: -800, max: 800 }), (date, n) => {
        expect(addDays(date, n)).toBe(oracleAddDays(date, n));
      }),
    );
  });

  it('agrees with the month table on leap years and month lengths', () => {
    fc.assert(
      fc.property(yearArb, fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(isLeapYear(year)).toBe(oracleIsLeap(year));
        expect(daysInMonth(year, month)).toBe(oracleDaysInMonth(year, month));
      }),
    );
  });

  it('accepts exactly the days that exist in each month', () => {
    fc.assert(
      fc.property(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        expect(isPlainDate(iso(year, month, day))).toBe(day <= oracleDaysInMonth(year, month));
      }),
    );
  });
});

describe('sameDayInYear and addYears, for arbitrary dates and years', () => {
  it('always gives a real date in the same month, changing the day only for 29 February in a common year', () => {
    fc.assert(
      fc.property(plainDateArb, yearArb, (date, year) => {
        const moved = sameDayInYear(date, year);
        const from = parts(date);
        const to = parts(moved);
        expect(isPlainDate(moved)).toBe(true);
        expect(to.year).toBe(year);
        expect(to.month).toBe(from.month);
        const clamps = from.month === 2 && from.day === 29 && !oracleIsLeap(year);
        expect(to.day).toBe(clamps ? 28 : from.day);
      }),
    );
  });

  it('brings a 29 February back whenever the target year is a leap year', () => {
    const leapDay = plainDateArb.map((date) => parts(date).year).filter(oracleIsLeap).map((year) => iso(year, 2, 29));
    fc.assert(
      fc.property(leapDay, yearArb, (date, year) => {
        expect(sameDayInYear(date, year)).toBe(oracleIsLeap(year) ? iso(year, 2, 29) : iso(year, 2, 28));
      }),
    );
  });

  it('adds calendar years like the month-table oracle', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: -50, max: 50 }), (date, years) => {
        expect(addYears(date, years)).toBe(oracleAddYears(date, years));
      }),
    );
  });
});

describe('the phase, as a function of days left', () => {
  it('matches the specification thresholds for every integer from -400 to 400', () => {
    for (let daysLeft = -400; daysLeft <= 400; daysLeft += 1) {
      expect(phaseFor(daysLeft), `${daysLeft} days left`).toBe(specPhase(daysLeft));
    }
  });

  it('never goes back to an earlier phase as days left grow (monotone)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), (a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(PHASE_ORDER.indexOf(phaseFor(less))).toBeLessThanOrEqual(PHASE_ORDER.indexOf(phaseFor(more)));
      }),
    );
  });

  it('gives the phase of the days between today and an arbitrary anniversary, with days overdue once expired', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: -400, max: 400 }), (anniversary, daysLeft) => {
        const status = anniversaryStatus(anniversary, addDays(anniversary, -daysLeft));
        expect(status.daysLeft).toBe(daysLeft);
        expect(status.phase).toBe(specPhase(daysLeft));
        expect(status.daysOverdue).toBe(daysLeft < 0 ? -daysLeft : 0);
      }),
    );
  });

  it('opens the window exactly 90 days and asks to finish exactly 14 days before any anniversary', () => {
    fc.assert(
      fc.property(plainDateArb, plainDateArb, (anniversary, today) => {
        const status = anniversaryStatus(anniversary, today);
        expect(daysBetween(status.windowOpens, anniversary)).toBe(90);
        expect(daysBetween(status.finishBy, anniversary)).toBe(14);
        expect(status.windowOpens).toBe(oracleAddDays(anniversary, -90));
        expect(status.finishBy).toBe(oracleAddDays(anniversary, -14));
        expect(anniversaryStatus(anniversary, status.windowOpens).phase).toBe('renewal-open');
        expect(anniversaryStatus(anniversary, addDays(status.windowOpens, -1)).phase).toBe('planning');
        expect(anniversaryStatus(anniversary, status.finishBy).phase).toBe('final-two-weeks');
      }),
    );
  });
});

describe('calendarDateIn, for arbitrary instants from 1970 to 2100', () => {
  const instantArb = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2100-12-31T23:59:59.999Z'), noInvalidDate: true });
  const zones = [
    'UTC',
    'Pacific/Auckland',
    'Pacific/Kiritimati',
    'Pacific/Honolulu',
    'America/Los_Angeles',
    'America/New_York',
    'America/St_Johns',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Etc/GMT+12',
    'Etc/GMT-14',
  ];
  const zoneArb = fc.constantFrom(...zones);

  it('is within one day of the UTC date', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (instant, zone) => {
        const utcDate = instant.toISOString().slice(0, 10);
        expect(Math.abs(daysBetween(utcDate, calendarDateIn(instant, zone)))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('equals the date Intl.DateTimeFormat reports for that zone', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (instant, zone) => {
        expect(calendarDateIn(instant, zone)).toBe(intlDateIn(instant, zone));
      }),
    );
  });

  it('equals the UTC date shifted by the fixed offset in Etc/GMT+12 and Etc/GMT-14', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const shifted = (hours: number) => new Date(instant.getTime() + hours * 3_600_000).toISOString().slice(0, 10);
        expect(calendarDateIn(instant, 'Etc/GMT+12')).toBe(shifted(-12));
        expect(calendarDateIn(instant, 'Etc/GMT-14')).toBe(shifted(14));
      }),
    );
  });

  it('is a real calendar date in every zone', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (instant, zone) => {
        expect(isPlainDate(calendarDateIn(instant, zone))).toBe(true);
      }),
    );
  });
});

describe('customer references, for arbitrary dates', () => {
  it('counts a reference until the day it expires (approval + 2 years), whatever the anniversary', () => {
    fc.assert(
      fc.property(plainDateArb, plainDateArb, fc.integer({ min: -1000, max: 1000 }), (approvedOn, anniversary, todayOffset) => {
        const today = addDays(anniversary, todayOffset);
        const standing = referenceStanding({ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn }, anniversary, today, 2);
        const expiresOn = oracleAddYears(approvedOn, 2);
        expect(standing.expiresOn).toBe(expiresOn);
        expect(standing.counts).toBe(today < expiresOn);
      }),
    );
  });

  it('flags a counting reference that expires on or before the anniversary as one that may delay the renewal, with its date', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 400 }), (anniversary, shift, daysBefore) => {
        const approvedOn = addDays(oracleAddYears(anniversary, -2), shift);
        const today = addDays(anniversary, -daysBefore);
        const standing = referenceStanding({ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn }, anniversary, today, 2);
        const expiresOn = oracleAddYears(approvedOn, 2);
        const mayDelay = today < expiresOn && expiresOn <= anniversary;
        expect(standing.state === 'may-delay').toBe(mayDelay);
        if (mayDelay) expect(standing.note).toMatch(/^Fabrikam reference expires on .+: it may delay the renewal$/);
      }),
    );
  });

  it('writes an expiry date in the past tense exactly when it is not after today', () => {
    fc.assert(
      fc.property(plainDateArb, plainDateArb, fc.integer({ min: -1000, max: 1000 }), (approvedOn, anniversary, todayOffset) => {
        const today = addDays(anniversary, todayOffset);
        const standing = referenceStanding({ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn }, anniversary, today, 2);
        if (standing.state === 'expired') expect(standing.note).toMatch(/^Fabrikam reference expired (on|today)/);
        else expect(standing.note).not.toMatch(/expired/);
        expect(standing.state === 'expired').toBe(standing.expiresOn <= today);
      }),
    );
  });
});
