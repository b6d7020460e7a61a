/**
 * Reminder wording on the day a reminder goes out, for arbitrary anniversaries and send days: the
 * days left are the real ones, "Two weeks left" only with fourteen, past dates in the past tense.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { addDays, longDate } from '../../src/rules/common/plain-date.js';
import { reminderView } from '../../src/rules/reminders/view.js';
import type { KindAndPayload } from '../../src/rules/reminders/payloads.js';
import type { ReminderKind } from '../../src/rules/reminders/plan.js';
import { plainDateArb } from './fixtures.js';

const catalog = defaultCatalog();
const view = (kind: ReminderKind, anniversary: string, today: string, payload: Record<string, unknown> = {}) =>
  reminderView({ ...({ kind, payload } as KindAndPayload), organizationName: 'Contoso Ltd', anniversary, today }, catalog);

describe('reminders state the days really left on the day they go out', () => {
  it('window open: the days from the send day to the anniversary, whenever between 90 and 15 days it goes out', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: 15, max: 90 }), (anniversary, daysLeft) => {
        const message = view('window-open', anniversary, addDays(anniversary, -daysLeft)).message;
        expect(message).toContain(`is ${longDate(anniversary)}, ${daysLeft} days from today.`);
      }),
    );
  });

  it('two weeks: "Two weeks left" exactly with 14 days, otherwise the real number of days', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: 0, max: 14 }), (anniversary, daysLeft) => {
        const card = view('two-weeks', anniversary, addDays(anniversary, -daysLeft));
        if (daysLeft === 14) expect(card.title).toBe('Two weeks left: complete the renewal now');
        else expect(card.title).not.toMatch(/two weeks/i);
        // On the day itself the membership expires today (guide line 4), and no count of days is given.
        if (daysLeft === 0) {
          expect(card.title).toBe('Your membership expires today');
          expect(card.message).toContain(`Today, ${longDate(anniversary)}, is the anniversary: the day the membership expires.`);
        } else expect(card.message).toContain(`, ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} from today.`);
        expect(card.message).not.toMatch(/-\d/);
      }),
    );
  });

  it('expired: the membership expired on the anniversary, and the bot asks whether it was renewed', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: 1, max: 30 }), (anniversary, daysLate) => {
        const card = view('expired', anniversary, addDays(anniversary, daysLate));
        expect(card.title).toBe(`The membership expired on ${longDate(anniversary)}`);
        expect(card.message).toContain(`With no answer by ${longDate(addDays(anniversary, 30))}, it assumes you did`);
        expect(card.suggestions.map((button) => button.title)).toEqual(['We renewed', 'We did not renew', 'The date changed', 'Get support']);
        expect(card.suggestions[0]?.data).toEqual({ ask: 'mark-renewed', cycle: anniversary });
      }),
    );
  });

  it('a customer reference: "expires" before its day, "expired" from its day on', () => {
    fc.assert(
      fc.property(plainDateArb, fc.integer({ min: -200, max: 200 }), (expiresOn, offset) => {
        const today = addDays(expiresOn, offset);
        const card = view('reference-expiring', addDays(expiresOn, 30), today, { customer: 'Fabrikam', competency: 'cloud-platform', expiresOn });
        if (offset >= 0) {
          expect(card.title).toBe('A customer reference has expired');
          expect(card.message).toMatch(/^The Fabrikam reference for Cloud Platform expired (today|on )/);
        } else {
          expect(card.message).toContain(`expires on ${longDate(expiresOn)}, ${-offset} ${offset === -1 ? 'day' : 'days'} from today`);
          expect(card.message).toContain('may delay the renewal');
        }
      }),
    );
  });
});
