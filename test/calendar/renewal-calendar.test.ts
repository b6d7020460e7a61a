/** The renewal calendar's events, before any iCalendar: which days, which words, which uids. */
import { describe, expect, it } from 'vitest';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST } from '../../src/rules/checklist/guidance-lists.js';
import { renewalCalendarEvents } from '../../src/rules/calendar/renewal-calendar.js';
import { makeOrganization } from '../support/organizations.js';

const summary = (events: ReturnType<typeof renewalCalendarEvents>) => events.map((event) => [event.kind, event.anniversary, event.date]);

describe('the four reminder days', () => {
  it('covers this cycle and the next: 90 days and 14 days before each anniversary', () => {
    const events = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2027-02-28' }), '2026-11-25');
    expect(summary(events)).toEqual([
      ['window-open', '2027-02-28', '2026-11-30'],
      ['two-weeks', '2027-02-28', '2027-02-14'],
      ['window-open', '2028-02-28', '2027-11-30'],
      ['two-weeks', '2028-02-28', '2028-02-14'],
    ]);
  });

  it('moves on with each renewal marked done', () => {
    const events = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2027-02-28', renewedCycles: 1 }), '2027-03-01');
    expect(events.map((event) => event.anniversary)).toEqual(['2028-02-28', '2028-02-28', '2029-02-28', '2029-02-28']);
  });

  it('puts a 29 February anniversary on 28 February in the common year that follows', () => {
    const events = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2028-02-29' }), '2027-11-01');
    expect(summary(events)).toEqual([
      ['window-open', '2028-02-29', '2027-12-01'],
      ['two-weeks', '2028-02-29', '2028-02-15'],
      ['window-open', '2029-02-28', '2028-11-30'],
      ['two-weeks', '2029-02-28', '2029-02-14'],
    ]);
  });

  it('brings 29 February back in the next leap year', () => {
    const events = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2028-02-29', renewedCycles: 3 }), '2030-12-01');
    expect(events.map((event) => event.anniversary)).toEqual(['2031-02-28', '2031-02-28', '2032-02-29', '2032-02-29']);
    expect(events[2]?.date).toBe('2031-12-01');
  });

  it('marks days before today as past', () => {
    const events = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2027-02-28' }), '2026-11-30');
    expect(events.map((event) => event.past)).toEqual([false, false, false, false]);
    expect(renewalCalendarEvents(makeOrganization({ anniversaryDate: '2027-02-28' }), '2026-12-01').map((event) => event.past)).toEqual([true, false, false, false]);
  });
});

describe('what each event says', () => {
  const [windowOpen, twoWeeks] = renewalCalendarEvents(makeOrganization({ anniversaryDate: '2027-02-28' }), '2026-11-25');

  it('carries the 90-day checklist, one item a line, and the anniversary', () => {
    for (const item of WINDOW_OPEN_CHECKLIST) expect(windowOpen?.description).toContain(`- ${item.text}`);
    expect(windowOpen?.description).toContain('90-day checklist:');
    expect(windowOpen?.description).toContain('Membership anniversary: February 28, 2027.');
    expect(windowOpen?.title).toBe('Contoso Ltd: renewal window opens');
  });

  it('carries the 2-week checklist and the anniversary', () => {
    for (const item of TWO_WEEKS_CHECKLIST) expect(twoWeeks?.description).toContain(`- ${item.text}`);
    expect(twoWeeks?.description).toContain('2-week checklist:');
    expect(twoWeeks?.description).toContain('February 28, 2027');
    expect(twoWeeks?.description).not.toContain(WINDOW_OPEN_CHECKLIST[0]!.text);
    expect(twoWeeks?.title).toBe('Contoso Ltd: complete the renewal');
  });

  it('sets an alarm at 09:00 on the day', () => {
    expect(windowOpen?.alarm).toMatchObject({ hours: 9, minutes: 0 });
    expect(windowOpen?.alarm.message).toContain('renewal window opens');
  });
});

describe('uids', () => {
  it('are stable, unique, and differ between organizations without naming the tenant', () => {
    const org = makeOrganization({ tenantId: 'aaaaaaaa-0000-0000-0000-00000000000a' });
    const first = renewalCalendarEvents(org, '2026-11-25').map((event) => event.uid);
    expect(renewalCalendarEvents(org, '2027-01-10').map((event) => event.uid)).toEqual(first);
    expect(new Set(first).size).toBe(4);
    expect(first[0]).toMatch(/^window-open-2027-02-28-[0-9a-f]{8}@renewal-bot$/);
    const other = renewalCalendarEvents({ ...org, tenantId: 'bbbbbbbb-0000-0000-0000-00000000000b' }, '2026-11-25').map((event) => event.uid);
    expect(other.filter((uid) => first.includes(uid))).toEqual([]);
    for (const uid of first) expect(uid).not.toContain(org.tenantId);
  });
});
