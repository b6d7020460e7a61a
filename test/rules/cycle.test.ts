/**
 * One anniversary rule for every cycle (cycle.ts): properties over arbitrary anchors, with 29 February
 * anchors in leap years from 1972 to 2196, and arbitrary sequences of renewals and profile edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversaryView } from '../../src/rules/cycle/anniversary-view.js';
import { anniversaryOfCycle, ASSUME_RENEWED_AFTER_DAYS, currentAnniversary, cycleForDate, cycleOn, type CycleAnchor } from '../../src/rules/cycle/cycle.js';
import { decideRenewalAnswer } from '../../src/rules/cycle/renewal-answer.js';
import { addDays, longDate } from '../../src/rules/common/plain-date.js';
import { makeOrganization } from '../support/organizations.js';
import { iso, oracleAddYears, oracleIsLeap, plainDateArb } from './fixtures.js';

const leapYearArb = fc.integer({ min: 493, max: 549 }).map((n) => n * 4).filter(oracleIsLeap); // 1972–2196
const leapDayArb = leapYearArb.map((year) => iso(year, 2, 29));
/** Anchors: mostly 29 February, sometimes any date. */
const anchorArb = fc.oneof(leapDayArb, leapDayArb, plainDateArb.filter((date) => date < '2150-01-01'));
const cyclesArb = fc.integer({ min: 0, max: 40 });

/** What a person can do to the cycle: mark it renewed, save the form as shown, or type next year's date. */
const actionArb = fc.constantFrom('mark-renewed', 'save-as-shown', 'type-next-anniversary');
type Action = 'mark-renewed' | 'save-as-shown' | 'type-next-anniversary';

function apply(anchor: CycleAnchor, action: Action): CycleAnchor {
  if (action === 'mark-renewed') return { ...anchor, renewedCycles: anchor.renewedCycles + 1 };
  if (action === 'save-as-shown') return cycleForDate(anchor, anniversaryOfCycle(anchor));
  return cycleForDate(anchor, anniversaryOfCycle(anchor, 1));
}

describe('the anniversary of every cycle', () => {
  it('is the stored month and day in the cycle year: 29 February in leap years, 28 February in common ones', () => {
    fc.assert(
      fc.property(leapDayArb, cyclesArb, fc.integer({ min: 0, max: 3 }), (anchor, renewed, ahead) => {
        const shown = anniversaryOfCycle({ anniversaryDate: anchor, renewedCycles: renewed }, ahead);
        const year = Number(anchor.slice(0, 4)) + renewed + ahead;
        expect(shown).toBe(oracleIsLeap(year) ? iso(year, 2, 29) : iso(year, 2, 28));
      }),
    );
  });

  it('agrees with adding the years to the stored date, never to a shortened one', () => {
    fc.assert(
      fc.property(anchorArb, cyclesArb, (anchor, renewed) => {
        expect(anniversaryOfCycle({ anniversaryDate: anchor, renewedCycles: renewed }, 1)).toBe(oracleAddYears(anchor, renewed + 1));
      }),
    );
  });

  it('is, after "We renewed", the next anniversary the expired card announced', () => {
    fc.assert(
      fc.property(anchorArb, cyclesArb, fc.integer({ min: 1, max: 30 }), (anchor, renewed, daysLate) => {
        const org = makeOrganization({ anniversaryDate: anchor, renewedCycles: renewed });
        const expired = anniversaryView(org, addDays(anniversaryOfCycle(org), daysLate));
        const renewedOrg = { ...org, renewedCycles: renewed + 1 };
        expect(expired.standingNote).toContain(`the next anniversary, ${longDate(anniversaryOfCycle(renewedOrg))} `);
      }),
    );
  });

  it('keeps a 29 February through any sequence of renewals and edits that keep the dates the bot shows', () => {
    fc.assert(
      fc.property(leapDayArb, fc.array(actionArb, { maxLength: 12 }), (anchor, actions) => {
        let state: CycleAnchor = { anniversaryDate: anchor, renewedCycles: 0 };
        for (const action of actions) state = apply(state, action);
        expect(state.anniversaryDate).toBe(anchor);
        const year = Number(anniversaryOfCycle(state).slice(0, 4));
        expect(anniversaryOfCycle(state)).toBe(oracleIsLeap(year) ? iso(year, 2, 29) : iso(year, 2, 28));
      }),
    );
  });

  it('starts counting from a typed date that is not one of the stored anniversaries', () => {
    fc.assert(
      fc.property(leapDayArb, plainDateArb, (anchor, typed) => {
        const result = cycleForDate({ anniversaryDate: anchor, renewedCycles: 0 }, typed);
        const keeps = typed >= anchor && oracleAddYears(anchor, Number(typed.slice(0, 4)) - Number(anchor.slice(0, 4))) === typed;
        expect(result).toEqual(keeps ? { anniversaryDate: anchor, renewedCycles: Number(typed.slice(0, 4)) - Number(anchor.slice(0, 4)) } : { anniversaryDate: typed, renewedCycles: 0 });
      }),
    );
  });
});

describe('the cycle rolls over by itself', () => {
  const org = { anniversaryDate: '2027-02-28', renewedCycles: 0 };

  it('never leaves an organization expired for more than 30 days when nobody answers', () => {
    fc.assert(
      fc.property(anchorArb, cyclesArb, fc.integer({ min: 0, max: 4000 }), (anchor, renewed, later) => {
        const recorded = { anniversaryDate: anchor, renewedCycles: renewed };
        const status = cycleOn(recorded, addDays(anniversaryOfCycle(recorded, -1), later));
        expect(status.daysLeft).toBeGreaterThanOrEqual(-ASSUME_RENEWED_AFTER_DAYS);
        expect(status.standing).toBe(status.daysLeft >= 0 ? 'ahead' : 'asking');
        // The bot assumes a renewal only after an unanswered anniversary: the cycle is never later than one year ahead of today.
        expect(status.daysLeft).toBeLessThanOrEqual(366);
      }),
    );
  });

  it('asks for 30 days after the anniversary, then counts to the next one as assumed', () => {
    expect(cycleOn(org, '2027-03-30')).toMatchObject({ anniversary: '2027-02-28', standing: 'asking', assumedRenewedOn: '2027-03-31', next: '2028-02-28' });
    expect(cycleOn(org, '2027-03-31')).toMatchObject({ anniversary: '2028-02-28', standing: 'ahead', previous: { anniversary: '2027-02-28', renewal: 'assumed' } });
    expect(cycleOn({ ...org, renewedCycles: 1 }, '2027-03-31').previous).toEqual({ anniversary: '2027-02-28', renewal: 'recorded' });
    // Years later, still rolling from a 29 February anchor onto the 29th in leap years.
    expect(currentAnniversary({ anniversaryDate: '2028-02-29', renewedCycles: 0 }, '2032-01-01')).toBe('2032-02-29');
  });

  it('stops at a cycle said not renewed, until the profile gets a new anniversary', () => {
    const stopped = { ...org, notRenewedCycle: '2027-02-28' };
    expect(cycleOn(stopped, '2029-06-01')).toMatchObject({ anniversary: '2027-02-28', standing: 'not-renewed' });
    // Saving the form with the same date keeps it; a new date ends it.
    expect(cycleForDate(stopped, '2027-02-28')).toEqual(stopped);
    expect(cycleForDate(stopped, '2027-05-31')).toEqual({ anniversaryDate: '2027-05-31', renewedCycles: 0 });
    expect(cycleForDate(stopped, '2028-02-28')).toEqual({ anniversaryDate: '2027-02-28', renewedCycles: 1 });
  });
});

describe('the answers to "did you renew?"', () => {
  const org = { anniversaryDate: '2027-02-28', renewedCycles: 0 };

  it('"We renewed" from the anniversary-passed card moves to the next cycle once; a second click changes nothing', () => {
    const first = decideRenewalAnswer(org, '2027-03-02', 'renewed', '2027-02-28');
    expect(first).toEqual({ record: { anniversaryDate: '2027-02-28', renewedCycles: 1, notRenewedCycle: undefined }, cycle: '2027-02-28' });
    const renewed = { ...org, ...(first as { record: CycleAnchor }).record };
    expect(decideRenewalAnswer(renewed, '2027-03-02', 'renewed', '2027-02-28')).toEqual({ unchanged: '2027-02-28' });
  });

  it('"mark renewal done" typed while the bot assumes last year\'s renewal confirms it, and does not skip a year', () => {
    expect(decideRenewalAnswer(org, '2027-05-01', 'renewed')).toMatchObject({ record: { renewedCycles: 1 }, cycle: '2027-02-28' });
    // Inside the next window it is about that cycle.
    expect(decideRenewalAnswer(org, '2027-12-15', 'renewed')).toMatchObject({ record: { renewedCycles: 2 }, cycle: '2028-02-28' });
  });

  it('"mark renewal done" before the window opens is too early; inside it, it advances at once', () => {
    expect(decideRenewalAnswer(org, '2026-11-29', 'renewed')).toEqual({ tooEarly: '2027-02-28' });
    expect(decideRenewalAnswer(org, '2026-11-30', 'renewed')).toMatchObject({ record: { renewedCycles: 1 }, cycle: '2027-02-28' });
  });

  it('"We did not renew" stops the asked cycle, and is too early before its anniversary has passed', () => {
    expect(decideRenewalAnswer(org, '2027-02-28', 'not-renewed')).toEqual({ tooEarly: '2027-02-28' });
    expect(decideRenewalAnswer(org, '2027-03-05', 'not-renewed', '2027-02-28')).toEqual({ record: { anniversaryDate: '2027-02-28', renewedCycles: 0, notRenewedCycle: '2027-02-28' }, cycle: '2027-02-28' });
    // After the bot assumed a renewal, "We did not renew" on the assumption goes back to that cycle.
    expect(decideRenewalAnswer(org, '2027-06-01', 'not-renewed', '2027-02-28')).toMatchObject({ record: { renewedCycles: 0, notRenewedCycle: '2027-02-28' } });
    // And "We renewed" after all resumes counting.
    expect(decideRenewalAnswer({ ...org, notRenewedCycle: '2027-02-28' }, '2027-06-01', 'renewed', '2027-02-28')).toMatchObject({ record: { renewedCycles: 1, notRenewedCycle: undefined } });
  });

  it('refuses a button naming a date that is none of the organization\'s anniversaries', () => {
    expect(decideRenewalAnswer(org, '2027-03-02', 'renewed', '2027-03-01')).toEqual({ notOurs: '2027-03-01' });
    expect(decideRenewalAnswer(org, '2027-03-02', 'not-renewed', '2020-02-28')).toEqual({ notOurs: '2020-02-28' });
  });
});
