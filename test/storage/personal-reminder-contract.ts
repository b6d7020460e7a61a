/**
 * Personal reminders in storage, on every back end: the contact's 1:1 chat and opt-out per tenant
 * and Azure AD object id, personal ledger entries claimed apart from channel ones (and without a
 * channel), counted apart, and organizations without a channel offered for planning when asked.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/storage/migrations.js';
import { personalSubject } from '../../src/rules/reminders/subject.js';
import type { ReminderKey, StoredReminder } from '../../src/storage/reminder-store.js';
import { makeOrganization } from '../support/organizations.js';
import { makeTarget, type MakeStorage, type StorageUnderTest } from './storage-contract.js';

const T0 = new Date('2027-02-14T08:00:00.000Z');
const MINUTE = 60_000;
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

const chat = (conversationId: string, serviceUrl = SERVICE_URL) => ({
  conversationId,
  serviceUrl,
  conversationReference: { serviceUrl, conversationId, tenantId: 'tenant-a', botId: '28:renewal-bot', scope: 'personal' as const },
});

const reminder = (overrides: Partial<StoredReminder> = {}): StoredReminder => ({
  tenantId: 'tenant-a',
  kind: 'two-weeks',
  cycle: '2027-02-28',
  subject: '',
  audience: 'channel',
  dueOn: '2027-02-14',
  payload: {},
  ...overrides,
});
const personal = (overrides: Partial<StoredReminder> = {}) => reminder({ ...overrides, subject: personalSubject('aad-megan', overrides.subject ?? ''), audience: 'personal' });
const keyOf = ({ tenantId, kind, cycle, subject, audience }: ReminderKey) => ({ tenantId, kind, cycle, subject, audience });

export function runPersonalReminderContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} personal reminder storage`, () => {
    let subject: StorageUnderTest;
    let clock = T0;
    beforeEach(async () => {
      clock = T0;
      subject = await makeStorage({ now: () => clock });
    });
    afterEach(async () => {
      await subject.cleanup();
    });
    const claimOptions = (runnerId = 'runner-1') => ({ runnerId, now: T0, leaseMs: 5 * MINUTE, limit: 10 });

    it('tells the audience of rows written before it was a column, a channel competency named "personal:x" included', async () => {
      const { storage, db } = subject;
      await runMigrations(db, storage.kind, { to: '0006-personal-reminders' });
      const row = (kind: string, rowSubject: string) => ({ tenant_id: 'tenant-a', kind, cycle: '2027-02-28', subject: rowSubject, due_on: '2026-11-30', payload: '{}', status: 'pending', next_attempt_at: T0.toISOString(), created_at: T0.toISOString() });
      await (db as Kysely<any>)
        .insertInto('reminder_ledger')
        .values([
          row('two-weeks', ''),
          row('two-weeks', 'personal:aad-megan'),
          row('reference-expiring', 'personal:x|Fabrikam|2025-01-10'),
          row('reference-expiring', 'personal:aad-megan|personal:x|Fabrikam|2025-01-10'),
          row('reference-expiring', 'personal:aad-megan|cloud-platform|Litware|2025-03-01'),
          row('requirements-changed', 'personal:x|change-1'),
        ])
        .execute();
      await runMigrations(db, storage.kind);
      const audiences = Object.fromEntries((await storage.remindersOf('tenant-a')).map((reminder) => [`${reminder.kind} ${reminder.subject}`, reminder.audience]));
      expect(audiences).toEqual({
        'two-weeks ': 'channel',
        'two-weeks personal:aad-megan': 'personal',
        'reference-expiring personal:x|Fabrikam|2025-01-10': 'channel',
        'reference-expiring personal:aad-megan|personal:x|Fabrikam|2025-01-10': 'personal',
        'reference-expiring personal:aad-megan|cloud-platform|Litware|2025-03-01': 'personal',
        'requirements-changed personal:x|change-1': 'channel',
      });
    });

    describe('the contact\'s 1:1 chat', () => {
      it('keeps one chat per tenant and object id: the same person in another tenant is another row', async () => {
        const { storage } = subject;
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan-in-a'));
        await storage.rememberPersonalChat('tenant-b', 'aad-megan', chat('a:megan-in-b'));
        expect((await storage.getPersonalChat('tenant-a', 'aad-megan'))?.conversation).toEqual(chat('a:megan-in-a'));
        expect((await storage.getPersonalChat('tenant-b', 'aad-megan'))?.conversation?.conversationId).toBe('a:megan-in-b');
        expect(await storage.getPersonalChat('tenant-c', 'aad-megan')).toBeUndefined();
        expect(await storage.getPersonalChat('tenant-a', 'aad-alex')).toBeUndefined();
      });

      it('writes nothing when the contact writes again in the same chat, and follows a new service URL', async () => {
        const { storage, db } = subject;
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan'));
        clock = new Date(T0.getTime() + MINUTE);
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan'));
        const updatedAt = async () => (await db.selectFrom('personal_conversations').select('updated_at').executeTakeFirstOrThrow()).updated_at;
        expect(await updatedAt()).toBe(T0.toISOString());
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan', 'https://smba.trafficmanager.net/amer/'));
        expect((await storage.getPersonalChat('tenant-a', 'aad-megan'))?.conversation?.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
        expect(await updatedAt()).toBe(clock.toISOString());
      });

      it('records why a contact could not be reached, keeps the chat, and forgets the reason once the chat works again', async () => {
        const { storage } = subject;
        await storage.markContactUnreachable('tenant-a', 'aad-alex', 'HTTP 404: not a member of the team');
        expect(await storage.getPersonalChat('tenant-a', 'aad-alex')).toEqual({ tenantId: 'tenant-a', aadObjectId: 'aad-alex', conversation: undefined, unreachableReason: 'HTTP 404: not a member of the team' });
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan'));
        await storage.markContactUnreachable('tenant-a', 'aad-megan', 'HTTP 403: the contact blocked the app');
        expect(await storage.getPersonalChat('tenant-a', 'aad-megan')).toMatchObject({ conversation: chat('a:megan'), unreachableReason: 'HTTP 403: the contact blocked the app' });
        await storage.rememberPersonalChat('tenant-a', 'aad-megan', chat('a:megan'));
        expect((await storage.getPersonalChat('tenant-a', 'aad-megan'))?.unreachableReason).toBe('');
        expect((await storage.getPersonalChat('tenant-b', 'aad-megan'))).toBeUndefined();
      });

      it('stops and starts personal reminders per organization and contact', async () => {
        const { storage } = subject;
        expect(await storage.personalRemindersStopped('tenant-a', 'aad-megan')).toBe(false);
        await storage.setPersonalReminders('tenant-a', 'aad-megan', false, T0);
        await storage.setPersonalReminders('tenant-a', 'aad-megan', false, T0); // said twice
        expect(await storage.personalRemindersStopped('tenant-a', 'aad-megan')).toBe(true);
        expect(await storage.personalRemindersStopped('tenant-b', 'aad-megan')).toBe(false);
        expect(await storage.personalRemindersStopped('tenant-a', 'aad-alex')).toBe(false);
        await storage.setPersonalReminders('tenant-a', 'aad-megan', true, T0);
        expect(await storage.personalRemindersStopped('tenant-a', 'aad-megan')).toBe(false);
      });
    });

    describe('personal ledger entries', () => {
      it('are claimed by personal claims only, without a channel, and channel entries by channel claims only', async () => {
        const { storage } = subject;
        await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a' }));
        await storage.recordPlan('tenant-a', { reminders: [reminder(), personal()], nextReminderOn: '2027-03-01', toldRequirements: {} });
        // No channel target: the channel entry waits, the personal one goes.
        expect(await storage.claimReminders(claimOptions())).toEqual([]);
        const claimed = await storage.claimPersonalReminders(claimOptions());
        expect(claimed).toEqual([{ ...personal(), attempts: 1 }]);
        expect(await storage.claimPersonalReminders(claimOptions('runner-2'))).toEqual([]);

        await storage.saveReminderTarget(makeTarget('tenant-a'));
        expect((await storage.claimReminders(claimOptions())).map(keyOf)).toEqual([keyOf(reminder())]);
      });

      it('go out once per recipient: the same kind and cycle for another contact is another entry', async () => {
        const { storage } = subject;
        await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a' }));
        const forAlex = reminder({ subject: personalSubject('aad-alex', ''), audience: 'personal' });
        expect(await storage.recordPlan('tenant-a', { reminders: [personal(), forAlex], nextReminderOn: '2027-03-01', toldRequirements: {} })).toBe(2);
        expect(await storage.recordPlan('tenant-a', { reminders: [personal(), forAlex], nextReminderOn: '2027-03-01', toldRequirements: {} })).toBe(0);
        const claimed = await storage.claimPersonalReminders(claimOptions());
        await storage.markReminderSent(claimed[0]!, T0);
        expect(await storage.claimPersonalReminders({ ...claimOptions('runner-2'), now: new Date(T0.getTime() + 60 * MINUTE) })).toHaveLength(1); // the other one's lease ran out
      });

      it('are counted apart from channel reminders', async () => {
        const { storage } = subject;
        await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a' }));
        await storage.saveReminderTarget(makeTarget('tenant-a'));
        await storage.recordPlan('tenant-a', { reminders: [reminder(), personal(), personal({ kind: 'expired' })], nextReminderOn: '2027-03-01', toldRequirements: {} });
        const [sent] = await storage.claimPersonalReminders({ ...claimOptions(), limit: 1 });
        await storage.closeReminder(sent!, 'inactive', 'HTTP 403');
        expect(await storage.reminderCounts()).toEqual([{ kind: 'two-weeks', status: 'pending', count: 1 }]);
        const personalCounts = [...(await storage.personalReminderCounts())].sort((a, b) => a.kind.localeCompare(b.kind));
        expect(personalCounts).toEqual([
          { kind: 'expired', status: 'inactive', count: 1 }, // claimed first: same day, kinds in order
          { kind: 'two-weeks', status: 'pending', count: 1 },
        ]);
      });
    });

    it('offers organizations without an active channel for planning only when asked to', async () => {
      const { storage } = subject;
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a' }));
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-b' }));
      await storage.saveReminderTarget(makeTarget('tenant-b'));
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-c' }));
      await storage.saveReminderTarget(makeTarget('tenant-c'));
      await storage.deactivateReminderTarget('tenant-c', 'HTTP 404');
      const channelOnly = await storage.organizationsToPlan({ upTo: '2027-02-14', limit: 10 });
      expect(channelOnly.map((row) => [row.organization.tenantId, row.hasChannelTarget])).toEqual([['tenant-b', true]]);
      const all = await storage.organizationsToPlan({ upTo: '2027-02-14', limit: 10, withoutChannel: true });
      expect(all.map((row) => [row.organization.tenantId, row.hasChannelTarget])).toEqual([['tenant-a', false], ['tenant-b', true], ['tenant-c', false]]);
    });
  });
}
