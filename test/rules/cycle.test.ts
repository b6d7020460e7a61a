/**
 * One anniversary rule for every cycle (cycle.ts): properties over arbitrary anchors, with 29 February
 * anchors in leap years from 1972 to 2196, and arbitrary sequences of renewals and profile edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversaryView } from '../../src/rules/anniversary-view.js';
import { anniversaryOfCycle, cycleForDate, type CycleAnchor } from '../../src/rules/cycle.js';
import { addDays, longDate } from '../../src/rules/plain-date.js';
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
