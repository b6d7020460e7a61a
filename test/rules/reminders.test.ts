/** Which reminder is due on which day: each kind on its day and not the day before, catch-up without nonsense. */
import { describe, expect, it } from 'vitest';
import { defaultCatalog, parseCatalog } from '../../src/rules/catalog/catalog.js';
import { deliveryDecision } from '../../src/rules/reminders/delivery.js';
import { NOTHING_SCHEDULED, planReminders } from '../../src/rules/reminders/plan.js';
import type { ToldRequirements } from '../../src/rules/requirements/snapshot.js';
import { requirementsSnapshot } from '../../src/rules/requirements/snapshot.js';
import { makeOrganization } from '../support/organizations.js';
import { catalogWith } from './fixtures.js';

const catalog = defaultCatalog();
// Anniversary 2027-02-28: window opens 2026-11-30, two weeks before is 2027-02-14.
const org = makeOrganization({ anniversaryDate: '2027-02-28', customerReferences: [] });
const kinds = (today: string, organization = org) => planReminders(organization, today, {}, catalog).reminders.map((r) => r.kind);

describe('planReminders', () => {
  it('plans nothing the day before the window opens, and says when to look again', () => {
    const plan = planReminders(org, '2026-11-29', {}, catalog);
    expect(plan.reminders).toEqual([]);
    expect(plan.nextReminderOn).toBe('2026-11-30');
  });

  it('plans window-open on the day the window opens, for this cycle', () => {
    const plan = planReminders(org, '2026-11-30', {}, catalog);
    expect(plan.reminders).toEqual([{ kind: 'window-open', cycle: '2027-02-28', subject: '', audience: 'channel', dueOn: '2026-11-30', payload: {} }]);
    expect(plan.nextReminderOn).toBe('2027-02-14');
  });

  it('plans two-weeks 14 days before and not 15', () => {
    expect(kinds('2027-02-13')).toEqual(['window-open']);
    expect(kinds('2027-02-14')).toEqual(['two-weeks']);
  });

  it('plans expired the day after the anniversary and not on the day itself', () => {
    expect(kinds('2027-02-28')).toEqual(['two-weeks']);
    expect(kinds('2027-03-01')).toEqual(['expired']);
    // The next planning day is the one the unanswered cycle rolls over on.
    expect(planReminders(org, '2027-03-01', {}, catalog).nextReminderOn).toBe('2027-03-31');
  });

  it('rolls over to the next cycle 30 days after an unanswered anniversary, and plans its window from then', () => {
    expect(kinds('2027-03-30')).toEqual(['expired']);
    const rolled = planReminders(org, '2027-03-31', {}, catalog);
    expect(rolled.reminders).toEqual([]);
    expect(rolled.nextReminderOn).toBe('2027-11-30');
    expect(planReminders(org, '2027-11-30', {}, catalog).reminders).toMatchObject([{ kind: 'window-open', cycle: '2028-02-28' }]);
    expect(planReminders(org, '2028-02-14', {}, catalog).reminders).toMatchObject([{ kind: 'two-weeks', cycle: '2028-02-28' }]);
  });

  it('plans nothing more once the team said it did not renew, until a new anniversary', () => {
    const stopped = { ...org, notRenewedCycle: '2027-02-28' };
    expect(planReminders(stopped, '2027-03-05', {}, catalog)).toMatchObject({ reminders: [], nextReminderOn: NOTHING_SCHEDULED });
    expect(planReminders(stopped, '2028-02-14', {}, catalog).reminders).toEqual([]);
    // A new anniversary in the profile (another anchor) ends it.
    expect(planReminders({ ...stopped, anniversaryDate: '2027-06-30' }, '2027-06-16', {}, catalog).reminders).toMatchObject([{ kind: 'two-weeks', cycle: '2027-06-30' }]);
  });

  it('catches up with only the latest phase reminder after a gap', () => {
    // Nothing ran from before the window opened until after the two-week mark.
    expect(kinds('2027-02-20')).toEqual(['two-weeks']);
    // And after the anniversary, neither window-open nor two-weeks: only expired.
    expect(kinds('2027-03-20')).toEqual(['expired']);
  });

  it('drops a pending window-open once two-weeks is due, and one of a cycle already renewed', () => {
    const days = { planningDay: '2027-02-14', sendDay: '2027-02-14' };
    const decide = (kind: string, cycle = '2027-02-28', organization = org) => deliveryDecision(organization, { kind, cycle, subject: '', payload: {} }, days, catalog);
    expect(decide('window-open')).toEqual({ skip: 'superseded: its moment in the cycle has passed' });
    expect(decide('two-weeks')).toMatchObject({ send: { title: 'Two weeks left: complete the renewal now' } });
    expect(decide('two-weeks', '2027-02-28', { ...org, renewedCycles: 1 })).toEqual({ skip: 'superseded: its moment in the cycle has passed' });
    expect(decide('two-weeks', '2026-02-28')).toEqual({ skip: 'superseded: its moment in the cycle has passed' });
  });

  it('skips a stored reminder whose payload does not match its kind, and one whose reference left the profile', () => {
    const days = { planningDay: '2027-01-01', sendDay: '2027-01-01' };
    expect(deliveryDecision(org, { kind: 'reference-expiring', cycle: '2027-02-28', subject: 'x', payload: { customer: 1 } }, days, catalog)).toEqual({ skip: 'the stored reminder does not match its kind' });
    expect(deliveryDecision(org, { kind: 'mystery', cycle: '2027-02-28', subject: '', payload: {} }, days, catalog)).toEqual({ skip: 'the stored reminder does not match its kind' });
    const payload = { customer: 'Gone Inc', competency: 'cloud-platform', expiresOn: '2027-02-01' };
    expect(deliveryDecision(org, { kind: 'reference-expiring', cycle: '2027-02-28', subject: 'cloud-platform|Gone Inc|2025-02-01', payload }, days, catalog)).toEqual({ skip: 'the customer reference is no longer in the profile' });
  });

  it('moves to the next cycle once the renewal is marked done', () => {
    const renewed = { ...org, renewedCycles: 1 };
    expect(kinds('2027-03-01', renewed)).toEqual([]);
    expect(planReminders(renewed, '2027-03-01', {}, catalog).nextReminderOn).toBe('2027-11-30');
    expect(planReminders(renewed, '2027-11-30', {}, catalog).reminders[0]).toMatchObject({ kind: 'window-open', cycle: '2028-02-28' });
  });

  describe('expiring customer references', () => {
    // Approved 2025-04-15: expires 2027-04-15, after the anniversary: fine. 2025-02-10 → 2027-02-10: before it.
    const withReferences = makeOrganization({
      anniversaryDate: '2027-02-28',
      customerReferences: [
        { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' },
        { customer: 'Northwind', competency: 'cloud-platform', approvedOn: '2025-04-15' },
      ],
    });

    it('reminds once per reference that expires before the anniversary, when its expiry is 90 days away', () => {
      // 2027-02-10 minus 90 days is 2026-11-12.
      expect(planReminders(withReferences, '2026-11-11', {}, catalog).reminders).toEqual([]);
      expect(planReminders(withReferences, '2026-11-11', {}, catalog).nextReminderOn).toBe('2026-11-12');
      const due = planReminders(withReferences, '2026-11-12', {}, catalog).reminders;
      expect(due).toEqual([
        {
          kind: 'reference-expiring',
          cycle: '2027-02-28',
          subject: 'cloud-platform|Fabrikam|2025-02-10',
          audience: 'channel',
          dueOn: '2026-11-12',
          payload: { customer: 'Fabrikam', competency: 'cloud-platform', expiresOn: '2027-02-10' },
        },
      ]);
    });

    it('treats a reference expiring on the anniversary itself as expiring', () => {
      const onTheDay = makeOrganization({ anniversaryDate: '2027-02-28', customerReferences: [{ customer: 'Tailspin', competency: 'cloud-platform', approvedOn: '2025-02-28' }] });
      expect(planReminders(onTheDay, '2026-12-01', {}, catalog).reminders.map((r) => r.kind)).toContain('reference-expiring');
    });

    it('stops reminding about references once the anniversary has passed', () => {
      expect(planReminders(withReferences, '2027-03-01', {}, catalog).reminders.map((r) => r.kind)).toEqual(['expired']);
    });
  });

  describe('requirement changes', () => {
    const told = { 'cloud-platform': { ...requirementsSnapshot('cloud-platform', 'gold', catalog)!, changesTold: 0 } };
    const withGoldReferences = (count: number) =>
      catalogWith((data) => {
        data.competencies.find((c) => c.id === 'cloud-platform')!.levels.gold.customerReferences = count;
      });

    it('records what was told without announcing anything the first time', () => {
      const plan = planReminders(org, '2026-06-01', {}, catalog);
      expect(plan.reminders).toEqual([]);
      expect(plan.toldRequirements).toEqual(told);
    });

    it('announces exactly what changed when the catalog changes a held competency', () => {
      const data = structuredClone(catalog.data);
      const platform = data.competencies.find((c) => c.id === 'cloud-platform')!;
      platform.levels.gold.customerReferences = 6;
      platform.exams = [...platform.exams, '70-535'];
      const plan = planReminders(org, '2026-06-01', told, parseCatalog(data));
      expect(plan.reminders).toEqual([
        {
          kind: 'requirements-changed',
          cycle: '2027-02-28',
          subject: 'cloud-platform|change-1',
          audience: 'channel',
          dueOn: '2026-06-01',
          payload: { competencyId: 'cloud-platform', level: 'gold', changes: ['Customer references needed: 5 → 6', 'Exams now accepted: 70-535'] },
        },
      ]);
    });

    it('tells every change once, a change back to an earlier state included (A→B→A→B is three changes)', () => {
      let toldSoFar: Record<string, ToldRequirements> = {};
      const keys: string[] = [];
      for (const references of [5, 6, 5, 6, 6]) {
        const plan = planReminders(org, '2026-06-01', toldSoFar, withGoldReferences(references));
        keys.push(...plan.reminders.map((reminder) => `${reminder.subject}: ${reminder.kind === 'requirements-changed' ? reminder.payload.changes[0] : ''}`));
        toldSoFar = plan.toldRequirements;
      }
      expect(keys).toEqual(['cloud-platform|change-1: Customer references needed: 5 → 6', 'cloud-platform|change-2: Customer references needed: 6 → 5', 'cloud-platform|change-3: Customer references needed: 5 → 6']);
    });

    it('plans the same change under the same key until it is recorded as told, so it is not told twice', () => {
      const first = planReminders(org, '2026-06-01', told, withGoldReferences(6));
      const again = planReminders(org, '2026-06-02', told, withGoldReferences(6));
      expect(again.reminders.map((reminder) => reminder.cycle)).toEqual(first.reminders.map((reminder) => reminder.cycle));
    });

    it('says nothing when a change concerns a level the organization does not hold', () => {
      const data = structuredClone(catalog.data);
      data.competencies.find((c) => c.id === 'cloud-platform')!.levels.silver.customerReferences = 9;
      expect(planReminders(org, '2026-06-01', told, parseCatalog(data)).reminders).toEqual([]);
    });
  });
});
