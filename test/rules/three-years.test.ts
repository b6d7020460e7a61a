/**
 * One day, one count, year after year (issue: the cycle rolls over by itself): the reminder job run
 * every hour for three years, in zones from UTC−12 to UTC+14, with 29 February anniversaries among
 * them and nobody answering anything. The pure planner and the delivery decision run as the runner
 * runs them (planning day for the plan, send day for the decision); a ledger keyed as storage keys it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversaryView } from '../../src/rules/cycle/anniversary-view.js';
import { cycleOn } from '../../src/rules/cycle/cycle.js';
import { addDays, daysBetween, type PlainDate } from '../../src/rules/common/plain-date.js';
import { deliveryDecision } from '../../src/rules/reminders/delivery.js';
import { planReminders, type DueReminder } from '../../src/rules/reminders/plan.js';
import type { ReminderView } from '../../src/rules/reminders/view.js';
import { zoneDaysAt } from '../../src/reminders/zone-days.js';
import { makeOrganization } from '../support/organizations.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';

const catalog = defaultCatalog();
const HOUR = 3_600_000;
const START = Date.parse('2026-12-01T00:00:00Z');
const YEARS = 3;
const ZONES = ['Etc/GMT+12', 'Pacific/Honolulu', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Pacific/Auckland', 'Pacific/Kiritimati'];

interface Sent {
  kind: string;
  cycle: PlainDate;
  sendDay: PlainDate;
  view: ReminderView;
}

/** Every hour from START for YEARS years: what went out, and every anniversary card a reader could have seen. */
function runHourly(anniversaryDate: PlainDate, timeZone: string, down: (hour: number) => boolean = () => false) {
  const org = makeOrganization({ anniversaryDate, timeZone, customerReferences: [] });
  const ledger = new Map<string, DueReminder & { done: boolean }>();
  const sent: Sent[] = [];
  const problems: string[] = [];
  let nextReminderOn: PlainDate = '0000-01-01';
  let told = {};
  let lastCardDay = '';
  for (let at = START; at < START + YEARS * 365 * 24 * HOUR; at += HOUR) {
    if (down((at - START) / HOUR)) continue;
    const days = zoneDaysAt(new Date(at), 9)(timeZone);
    if (days.planningDay >= nextReminderOn) {
      const plan = planReminders(org, days.planningDay, told, catalog);
      for (const reminder of plan.reminders) {
        const key = `${reminder.kind}|${reminder.cycle}|${reminder.subject}`;
        if (!ledger.has(key)) ledger.set(key, { ...reminder, done: false });
      }
      nextReminderOn = plan.nextReminderOn;
      told = plan.toldRequirements;
    }
    for (const entry of ledger.values()) {
      if (entry.done) continue;
      entry.done = true;
      const decision = deliveryDecision(org, entry, days, catalog);
      if ('send' in decision) sent.push({ kind: entry.kind, cycle: entry.cycle, sendDay: days.sendDay, view: decision.send });
    }
    if (days.sendDay !== lastCardDay) {
      lastCardDay = days.sendDay;
      const card = anniversaryView(org, days.sendDay);
      const said = [card.headline, ...card.nextSteps, card.standingNote, card.cycleGauge.summary, card.cycleGauge.subLabel, ...card.facts.map((fact) => fact.value)].join(' ');
      if (/-\d/.test(said)) problems.push(`${days.sendDay}: the anniversary card says "${said}"`);
      const status = cycleOn(org, days.sendDay);
      if (status.daysLeft > 0 && !card.headline.startsWith(`${status.daysLeft} day`)) problems.push(`${days.sendDay}: headline "${card.headline}" with ${status.daysLeft} days left`);
    }
  }
  for (const { kind, cycle, sendDay, view } of sent) {
    const text = `${view.title} ${view.message}`;
    if (/-\d/.test(text)) problems.push(`${sendDay} ${kind}: "${text}"`);
    const daysLeft = daysBetween(sendDay, cycle);
    const stated = [...text.matchAll(/(\d+) days? (?:left|from today)/g)].map((match) => Number(match[1]));
    if (stated.some((days) => days !== daysLeft)) problems.push(`${sendDay} ${kind}: states ${stated.join('/')} with ${daysLeft} days left`);
    if (kind !== 'expired' && daysLeft < 0) problems.push(`${sendDay} ${kind} for ${cycle} after its anniversary`);
    if (kind === 'expired' && daysLeft >= 0) problems.push(`${sendDay} expired before ${cycle}`);
  }
  return { sent, problems };
}

/** The cycles whose window opens and whose two-week point falls inside the run, in every zone. */
function cyclesInside(anniversaryDate: PlainDate): PlainDate[] {
  const first = new Date(START).toISOString().slice(0, 10);
  const last = new Date(START + YEARS * 365 * 24 * HOUR).toISOString().slice(0, 10);
  const cycles: PlainDate[] = [];
  const org = makeOrganization({ anniversaryDate });
  for (let year = 0; year < YEARS + 1; year++) {
    const { anniversary } = cycleOn({ ...org, renewedCycles: year }, anniversaryDate);
    if (addDays(anniversary, -91) >= first && addDays(anniversary, -13) < last) cycles.push(anniversary);
  }
  return cycles;
}

function checkThreeYears(anniversaryDate: PlainDate, timeZone: string, outages: [number, number][] = []) {
  const { sent, problems } = runHourly(anniversaryDate, timeZone, (hour) => outages.some(([from, hours]) => hour >= from && hour < from + hours));
  expect(problems).toEqual([]);
  const cycles = cyclesInside(anniversaryDate);
  expect(cycles.length).toBeGreaterThanOrEqual(2);
  for (const cycle of cycles) {
    const when = (kind: string) => sent.filter((s) => s.cycle === cycle && s.kind === kind).map((s) => s.sendDay);
    if (outages.length === 0) {
      expect(when('window-open'), `window-open ${cycle} in ${timeZone}`).toEqual([addDays(cycle, -90)]);
      expect(when('two-weeks'), `two-weeks ${cycle} in ${timeZone}`).toEqual([addDays(cycle, -14)]);
    } else {
      // A runner down for a while sends late, once, within the reminder's own phase.
      expect(when('window-open').length, `window-open ${cycle} in ${timeZone}`).toBe(1);
      expect(when('two-weeks').length, `two-weeks ${cycle} in ${timeZone}`).toBe(1);
      expect(daysBetween(when('two-weeks')[0] as PlainDate, cycle)).toBeGreaterThanOrEqual(0);
    }
  }
  // Nothing goes out twice, whatever its kind.
  const keys = sent.map((s) => `${s.kind}|${s.cycle}`);
  expect(new Set(keys).size).toBe(keys.length);
}

describe('three years of hourly passes with nobody pressing anything', () => {
  it.each(ZONES)('a 29 February 2028 anniversary in %s: each window-open and two-weeks once, every count true', (zone) => {
    checkThreeYears('2028-02-29', zone);
  });

  it('any anniversary, in any zone from UTC−12 to UTC+14', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 }), fc.constantFrom(...ZONES), (offset, zone) => checkThreeYears(addDays('2027-03-10', offset), zone)),
      { numRuns: 6 },
    );
  });

  it('any anniversary and zone, with the runner down for hours at a time: late reminders count from the day they go out', () => {
    const outage = fc.tuple(fc.integer({ min: 0, max: YEARS * 365 * 24 }), fc.integer({ min: 1, max: 40 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 }), fc.constantFrom(...ZONES), fc.array(outage, { minLength: 20, maxLength: 60 }), (offset, zone, outages) =>
        checkThreeYears(addDays('2027-03-10', offset), zone, outages),
      ),
      { numRuns: 6 },
    );
  });

  it('a runner down from the anniversary morning to the night after: the planned "two weeks" is not sent as "-1 days left"', () => {
    // Set up three days before the anniversary, the bot's runner down from 08:00 on the anniversary (before the
    // reminder hour) until 01:00 the night after: that pass plans with the anniversary day, sends on the next.
    const org = makeOrganization({ anniversaryDate: '2027-02-28', timeZone: 'Pacific/Auckland', customerReferences: [] });
    const plan = planReminders(org, '2027-02-28', {}, catalog);
    expect(plan.reminders.map((r) => r.kind)).toEqual(['two-weeks']);
    const days = zoneDaysAt(new Date('2027-02-28T12:00:00Z'), 9)('Pacific/Auckland'); // 01:00 on 1 March there
    expect(days).toEqual({ planningDay: '2027-02-28', sendDay: '2027-03-01' });
    expect(deliveryDecision(org, plan.reminders[0] as DueReminder, days, catalog)).toEqual({ skip: 'superseded: its moment in the cycle has passed' });
  });
});
