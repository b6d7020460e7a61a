/**
 * The iCalendar files, read back with an independent parser (node-ical). Each check runs under
 * several process time zones (switched in-process, since only test/rules runs in the TZ projects):
 * a DATE value must name the same day wherever the server runs.
 */
import ical, { type VEvent } from 'node-ical';
import { afterAll, describe, expect, it } from 'vitest';
import { callsIcs, renewalIcs } from '../../src/calendar/ics-files.js';
import { defaultCallSchedule, parseCallSchedule } from '../../src/rules/calendar/call-series.js';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST } from '../../src/rules/checklist/guidance-lists.js';
import { renewalCalendarEvents, type RenewalCalendarEvent } from '../../src/rules/calendar/renewal-calendar.js';
import { makeOrganization } from '../support/organizations.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Etc/GMT+12'];
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

/** Node re-reads TZ when it is assigned; the offset check proves the switch took effect. */
function inZone(zone: string): void {
  process.env.TZ = zone;
  const offset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
  const expected = { UTC: 0, 'America/Los_Angeles': 480, 'Pacific/Auckland': -780, 'Asia/Kolkata': -330, 'Pacific/Kiritimati': -840, 'Etc/GMT+12': 720 }[zone];
  expect(offset).toBe(expected);
}

function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((component): component is VEvent => component?.type === 'VEVENT');
}

/** node-ical builds a DATE value as local midnight of that day (it has no zone): read it back locally. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function renewalFile(overrides: Parameters<typeof makeOrganization>[0] = {}, today = '2026-11-25'): { text: string; events: RenewalCalendarEvent[] } {
  const events = renewalCalendarEvents(makeOrganization(overrides), today);
  return { text: renewalIcs(events, { calendarName: 'Contoso Ltd membership renewal', now: NOW }), events };
}

describe.each(ZONES)('the renewal file with the process in %s', (zone) => {
  it('has all-day DATE events on the expected days, this cycle and the next', () => {
    inZone(zone);
    const { text } = renewalFile({ anniversaryDate: '2027-02-28' });
    const parsed = vevents(text);
    expect(parsed.map((event) => [event.datetype, event.start.dateOnly, localDay(event.start), localDay(event.end!)])).toEqual([
      ['date', true, '2026-11-30', '2026-12-01'],
      ['date', true, '2027-02-14', '2027-02-15'],
      ['date', true, '2027-11-30', '2027-12-01'],
      ['date', true, '2028-02-14', '2028-02-15'],
    ]);
    expect(text.match(/^DTSTART[^\r]*/gm)).toEqual([
      'DTSTART;VALUE=DATE:20261130',
      'DTSTART;VALUE=DATE:20270214',
      'DTSTART;VALUE=DATE:20271130',
      'DTSTART;VALUE=DATE:20280214',
    ]);
  });

  it('keeps a 29 February anniversary on the 28th in the following common year', () => {
    inZone(zone);
    const { text } = renewalFile({ anniversaryDate: '2028-02-29' }, '2027-11-01');
    expect(vevents(text).map((event) => localDay(event.start))).toEqual(['2027-12-01', '2028-02-15', '2028-11-30', '2029-02-14']);
  });
});

describe('what the renewal file says', () => {
  const { text, events } = renewalFile();
  const parsed = vevents(text);

  it('carries uids, titles and each checklist in the description', () => {
    expect(parsed.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
    expect(parsed[0]?.summary).toBe('Contoso Ltd: renewal window opens');
    for (const item of WINDOW_OPEN_CHECKLIST) expect(parsed[0]?.description).toContain(item.text);
    for (const item of TWO_WEEKS_CHECKLIST) expect(parsed[1]?.description).toContain(item.text);
    expect(parsed[1]?.description).toContain('Membership anniversary: February 28, 2027.');
  });

  it('has a display alarm at 09:00 on each day (9 hours after the all-day start)', () => {
    for (const event of parsed) {
      expect(event.alarms).toHaveLength(1);
      expect(event.alarms?.[0]).toMatchObject({ action: 'DISPLAY', trigger: 'PT9H' });
      expect(event.alarms?.[0]?.description).toContain('Contoso Ltd');
    }
  });

  it('stamps the file with the given time, not the wall clock, and names the calendar', () => {
    expect(text.match(/^DTSTAMP:.*$/gm)?.map((line) => line.trim())).toEqual(Array(4).fill('DTSTAMP:20261125T120000Z'));
    expect(text).toContain('X-WR-CALNAME:Contoso Ltd membership renewal\r\n');
    expect(renewalFile().text).toBe(text);
  });

  it('escapes commas, semicolons and backslashes in names, including in the alarm', () => {
    const name = 'Contoso, Inc; R&D \\ "EMEA"';
    const [event] = vevents(renewalFile({ name }).text);
    expect(event?.summary).toBe(`${name}: renewal window opens`);
    expect(event?.alarms?.[0]?.description).toBe(`${name}: renewal window opens (anniversary February 28, 2027)`);
  });

  it('throws a clear error when ics refuses an event', () => {
    const broken = { ...events[0]!, date: '2026-13-40' };
    expect(() => renewalIcs([broken], { calendarName: 'x', now: NOW })).toThrow(/^could not write the iCalendar file: /);
  });
});

it("names the call series as the guide does, says what the calls cover, and marks the length it does not give", () => {
  // guide lines 42-43: "MPN 101 Cloud Competency Attainment call series"; requirements, benefits,
  // getting started, an estimated timeline; support staff and experts answer questions.
  const [event] = vevents(callsIcs(defaultCallSchedule().data.calls, { now: NOW }));
  expect(event?.description).toContain('MPN 101 Cloud Competency Attainment call about Small and Midmarket Cloud Solutions');
  expect(event?.description).toContain('requirements and benefits, how to get started and an estimated timeline, with support staff and experts answering questions');
  expect(event?.description).toContain('The guide gives no length: this entry blocks 60 minutes, to confirm.');
});

describe.each(ZONES)('the call files with the process in %s', (zone) => {
  it('writes each call as a UTC instant: 9:30 Pacific is 17:30Z in January and February', () => {
    inZone(zone);
    const parsed = vevents(callsIcs(defaultCallSchedule().data.calls, { now: NOW }));
    expect(parsed.map((event) => [event.start.toISOString(), event.end?.toISOString()])).toEqual([
      ['2016-01-13T17:30:00.000Z', '2016-01-13T18:30:00.000Z'],
      ['2016-01-27T17:30:00.000Z', '2016-01-27T18:30:00.000Z'],
      ['2016-02-03T17:30:00.000Z', '2016-02-03T18:30:00.000Z'],
      ['2016-02-10T17:30:00.000Z', '2016-02-10T18:30:00.000Z'],
      ['2016-02-17T17:30:00.000Z', '2016-02-17T18:30:00.000Z'],
    ]);
  });

  it('writes a call after the US DST change with PDT: 16:30Z', () => {
    inZone(zone);
    const data = structuredClone(defaultCallSchedule().data);
    data.calls = [{ ...data.calls[0]!, date: '2016-03-16' }];
    const [event] = vevents(callsIcs(parseCallSchedule(data).data.calls, { now: NOW }));
    expect(event?.start.toISOString()).toBe('2016-03-16T16:30:00.000Z');
  });
});

describe('what a call file says', () => {
  const call = defaultCallSchedule().call('2016-02-10-cloud-crm')!;
  const text = callsIcs([call], { now: NOW });
  const [event] = vevents(text);

  it('has the title, the published time and a 15-minute display alarm', () => {
    expect(text).toContain('DTSTART:20160210T173000Z\r\n');
    expect(event).toMatchObject({ uid: 'call-2016-02-10-cloud-crm@renewal-bot', summary: 'Cloud CRM attainment call' });
    expect(event?.description).toContain('9:30 AM Pacific on February 10, 2016');
    expect(event?.alarms?.[0]).toMatchObject({ action: 'DISPLAY', trigger: '-PT15M' });
  });
});
