/**
 * Handlers get today in the organization's zone from a memory kept per zone and minute
 * (dependencies.ts): whatever the clock did before, the answer is the zone's calendar date now,
 * around local midnight and the hours when clocks change included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handlerDependencies, type BotDependencies } from '../../src/bot/dependencies.js';
import { calendarDateIn } from '../../src/rules/common/plain-date.js';
import { makeOrganization } from '../support/organizations.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns'];
const MINUTE = 60_000;

function todayWithClock() {
  let now = new Date(0);
  const deps = handlerDependencies({ now: () => now } as unknown as BotDependencies);
  return {
    set(instant: number) {
      now = new Date(instant);
    },
    today: (timeZone: string) => deps.today(makeOrganization({ timeZone })),
  };
}

describe('today per zone', () => {
  it('is the calendar date in the zone at every instant, after any earlier instant of the same zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        // 1972 on: every zone's offset is a whole number of minutes since.
        fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.array(fc.integer({ min: -2 * MINUTE, max: 2 * MINUTE }), { minLength: 1, maxLength: 6 }),
        (zone, base, steps) => {
          const clock = todayWithClock();
          for (const step of [0, ...steps]) {
            clock.set(base + step);
            expect(clock.today(zone)).toBe(calendarDateIn(new Date(base + step), zone));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns at local midnight, to the millisecond', () => {
    const clock = todayWithClock();
    // Midnight in Kathmandu (UTC+5:45) on 2027-01-01 is 2026-12-31T18:15:00Z.
    clock.set(Date.parse('2026-12-31T18:14:59.999Z'));
    expect(clock.today('Asia/Kathmandu')).toBe('2026-12-31');
    clock.set(Date.parse('2026-12-31T18:15:00.000Z'));
    expect(clock.today('Asia/Kathmandu')).toBe('2027-01-01');
    clock.set(Date.parse('2026-12-31T18:14:59.999Z'));
    expect(clock.today('Asia/Kathmandu')).toBe('2026-12-31');
  });
});
