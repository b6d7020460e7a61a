/**
 * The competency call series shown in the reader's zone. Runs under TZ=UTC, Los Angeles and
 * Auckland (vitest projects): conversions must depend on the zones named, never on the process TZ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  callIcsUrl,
  callSeriesView,
  callStart,
  defaultCallSchedule,
  parseCallSchedule,
  type CallScheduleData,
} from '../../src/rules/calendar/call-series.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { calendarDateIn } from '../../src/rules/common/plain-date.js';

const schedule = defaultCallSchedule();
const PUBLIC_URL = 'https://renewal-bot.example';
const BEFORE_SERIES = new Date('2016-01-01T00:00:00Z');

function view(overrides: Partial<Parameters<typeof callSeriesView>[0]> = {}) {
  return callSeriesView({ schedule, now: BEFORE_SERIES, publicUrl: PUBLIC_URL, ...overrides });
}

function firstWhen(readerZone: string): string | undefined {
  return view({ readerZone }).calls[0]?.whenLabel;
}

/** A copy of the default schedule data with one call replaced: what an operator's file would hold. */
function scheduleData(patch: Partial<CallScheduleData['calls'][number]> = {}): CallScheduleData {
  const data = structuredClone(schedule.data);
  data.calls = [{ ...data.calls[0]!, ...patch }];
  return data;
}

describe('the default schedule (2016 series)', () => {
  it('has the five calls of the guidance, each at 9:30 Pacific for 60 minutes', () => {
    expect(schedule.data.calls.map((call) => [call.date, call.competencyId])).toEqual([
      ['2016-01-13', 'small-midmarket-cloud-solutions'],
      ['2016-01-27', 'cloud-productivity'],
      ['2016-02-03', 'cloud-platform'],
      ['2016-02-10', 'cloud-crm'],
      ['2016-02-17', 'enterprise-mobility-management'],
    ]);
    for (const call of schedule.data.calls) {
      expect([call.time, call.timeZone, call.durationMinutes]).toEqual(['09:30', 'America/Los_Angeles', 60]);
    }
  });

  it('starts every call at 17:30 UTC (PST, UTC-8, in January and February)', () => {
    expect(schedule.data.calls.map((call) => callStart(call).toISOString())).toEqual([
      '2016-01-13T17:30:00.000Z',
      '2016-01-27T17:30:00.000Z',
      '2016-02-03T17:30:00.000Z',
      '2016-02-10T17:30:00.000Z',
      '2016-02-17T17:30:00.000Z',
    ]);
  });

  it('names only competencies the default catalog knows', () => {
    expect(() => parseCallSchedule(schedule.data, defaultCatalog())).not.toThrow();
  });
});

describe('times in the reader zone', () => {
  it.each([
    ['Europe/Berlin', 'Wednesday, January 13, 2016, 6:30 PM'],
    ['Asia/Tokyo', 'Thursday, January 14, 2016, 2:30 AM'], // the next day there
    ['Pacific/Honolulu', 'Wednesday, January 13, 2016, 7:30 AM'],
    ['America/Los_Angeles', 'Wednesday, January 13, 2016, 9:30 AM'],
    ['UTC', 'Wednesday, January 13, 2016, 5:30 PM'],
  ])('%s: %s', (zone, expected) => {
    expect(firstWhen(zone)).toBe(expected);
  });

  it('keeps the published time beside it', () => {
    expect(view({ readerZone: 'Asia/Tokyo' }).calls.map((call) => call.originalLabel)).toEqual(Array(5).fill('9:30 AM Pacific'));
  });

  it('converts a replaced schedule after the US DST change with PDT: 9:30 on 2016-03-16 is 16:30 UTC', () => {
    const replaced = parseCallSchedule(scheduleData({ id: 'march-call', date: '2016-03-16' }));
    const call = replaced.call('march-call')!;
    expect(callStart(call).toISOString()).toBe('2016-03-16T16:30:00.000Z');
    const berlin = callSeriesView({ schedule: replaced, now: BEFORE_SERIES, publicUrl: PUBLIC_URL, readerZone: 'Europe/Berlin' });
    // Europe only moves its clocks on 2016-03-27: Berlin is still UTC+1, so the gap is 8 hours, not 9.
    expect(berlin.calls[0]?.whenLabel).toBe('Wednesday, March 16, 2016, 5:30 PM');
    expect(berlin.calls[0]?.originalLabel).toBe('9:30 AM Pacific');
  });

  it('keeps PST the week before the change: 9:30 on 2016-03-09 is 17:30 UTC', () => {
    const replaced = parseCallSchedule(scheduleData({ date: '2016-03-09' }));
    expect(callStart(replaced.data.calls[0]!).toISOString()).toBe('2016-03-09T17:30:00.000Z');
  });

  it('round-trips any schedule time through its own zone (checked with Intl, not TZDate)', () => {
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 4, max: 22 }), // clear of every DST gap and overlap these zones have (0:00-3:59)
        fc.constantFrom(0, 15, 30, 45),
        fc.constantFrom(...zones),
        (day, hour, minute, timeZone) => {
          const date = day.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const call = parseCallSchedule(scheduleData({ date, time, timeZone })).data.calls[0]!;
          const start = callStart(call);
          const wallClock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start);
          expect([calendarDateIn(start, timeZone), wallClock]).toEqual([date, time]);
        },
      ),
    );
  });
});

describe('which zone, and saying why', () => {
  it('uses the Teams zone of the reader, in its canonical spelling', () => {
    const shown = view({ readerZone: 'europe/berlin', organizationZone: 'Asia/Tokyo' });
    expect(shown).toMatchObject({ timeZone: 'Europe/Berlin', zoneSource: 'reader', zoneLabel: 'Times in Europe/Berlin, your Teams time zone.' });
  });

  it("falls back to the organization's zone when Teams sent none", () => {
    const shown = view({ organizationZone: 'Asia/Tokyo' });
    expect(shown.zoneSource).toBe('organization');
    expect(shown.zoneLabel).toBe("Times in Asia/Tokyo, your organization's time zone (Teams did not send yours).");
    expect(shown.calls[0]?.whenLabel).toBe('Thursday, January 14, 2016, 2:30 AM');
  });

  it("falls back to the organization's zone when Teams sent one that is not a zone", () => {
    for (const readerZone of ['Mars/Olympus_Mons', '../../etc/passwd', 'GMT+25']) {
      const shown = view({ readerZone, organizationZone: 'Europe/Berlin' });
      expect(shown.timeZone).toBe('Europe/Berlin');
      expect(shown.zoneLabel).toBe("Times in Europe/Berlin, your organization's time zone (Teams sent a time zone this bot does not recognize).");
    }
  });

  it('falls back to UTC when neither is usable, and says so', () => {
    expect(view()).toMatchObject({
      timeZone: 'UTC',
      zoneSource: 'utc',
      zoneLabel: 'Times in UTC: Teams did not send your time zone and your organization has none set.',
    });
    expect(view({ readerZone: ' ', organizationZone: 'Nowhere/Land' }).zoneSource).toBe('utc');
    expect(view({ readerZone: 'bogus' }).zoneLabel).toBe('Times in UTC: Teams sent a time zone this bot does not recognize and your organization has none set.');
  });
});

describe('past and upcoming calls', () => {
  const statuses = (now: string) => view({ now: new Date(now), readerZone: 'UTC' }).calls.map((call) => [call.past, call.status]);

  it('marks nothing past before the series', () => {
    expect(view().calls.every((call) => !call.past && call.status === 'Upcoming')).toBe(true);
    expect(view().summary).toBe('5 of 5 calls are still ahead.');
  });

  it('marks calls that have ended as past, relative to now', () => {
    expect(statuses('2016-02-03T18:00:00Z')).toEqual([
      [true, 'Past'],
      [true, 'Past'],
      [false, 'Happening now'], // 17:30 to 18:30 UTC
      [false, 'Upcoming'],
      [false, 'Upcoming'],
    ]);
    expect(statuses('2016-02-03T18:30:00Z')[2]).toEqual([true, 'Past']);
    expect(statuses('2016-02-03T17:29:59.999Z')[2]).toEqual([false, 'Upcoming']);
  });

  it('says when the whole series is over', () => {
    const over = view({ now: new Date('2026-11-25T12:00:00Z') });
    expect(over.calls.every((call) => call.past && call.status === 'Past')).toBe(true);
    expect(over.summary).toBe('All 5 calls of the series took place, from January 13, 2016 to February 17, 2016.');
    expect(over.allPast).toBe(true);
    expect(view({ now: new Date('2016-02-03T18:00:00Z') }).allPast).toBe(false);
  });
});

describe('what each call shows', () => {
  it('links each call to its absolute .ics URL', () => {
    const calls = view({ publicUrl: 'https://renewal-bot.example/' }).calls;
    expect(calls[0]?.icsUrl).toBe('https://renewal-bot.example/calendar/calls/2016-01-13-small-midmarket-cloud-solutions.ics');
    expect(calls.map((call) => call.icsUrl)).toEqual(schedule.data.calls.map((call) => callIcsUrl(PUBLIC_URL, call.id)));
  });

  it("names competencies as the catalog does when given one, else as the schedule publishes them", () => {
    expect(view().calls[3]).toMatchObject({ competency: 'Cloud CRM', title: 'Cloud CRM attainment call', durationLabel: 'length not in the guide: 60 minutes in the calendar entry, to confirm' });
    expect(view({ catalog: defaultCatalog() }).calls[3]?.competency).toBe('Cloud Customer Relationship Management');
  });

  it('lists calls in time order whatever order the file has', () => {
    const data = structuredClone(schedule.data);
    data.calls.reverse();
    const shown = callSeriesView({ schedule: parseCallSchedule(data), now: BEFORE_SERIES, publicUrl: PUBLIC_URL });
    expect(shown.calls.map((call) => call.callId)).toEqual(schedule.data.calls.map((call) => call.id));
  });
});

describe('the schedule schema', () => {
  function rejectionPaths(input: unknown, ...rest: Parameters<typeof parseCallSchedule> extends [unknown, ...infer R] ? R : never): string[] {
    try {
      parseCallSchedule(input, ...rest);
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((issue) => issue.path.join('.'));
    }
    throw new Error('the schedule was accepted');
  }

  it('rejects a date that does not exist', () => {
    expect(rejectionPaths(scheduleData({ date: '2016-02-30' }))).toEqual(['calls.0.date']);
    expect(rejectionPaths(scheduleData({ date: '13/01/2016' }))).toEqual(['calls.0.date']);
  });

  it('rejects a time, zone, duration or id it cannot use', () => {
    expect(rejectionPaths(scheduleData({ time: '9:30' }))).toEqual(['calls.0.time']);
    expect(rejectionPaths(scheduleData({ time: '24:00' }))).toEqual(['calls.0.time']);
    expect(rejectionPaths(scheduleData({ timeZone: 'Pacific Time' }))).toEqual(['calls.0.timeZone']);
    expect(rejectionPaths(scheduleData({ durationMinutes: 0 }))).toEqual(['calls.0.durationMinutes']);
    expect(rejectionPaths(scheduleData({ id: '../secret' }))).toEqual(['calls.0.id']);
  });

  it('rejects the same id twice, and an empty schedule', () => {
    const data = structuredClone(schedule.data);
    data.calls[1]!.id = data.calls[0]!.id;
    expect(rejectionPaths(data)).toEqual(['calls.1.id']);
    expect(rejectionPaths({ ...schedule.data, calls: [] })).toEqual(['calls']);
  });

  it('rejects a competency the catalog does not know, only when given the catalog', () => {
    const data = scheduleData({ competencyId: 'cloud-quantum' });
    expect(rejectionPaths(data, defaultCatalog())).toEqual(['calls.0.competencyId']);
    expect(() => parseCallSchedule(data)).not.toThrow();
  });
});
