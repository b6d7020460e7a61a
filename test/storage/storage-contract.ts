/**
 * The behaviour every Storage back end must show, run against each of them (sqlite.test.ts,
 * postgres.test.ts) so SQLite and PostgreSQL cannot drift apart.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderKind } from '../../src/rules/reminders/plan.js';
import type { OpenedDatabase } from '../../src/storage/database.js';
import { runMigrations } from '../../src/storage/migrations.js';
import type { ToldRequirements } from '../../src/rules/requirements/snapshot.js';
import type { StoredReminder, ReminderKey, ReminderTarget } from '../../src/storage/reminder-store.js';
import type { DatabaseSchema } from '../../src/storage/schema.js';
import { createSqlStorage } from '../../src/storage/sql-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';
import { runCalendarTokenContract } from './calendar-token-contract.js';
import { runConversationRefContract } from './conversation-ref-contract.js';
import { runPersonalReminderContract } from './personal-reminder-contract.js';
import { runMessageUpdateContract } from './message-update-contract.js';

export interface StorageUnderTest {
  storage: Storage;
  /** The same database, for checking what was actually written (timestamps, corrupted rows). */
  db: Kysely<DatabaseSchema>;
  /** Another Storage on the same database over its own connection(s), as a second replica would have. */
  openSecond?: () => Promise<Storage>;
  cleanup: () => Promise<void>;
}

export type MakeStorage = (clock: { now: () => Date }) => Promise<StorageUnderTest>;

/**
 * Migrates an opened test database and wraps it in Storage with the test's clock; `reopen`, when
 * given, opens the same database again (a new connection) for the tests that need two replicas.
 */
export async function sqlStorageUnderTest(
  opened: OpenedDatabase,
  now: () => Date,
  removeDatabase: () => Promise<void>,
  reopen?: () => Promise<OpenedDatabase>,
): Promise<StorageUnderTest> {
  await runMigrations(opened.db, opened.kind);
  const storage = createSqlStorage(opened.db, opened.kind, { now });
  const seconds: Storage[] = [];
  const openSecond = reopen && (async () => {
    const again = await reopen();
    const second = createSqlStorage(again.db, again.kind, { now });
    seconds.push(second);
    return second;
  });
  const cleanup = async () => {
    for (const second of seconds) await second.close();
    await storage.close();
    await removeDatabase();
  };
  return { storage, db: opened.db, openSecond, cleanup };
}

/** Registers the behaviour tests for one back end; `makeStorage` gives each test an empty database. */
export function runStorageContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} storage`, () => {
    let subject: StorageUnderTest;
    let storage: Storage;
    let clock: Date;
    const at = (instant: string) => { clock = new Date(instant); };
    const timestamps = (tenantId: string) =>
      subject.db.selectFrom('organizations').select(['created_at', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();

    beforeEach(async () => {
      at('2026-03-01T09:00:00.000Z');
      subject = await makeStorage({ now: () => clock });
      storage = subject.storage;
    });
    afterEach(async () => { await subject.cleanup(); });

    it('returns nothing for a tenant that has not set up yet', async () => {
      expect(await storage.getOrganization('tenant-a')).toBeUndefined();
    });

    it('reads back a full organization exactly as it was saved', async () => {
      const organization = makeOrganization({
        admins: ['aad-megan', 'aad-alex'],
        competencies: [{ id: 'cloud-platform', level: 'gold' }, { id: 'data-analytics', level: 'silver' }],
        customerReferences: [
          { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' },
          { customer: 'Northwind Traders', competency: 'data-analytics', approvedOn: '2025-11-30' },
        ],
        certifications: [
          { person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' },
          { person: 'Adele Vance', exam: 'DP-203', passedOn: '2025-09-09' },
        ],
        timeZone: 'Europe/Berlin',
      });
      await storage.saveOrganization(organization);
      expect(await storage.getOrganization('tenant-a')).toEqual(organization);
    });

    it("keeps each tenant's organization apart", async () => {
      const contoso = makeOrganization({ tenantId: 'tenant-a', name: 'Contoso Ltd' });
      const fabrikam = makeOrganization({ tenantId: 'tenant-b', name: 'Fabrikam Inc', partnerId: '5523456' });
      await storage.saveOrganization(contoso);
      await storage.saveOrganization(fabrikam);
      expect(await storage.getOrganization('tenant-a')).toEqual(contoso);
      expect(await storage.getOrganization('tenant-b')).toEqual(fabrikam);

      await storage.saveOrganization({ ...contoso, name: 'Contoso Group' });
      expect((await storage.getOrganization('tenant-a'))?.name).toBe('Contoso Group');
      expect(await storage.getOrganization('tenant-b')).toEqual(fabrikam);
    });

    it('lists every organization a page at a time, in tenant order', async () => {
      for (const tenantId of ['tenant-c', 'tenant-a', 'tenant-b']) await storage.saveOrganization(makeOrganization({ tenantId, name: `Org ${tenantId}` }));
      const first = await storage.listOrganizations({ limit: 2 });
      expect(first.map((org) => org.tenantId)).toEqual(['tenant-a', 'tenant-b']);
      const rest = await storage.listOrganizations({ after: 'tenant-b', limit: 2 });
      expect(rest.map((org) => [org.tenantId, org.name])).toEqual([['tenant-c', 'Org tenant-c']]);
    });

    it('replaces an organization that is saved again, keeping one record', async () => {
      await storage.saveOrganization(makeOrganization());
      await storage.saveOrganization(makeOrganization({ anniversaryDate: '2027-03-31', competencies: [] }));
      expect(await storage.getOrganization('tenant-a')).toMatchObject({ anniversaryDate: '2027-03-31', competencies: [] });
      expect(await storage.countOrganizations()).toBe(1);
    });

    it('refuses to save an organization that is not valid', async () => {
      await expect(storage.saveOrganization(makeOrganization({ anniversaryDate: '2027-02-30' }))).rejects.toThrow(/tenant-a/);
      expect(await storage.getOrganization('tenant-a')).toBeUndefined();
    });

    it('reports how many imported organizations were created, updated and unchanged', async () => {
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a' }));
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-b' }));
      const summary = await storage.upsertOrganizations([
        makeOrganization({ tenantId: 'tenant-a' }),
        makeOrganization({ tenantId: 'tenant-b', name: 'Fabrikam Inc' }),
        makeOrganization({ tenantId: 'tenant-c' }),
        makeOrganization({ tenantId: 'tenant-d' }),
      ]);
      expect(summary).toEqual({ created: 2, updated: 1, unchanged: 1 });
      expect((await storage.getOrganization('tenant-b'))?.name).toBe('Fabrikam Inc');
      expect(await storage.countOrganizations()).toBe(4);
      expect(await storage.upsertOrganizations([])).toEqual({ created: 0, updated: 0, unchanged: 0 });
    });

    it('writes nothing when one record of an import cannot be stored', async () => {
      await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-z', name: 'Before' }));
      const importing = storage.upsertOrganizations([
        makeOrganization({ tenantId: 'tenant-new' }),
        makeOrganization({ tenantId: 'tenant-z', name: 'After' }),
        makeOrganization({ tenantId: 'tenant-bad', primaryContact: { name: 'Nobody', email: 'not-an-email' } }),
      ]);
      await expect(importing).rejects.toThrow(/Record 3 \(tenant "tenant-bad"\)/);
      expect(await storage.getOrganization('tenant-new')).toBeUndefined();
      expect((await storage.getOrganization('tenant-z'))?.name).toBe('Before');
      expect(await storage.countOrganizations()).toBe(1);
    });

    it('leaves unchanged records untouched and stamps changed ones', async () => {
      await storage.saveOrganization(makeOrganization());
      const created = '2026-03-01T09:00:00.000Z';

      at('2026-04-01T09:00:00.000Z');
      expect(await storage.upsertOrganizations([makeOrganization()])).toEqual({ created: 0, updated: 0, unchanged: 1 });
      await storage.saveOrganization(makeOrganization());
      expect(await timestamps('tenant-a')).toEqual({ created_at: created, updated_at: created });

      at('2026-05-01T09:00:00.000Z');
      await storage.upsertOrganizations([makeOrganization({ name: 'Contoso Group' })]);
      expect(await timestamps('tenant-a')).toEqual({ created_at: created, updated_at: '2026-05-01T09:00:00.000Z' });
    });

    it('fails loudly instead of returning a corrupted record', async () => {
      await storage.saveOrganization(makeOrganization());
      await subject.db.updateTable('organizations').set({ profile: '{"name":"Contoso Ltd"}' }).execute();
      await expect(storage.getOrganization('tenant-a')).rejects.toThrow(/tenant "tenant-a" is corrupted/);
      await subject.db.updateTable('organizations').set({ profile: 'not json' }).execute();
      await expect(storage.getOrganization('tenant-a')).rejects.toThrow(/corrupted/);
    });

    it('counts the stored organizations', async () => {
      expect(await storage.countOrganizations()).toBe(0);
      await storage.upsertOrganizations([makeOrganization({ tenantId: 'tenant-a' }), makeOrganization({ tenantId: 'tenant-b' })]);
      expect(await storage.countOrganizations()).toBe(2);
    });

    it('answers a ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    it('changes an organization as stored when it writes: concurrent changes all stick, on a second replica too', async () => {
      await storage.saveOrganization(makeOrganization({ admins: ['aad-0'] }));
      const replica = subject.openSecond ? await subject.openSecond() : storage;
      const addAdmin = (index: number) =>
        (index % 2 ? replica : storage).changeOrganization('tenant-a', (current) => ({ write: current && { ...current, admins: [...current.admins, `aad-${index}`] }, result: index }));
      expect(await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(addAdmin))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect([...((await storage.getOrganization('tenant-a'))?.admins ?? [])].sort()).toEqual(['aad-0', 'aad-1', 'aad-2', 'aad-3', 'aad-4', 'aad-5', 'aad-6', 'aad-7', 'aad-8']);
    });

    it('creates an organization once when first changes race: the others decide on what the first wrote', async () => {
      const replica = subject.openSecond ? await subject.openSecond() : storage;
      const firstSave = (store: Storage, admin: string) =>
        store.changeOrganization('tenant-a', (current) => (current ? { result: `saw ${current.admins.join()}` } : { write: makeOrganization({ admins: [admin] }), result: 'created' }));
      // Connections opened first (PostgreSQL pools connect on demand), so the changes really overlap.
      await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? replica : storage).ping()));
      const results = await Promise.all(Array.from({ length: 10 }, (_, index) => firstSave(index % 2 ? replica : storage, `aad-${index}`)));
      expect(results.filter((result) => result === 'created')).toHaveLength(1);
      const stored = await storage.getOrganization('tenant-a');
      expect(results).toContain(`saw ${stored?.admins.join()}`);
    });

    it('writes nothing when a change decides so, and never writes another tenant', async () => {
      await storage.saveOrganization(makeOrganization());
      at('2026-03-02T09:00:00.000Z');
      expect(await storage.changeOrganization('tenant-a', () => ({ result: 'nothing' }))).toBe('nothing');
      expect((await timestamps('tenant-a'))?.updated_at).toBe('2026-03-01T09:00:00.000Z');
      await expect(storage.changeOrganization('tenant-a', (current) => ({ write: current && { ...current, tenantId: 'tenant-b' }, result: 'moved' }))).rejects.toThrow('cannot be written as tenant "tenant-b"');
      expect(await storage.getOrganization('tenant-b')).toBeUndefined();
    });

    it('keeps every one of many concurrent saves for different tenants', async () => {
      const tenants = Array.from({ length: 20 }, (_, index) => `tenant-${index}`);
      await Promise.all(tenants.map((tenantId) => storage.saveOrganization(makeOrganization({ tenantId, name: `Org ${tenantId}` }))));
      expect(await storage.countOrganizations()).toBe(20);
      for (const tenantId of tenants) {
        expect((await storage.getOrganization(tenantId))?.name).toBe(`Org ${tenantId}`);
      }
    });
  });

  runReminderContract(name, makeStorage);
  runCalendarTokenContract(name, makeStorage);
  runPersonalReminderContract(name, makeStorage);
  runMessageUpdateContract(name, makeStorage);
  runConversationRefContract(name, makeStorage);
}

const CHANNEL = '19:general@thread.tacv2';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** The target a tenant's install into team-1 saves; `overrides` replace whole fields. */
export function makeTarget(tenantId = 'tenant-a', overrides: Partial<Omit<ReminderTarget, 'active' | 'inactiveReason'>> = {}) {
  return {
    tenantId,
    teamId: 'team-1',
    conversationId: CHANNEL,
    serviceUrl: SERVICE_URL,
    conversationReference: { serviceUrl: SERVICE_URL, conversationId: CHANNEL, tenantId, botId: '28:renewal-bot', scope: 'channel' as const },
    ...overrides,
  };
}

function makeReminder(overrides: Partial<StoredReminder> = {}): StoredReminder {
  return { tenantId: 'tenant-a', kind: 'window-open', cycle: '2027-02-28', subject: '', audience: 'channel', dueOn: '2026-11-30', payload: {}, ...overrides };
}

const keyOf = ({ tenantId, kind, cycle, subject, audience }: ReminderKey): ReminderKey => ({ tenantId, kind, cycle, subject, audience });

/** The ledger, reminder targets and planning index: the reminder half of Storage. */
function runReminderContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} reminder storage`, () => {
    let subject: StorageUnderTest;
    let storage: Storage;
    let clock: Date;
    const at = (instant: string) => { clock = new Date(instant); };
    const T0 = new Date('2026-11-30T08:00:00.000Z');
    const later = (ms: number) => new Date(T0.getTime() + ms);
    const MINUTE = 60_000;

    /** An organization with an active target: what the planner and the sender work on. */
    const install = async (tenantId = 'tenant-a') => {
      await storage.saveOrganization(makeOrganization({ tenantId }));
      await storage.saveReminderTarget(makeTarget(tenantId));
    };
    const plan = (tenantId: string, reminders: StoredReminder[], nextReminderOn = '2026-12-14', toldRequirements: Record<string, ToldRequirements> = {}) =>
      storage.recordPlan(tenantId, { reminders, nextReminderOn, toldRequirements });
    const claim = (options: { runnerId?: string; now?: Date; leaseMs?: number; limit?: number; tenantId?: string } = {}) =>
      storage.claimReminders({ runnerId: 'runner-1', now: T0, leaseMs: 5 * MINUTE, limit: 10, ...options });
    const statusOf = async (key: ReminderKey) =>
      (await storage.remindersOf(key.tenantId)).find((row) => row.kind === key.kind && row.cycle === key.cycle && row.subject === key.subject);
    const ledgerRow = (key: ReminderKey) =>
      subject.db
        .selectFrom('reminder_ledger')
        .selectAll()
        .where('tenant_id', '=', key.tenantId)
        .where('kind', '=', key.kind)
        .where('cycle', '=', key.cycle)
        .where('subject', '=', key.subject)
        .executeTakeFirstOrThrow();
    const due = async (upTo = '2026-11-30') =>
      (await storage.organizationsToPlan({ upTo, limit: 100 })).map((row) => row.organization.tenantId);
    /** `count` reminders of tenant-a, due on consecutive days from 2026-01-01 (oldest first by subject). */
    const manyReminders = (count: number) =>
      Array.from({ length: count }, (_, index) =>
        makeReminder({
          kind: 'reference-expiring',
          subject: `ref-${String(index).padStart(3, '0')}`,
          dueOn: new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
          payload: { index },
        }),
      );

    beforeEach(async () => {
      at('2026-11-30T07:00:00.000Z');
      subject = await makeStorage({ now: () => clock });
      storage = subject.storage;
    });
    afterEach(async () => { await subject.cleanup(); });

    describe('targets', () => {
      it('keeps one target per tenant however often the app is installed', async () => {
        expect(await storage.saveReminderTarget(makeTarget())).toBe('created');
        expect(await storage.saveReminderTarget(makeTarget())).toBe('unchanged');
        const moved = makeTarget('tenant-a', { teamId: 'team-2', conversationId: '19:other@thread.tacv2' });
        expect(await storage.saveReminderTarget(moved)).toBe('updated');
        expect(await storage.getReminderTarget('tenant-a')).toEqual({ ...moved, active: true, inactiveReason: '' });
        const rows = await subject.db.selectFrom('reminder_targets').select('tenant_id').execute();
        expect(rows).toEqual([{ tenant_id: 'tenant-a' }]);
      });

      it('lets an install claim the target only while no other team holds an active one', async () => {
        expect(await storage.claimReminderTarget(makeTarget('tenant-a', { teamId: 'team-1' }))).toBe('created');
        expect(await storage.claimReminderTarget(makeTarget('tenant-a', { teamId: 'team-1' }))).toBe('unchanged');
        // An admin moved them to another channel of the team: a reinstall or upgrade leaves that alone.
        await storage.saveReminderTarget(makeTarget('tenant-a', { teamId: 'team-1', conversationId: '19:chosen@thread.tacv2' }));
        expect(await storage.claimReminderTarget(makeTarget('tenant-a', { teamId: 'team-1' }))).toBe('unchanged');
        expect((await storage.getReminderTarget('tenant-a'))?.conversationId).toBe('19:chosen@thread.tacv2');
        const other = makeTarget('tenant-a', { teamId: 'team-2', conversationId: '19:other@thread.tacv2' });
        expect(await storage.claimReminderTarget(other)).toBe('elsewhere');
        expect((await storage.getReminderTarget('tenant-a'))?.teamId).toBe('team-1');
        await storage.deactivateReminderTarget('tenant-a', 'removed from team-1', 'team-1');
        expect(await storage.claimReminderTarget(other)).toBe('updated');
        expect(await storage.getReminderTarget('tenant-a')).toMatchObject({ teamId: 'team-2', active: true });
      });

      it('gives the target to exactly one of several installs racing in different teams', async () => {
        const results = await Promise.all(['team-1', 'team-2', 'team-3'].map((teamId) => storage.claimReminderTarget(makeTarget('tenant-a', { teamId, conversationId: teamId }))));
        expect(results.filter((result) => result !== 'elsewhere')).toHaveLength(1);
        const winner = ['team-1', 'team-2', 'team-3'][results.findIndex((result) => result !== 'elsewhere')];
        expect((await storage.getReminderTarget('tenant-a'))?.teamId).toBe(winner);
      });

      it('treats the two events of one install arriving together as one: created once, then unchanged, never elsewhere', async () => {
        const replica = subject.openSecond ? await subject.openSecond() : storage;
        const install = () => makeTarget('tenant-a', { teamId: 'team-1', conversationId: 'team-1' });
        for (let round = 0; round < 5; round += 1) {
          await subject.db.deleteFrom('reminder_targets').execute();
          const results = await Promise.all([storage.claimReminderTarget(install()), replica.claimReminderTarget(install())]);
          expect(results.sort()).toEqual(['created', 'unchanged']);
        }
      });

      it('returns nothing for a tenant without a target', async () => {
        expect(await storage.getReminderTarget('tenant-a')).toBeUndefined();
        expect(await storage.deactivateReminderTarget('tenant-a', 'app removed')).toBe(false);
      });

      it('deactivates a target with its reason, and reactivates it when it is saved again', async () => {
        await storage.saveReminderTarget(makeTarget());
        expect(await storage.deactivateReminderTarget('tenant-a', 'HTTP 403')).toBe(true);
        expect(await storage.getReminderTarget('tenant-a')).toMatchObject({ active: false, inactiveReason: 'HTTP 403' });
        expect(await storage.deactivateReminderTarget('tenant-a', 'again')).toBe(false);
        expect((await storage.getReminderTarget('tenant-a'))?.inactiveReason).toBe('HTTP 403');

        expect(await storage.saveReminderTarget(makeTarget())).toBe('updated');
        expect(await storage.getReminderTarget('tenant-a')).toMatchObject({ active: true, inactiveReason: '' });
      });

      it('is not deactivated by the removal of the app from another team', async () => {
        await storage.saveReminderTarget(makeTarget('tenant-a', { teamId: 'team-1' }));
        expect(await storage.deactivateReminderTarget('tenant-a', 'removed from team-2', 'team-2')).toBe(false);
        expect((await storage.getReminderTarget('tenant-a'))?.active).toBe(true);
        expect(await storage.deactivateReminderTarget('tenant-a', 'removed from team-1', 'team-1')).toBe(true);
        expect(await storage.getReminderTarget('tenant-a')).toMatchObject({ active: false, inactiveReason: 'removed from team-1' });
      });

      it("remembers a new service URL in the target and in its conversation reference", async () => {
        await storage.saveReminderTarget(makeTarget());
        const newUrl = 'https://smba.trafficmanager.net/amer/';
        await storage.rememberServiceUrl('tenant-a', newUrl);
        const target = await storage.getReminderTarget('tenant-a');
        expect(target?.serviceUrl).toBe(newUrl);
        expect(target?.conversationReference).toEqual({ ...makeTarget().conversationReference, serviceUrl: newUrl });
        // The target as it now is, saved again, changes nothing.
        expect(await storage.saveReminderTarget(makeTarget('tenant-a', { serviceUrl: newUrl, conversationReference: target!.conversationReference }))).toBe('unchanged');
      });

      it('does not write when the service URL is the one already stored', async () => {
        await storage.saveReminderTarget(makeTarget());
        const before = await subject.db.selectFrom('reminder_targets').selectAll().executeTakeFirstOrThrow();
        at('2026-12-01T07:00:00.000Z');
        await storage.rememberServiceUrl('tenant-a', SERVICE_URL);
        await storage.rememberServiceUrl('tenant-unknown', SERVICE_URL);
        expect(await subject.db.selectFrom('reminder_targets').selectAll().execute()).toEqual([before]);
      });

      it('fails loudly on a corrupted conversation reference', async () => {
        await storage.saveReminderTarget(makeTarget());
        await subject.db.updateTable('reminder_targets').set({ conversation_reference: 'not json' }).execute();
        await expect(storage.getReminderTarget('tenant-a')).rejects.toThrow(/reminder target of tenant "tenant-a" is corrupted/);
      });
    });

    describe('planning', () => {
      it('records the plans of a whole page of organizations at once, each with its own next date', async () => {
        await install('tenant-a');
        await install('tenant-b');
        const inserted = await storage.recordPlans([
          { tenantId: 'tenant-a', plan: { reminders: [makeReminder({ tenantId: 'tenant-a' })], nextReminderOn: '2026-12-14', toldRequirements: {} } },
          { tenantId: 'tenant-b', plan: { reminders: [makeReminder({ tenantId: 'tenant-b' })], nextReminderOn: '2026-11-30', toldRequirements: {} } },
        ]);
        expect(inserted).toBe(2);
        expect(await due('2026-11-30')).toEqual(['tenant-b']);
        expect((await storage.remindersOf('tenant-a')).map((row) => row.tenantId)).toEqual(['tenant-a']);
      });

      it('keeps a profile saved while its plan was being made due for the next pass', async () => {
        await install('tenant-a');
        const [read] = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 10 });
        at('2026-11-30T07:05:00.000Z');
        await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-a', anniversaryDate: '2027-01-31' }));
        await storage.recordPlan('tenant-a', { reminders: [], nextReminderOn: '2026-12-14', toldRequirements: {}, basedOnUpdatedAt: read!.updatedAt });
        expect(await due('2026-11-30')).toEqual(['tenant-a']);
        // Planned against the profile as it is now, the date moves on.
        const [fresh] = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 10 });
        await storage.recordPlan('tenant-a', { reminders: [], nextReminderOn: '2026-12-14', toldRequirements: {}, basedOnUpdatedAt: fresh!.updatedAt });
        expect(await due('2026-11-30')).toEqual([]);
      });

      it('offers only organizations that are due and have an active target', async () => {
        await install('tenant-a');
        await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-b' })); // no target yet
        await install('tenant-c');
        await plan('tenant-c', [], '2026-12-14'); // not due before 14 December
        await install('tenant-d');
        await storage.deactivateReminderTarget('tenant-d', 'HTTP 404');
        await storage.saveReminderTarget(makeTarget('tenant-e')); // a target, but no organization

        const page = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 10 });
        expect(page).toEqual([{ organization: makeOrganization({ tenantId: 'tenant-a' }), hasChannelTarget: true, toldRequirements: {}, nextReminderOn: '0001-01-01', updatedAt: clock.toISOString() }]);
        expect(await due('2026-12-14')).toEqual(['tenant-a', 'tenant-c']);
      });

      it('pages through due organizations in (next date, tenant) order', async () => {
        const tenants = ['tenant-a', 'tenant-b', 'tenant-c', 'tenant-d', 'tenant-e'];
        for (const tenantId of tenants) await install(tenantId);
        await plan('tenant-a', [], '2026-11-20');
        await plan('tenant-b', [], '2026-11-10');
        await plan('tenant-e', [], '2026-11-10');
        await plan('tenant-d', [], '2026-12-01'); // not due yet
        const expected = [['0001-01-01', 'tenant-c'], ['2026-11-10', 'tenant-b'], ['2026-11-10', 'tenant-e'], ['2026-11-20', 'tenant-a']];

        const seen: string[][] = [];
        let after: { nextReminderOn: string; tenantId: string } | undefined;
        for (let pages = 0; pages < 10; pages += 1) {
          const page = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 2, after });
          seen.push(...page.map((row) => [row.nextReminderOn, row.organization.tenantId]));
          const last = page[page.length - 1];
          if (!last || page.length < 2) break;
          after = { nextReminderOn: last.nextReminderOn, tenantId: last.organization.tenantId };
        }
        expect(seen).toEqual(expected);
        const one = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 10, tenantId: 'tenant-e' });
        expect(one.map((row) => row.organization.tenantId)).toEqual(['tenant-e']);
      });

      it('records a plan once: a reminder already in the ledger is left as it is', async () => {
        await install();
        const reminders = [makeReminder(), makeReminder({ kind: 'reference-expiring', subject: 'cloud-platform|Fabrikam|2024-06-01', payload: { customer: 'Fabrikam' } })];
        expect(await plan('tenant-a', reminders, '2026-12-14', { 'cloud-platform': { level: 'gold', customerReferences: 2, certifiedProfessionals: 1, performance: '', exams: [] } })).toBe(2);
        expect(await plan('tenant-a', [...reminders, makeReminder({ kind: 'two-weeks', dueOn: '2027-02-14' })])).toBe(1);
        expect(await plan('tenant-a', reminders)).toBe(0);

        const ledger = await storage.remindersOf('tenant-a');
        expect(ledger).toHaveLength(3);
        expect(ledger.every((row) => row.status === 'pending' && row.attempts === 0 && row.lastError === '' && row.sentAt === null)).toBe(true);
        expect(ledger.find((row) => row.kind === 'reference-expiring')?.payload).toEqual({ customer: 'Fabrikam' });
        expect(await due('2026-12-13')).toEqual([]);
        const [planned] = await storage.organizationsToPlan({ upTo: '2026-12-14', limit: 1 });
        expect(planned).toMatchObject({ nextReminderOn: '2026-12-14', toldRequirements: {} });
      });

      it('stores what the organization was told with its next date', async () => {
        await install();
        await plan('tenant-a', [], '2026-12-14', { 'cloud-platform': { level: 'gold', customerReferences: 2, certifiedProfessionals: 1, performance: '', exams: ['70-533'], changesTold: 1 } });
        const [planned] = await storage.organizationsToPlan({ upTo: '2026-12-14', limit: 1 });
        expect(planned?.toldRequirements).toEqual({ 'cloud-platform': { level: 'gold', customerReferences: 2, certifiedProfessionals: 1, performance: '', exams: ['70-533'], changesTold: 1 } });
      });

      it('makes an organization due again when its profile changes, not when it is saved unchanged', async () => {
        await install();
        await plan('tenant-a', [], '2027-01-15', { 'cloud-platform': { level: 'silver', customerReferences: 1, certifiedProfessionals: 1, performance: '', exams: [] } });
        expect(await due()).toEqual([]);

        await storage.saveOrganization(makeOrganization());
        expect(await storage.upsertOrganizations([makeOrganization()])).toMatchObject({ unchanged: 1 });
        expect(await due()).toEqual([]);

        await storage.saveOrganization(makeOrganization({ name: 'Contoso Group' }));
        const [replanned] = await storage.organizationsToPlan({ upTo: '2026-11-30', limit: 1 });
        expect(replanned).toMatchObject({ nextReminderOn: '0001-01-01', toldRequirements: { 'cloud-platform': { level: 'silver', customerReferences: 1, certifiedProfessionals: 1, performance: '', exams: [] } } });
        expect(replanned?.organization.name).toBe('Contoso Group');

        await plan('tenant-a', [], '2027-01-15', { 'cloud-platform': { level: 'silver', customerReferences: 1, certifiedProfessionals: 1, performance: '', exams: [] } });
        await storage.upsertOrganizations([makeOrganization({ anniversaryDate: '2027-03-31' })]);
        expect(await due()).toEqual(['tenant-a']);
      });

      it('makes an organization due again when its target is saved, not when it is saved unchanged', async () => {
        await install();
        await plan('tenant-a', [], '2027-01-15');
        await storage.saveReminderTarget(makeTarget());
        expect(await due()).toEqual([]);
        await storage.deactivateReminderTarget('tenant-a', 'HTTP 403');
        await storage.saveReminderTarget(makeTarget());
        expect(await due()).toEqual(['tenant-a']);
      });

      it('replans every organization on request (a catalog change)', async () => {
        await install('tenant-a');
        await install('tenant-b');
        await plan('tenant-a', [], '2027-01-15');
        await plan('tenant-b', [], '2027-02-15');
        expect(await due()).toEqual([]);
        expect(await storage.replanAllOrganizations()).toBe(2);
        expect(await due()).toEqual(['tenant-a', 'tenant-b']);
      });

      it('keeps settings', async () => {
        expect(await storage.getSetting('catalog-fingerprint')).toBeUndefined();
        await storage.putSetting('catalog-fingerprint', 'abc');
        await storage.putSetting('catalog-fingerprint', 'def');
        await storage.putSetting('other', '');
        expect(await storage.getSetting('catalog-fingerprint')).toBe('def');
        expect(await storage.getSetting('other')).toBe('');
      });
    });

    describe('ledger', () => {
      it('claims a due reminder with its target, marking it sending; a second claim gets nothing', async () => {
        await install();
        await plan('tenant-a', [makeReminder({ payload: { window: 'open' } })]);
        const [claimed, ...rest] = await claim({ runnerId: 'runner-1', now: T0 });
        expect(rest).toEqual([]);
        expect(claimed).toEqual({
          ...makeReminder({ payload: { window: 'open' } }),
          attempts: 1,
          target: { ...makeTarget(), active: true, inactiveReason: '' },
        });
        expect(await ledgerRow(makeReminder())).toMatchObject({
          status: 'sending',
          claimed_by: 'runner-1',
          lease_until: later(5 * MINUTE).toISOString(),
          attempts: 1,
        });
        expect(await claim({ runnerId: 'runner-2', now: later(MINUTE) })).toEqual([]);
      });

      it('claims again a reminder whose lease expired: a killed runner loses nothing', async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        expect(await claim({ runnerId: 'runner-1', now: T0, leaseMs: 5 * MINUTE })).toHaveLength(1);
        // runner-1 dies here without marking anything.
        expect(await claim({ runnerId: 'runner-2', now: later(5 * MINUTE - 1) })).toEqual([]);
        const retaken = await claim({ runnerId: 'runner-2', now: later(5 * MINUTE) });
        expect(retaken.map((reminder) => [keyOf(reminder), reminder.attempts])).toEqual([[keyOf(makeReminder()), 2]]);
        expect(await ledgerRow(makeReminder())).toMatchObject({ status: 'sending', claimed_by: 'runner-2' });
      });

      it('marks a reminder sent: it is never claimed again', async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        await claim();
        await storage.markReminderSent(makeReminder(), later(MINUTE));
        expect(await statusOf(makeReminder())).toMatchObject({ status: 'sent', sentAt: later(MINUTE).toISOString(), attempts: 1 });
        expect(await ledgerRow(makeReminder())).toMatchObject({ claimed_by: null, lease_until: null });
        expect(await claim({ now: later(365 * 24 * 60 * MINUTE) })).toEqual([]);
        expect(await plan('tenant-a', [makeReminder()])).toBe(0);
        expect((await statusOf(makeReminder()))?.status).toBe('sent');
      });

      it('does not reopen a sent reminder on a late release or close from a runner whose lease expired', async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        await claim({ runnerId: 'runner-1' });
        await claim({ runnerId: 'runner-2', now: later(10 * MINUTE) });
        await storage.markReminderSent(makeReminder(), later(11 * MINUTE));
        await storage.releaseReminder(makeReminder(), { reason: 'timeout', retryAt: later(12 * MINUTE) });
        await storage.closeReminder(makeReminder(), 'failed', 'HTTP 400');
        expect(await statusOf(makeReminder())).toMatchObject({ status: 'sent', lastError: '' });
      });

      it("leaves another runner's claim alone on a late release or close from a runner whose lease expired", async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        await claim({ runnerId: 'runner-1' });
        // runner-1 waits out Teams' throttling past its lease; runner-2 takes the reminder meanwhile.
        await claim({ runnerId: 'runner-2', now: later(10 * MINUTE) });
        await storage.releaseReminder(makeReminder(), { reason: 'HTTP 429: throttled by Teams', retryAt: later(11 * MINUTE), heldBy: 'runner-1' });
        await storage.closeReminder(makeReminder(), 'failed', 'HTTP 400', 'runner-1');
        expect(await ledgerRow(makeReminder())).toMatchObject({ status: 'sending', claimed_by: 'runner-2', last_error: '' });
        // Nobody else can claim it while runner-2 holds it; runner-2's own release still works.
        expect(await claim({ runnerId: 'runner-3', now: later(12 * MINUTE) })).toEqual([]);
        await storage.releaseReminder(makeReminder(), { reason: 'HTTP 503', retryAt: later(13 * MINUTE), heldBy: 'runner-2' });
        expect(await ledgerRow(makeReminder())).toMatchObject({ status: 'pending', claimed_by: null, last_error: 'HTTP 503' });
      });

      it('takes a released reminder back after its retry time, not before', async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        await claim();
        await storage.releaseReminder(makeReminder(), { reason: 'HTTP 429: throttled by Teams', retryAt: later(10 * MINUTE) });
        expect(await statusOf(makeReminder())).toMatchObject({ status: 'pending', lastError: 'HTTP 429: throttled by Teams' });
        expect(await ledgerRow(makeReminder())).toMatchObject({ claimed_by: null, lease_until: null, next_attempt_at: later(10 * MINUTE).toISOString() });

        expect(await claim({ now: later(10 * MINUTE - 1) })).toEqual([]);
        const again = await claim({ now: later(10 * MINUTE) });
        expect(again.map((reminder) => reminder.attempts)).toEqual([2]);
      });

      it('closes reminders as failed, inactive or skipped, with the reason, and never claims them again', async () => {
        await install();
        const reminders = [
          makeReminder({ kind: 'window-open' }),
          makeReminder({ kind: 'two-weeks' }),
          makeReminder({ kind: 'expired' }),
        ];
        await plan('tenant-a', reminders);
        await claim();
        await storage.closeReminder(reminders[0]!, 'failed', 'HTTP 400');
        await storage.closeReminder(reminders[1]!, 'inactive', 'HTTP 403');
        await storage.closeReminder(reminders[2]!, 'skipped', 'superseded');
        const ledger = await storage.remindersOf('tenant-a');
        expect(ledger.map((row) => [row.kind, row.status, row.lastError]).sort()).toEqual([
          ['expired', 'skipped', 'superseded'],
          ['two-weeks', 'inactive', 'HTTP 403'],
          ['window-open', 'failed', 'HTTP 400'],
        ]);
        expect(await claim({ now: later(365 * 24 * 60 * MINUTE) })).toEqual([]);
      });

      it('does not claim the reminders of an inactive target until it is saved again', async () => {
        await install();
        await plan('tenant-a', [makeReminder()]);
        await storage.deactivateReminderTarget('tenant-a', 'HTTP 404');
        expect(await claim()).toEqual([]);
        await storage.saveReminderTarget(makeTarget());
        expect(await claim()).toHaveLength(1);
      });

      it('claims the oldest due first, at most `limit`, and only the tenant asked for', async () => {
        await install('tenant-a');
        await install('tenant-b');
        await plan('tenant-a', [makeReminder({ kind: 'two-weeks', dueOn: '2026-11-20' }), makeReminder({ kind: 'window-open', dueOn: '2026-09-01' })]);
        await plan('tenant-b', [makeReminder({ tenantId: 'tenant-b', dueOn: '2026-10-01' })]);

        expect(await claim({ limit: 0 })).toEqual([]);
        const onlyB = await claim({ tenantId: 'tenant-b' });
        expect(onlyB.map((reminder) => [reminder.tenantId, reminder.target.tenantId])).toEqual([['tenant-b', 'tenant-b']]);
        const first = await claim({ limit: 1 });
        expect(first.map((reminder) => [reminder.tenantId, reminder.kind])).toEqual([['tenant-a', 'window-open']]);
        const next = await claim({ limit: 5 });
        expect(next.map((reminder) => [reminder.tenantId, reminder.kind])).toEqual([['tenant-a', 'two-weeks']]);
      });

      it('lists what a claim would take without claiming it (a dry run), oldest due first, per tenant when asked', async () => {
        await install('tenant-a');
        await install('tenant-b');
        await plan('tenant-a', [makeReminder({ kind: 'two-weeks', dueOn: '2026-11-20' }), makeReminder({ kind: 'window-open', dueOn: '2026-09-01' })]);
        await plan('tenant-b', [makeReminder({ tenantId: 'tenant-b', dueOn: '2026-10-01' })]);
        await storage.deactivateReminderTarget('tenant-b', 'HTTP 404');
        const peek = await storage.remindersToClaim({ now: T0, personal: true });
        expect(peek).toEqual([keyOf(makeReminder({ kind: 'window-open' })), keyOf(makeReminder({ kind: 'two-weeks' }))]);
        expect(await storage.remindersToClaim({ now: T0, tenantId: 'tenant-b', personal: true })).toEqual([]);
        expect(await claim({ limit: 10 })).toHaveLength(2);
        expect(await storage.remindersToClaim({ now: later(MINUTE), personal: true })).toEqual([]);
        expect(await storage.remindersToClaim({ now: later(5 * MINUTE), personal: true })).toHaveLength(2);
      });

      it('records reminders of the tenant acted for, whatever tenant a planned reminder names', async () => {
        await install('tenant-a');
        await plan('tenant-a', [makeReminder({ tenantId: 'tenant-b' })]);
        expect(await storage.remindersOf('tenant-b')).toEqual([]);
        expect((await storage.remindersOf('tenant-a')).map((row) => row.tenantId)).toEqual(['tenant-a']);
      });

      it('gives two concurrent claimers disjoint reminders that together are all of them', async () => {
        await install();
        expect(await plan('tenant-a', manyReminders(100))).toBe(100);
        const [one, two] = await Promise.all([
          claim({ runnerId: 'runner-1', limit: 50 }),
          claim({ runnerId: 'runner-2', limit: 50 }),
        ]);
        expectDisjointAndComplete(one, two, 100);
      });

      // Only where the back end gives a second connection in this process (PostgreSQL). With SQLite a
      // second replica is another process: better-sqlite3 waits for a lock synchronously, blocking
      // the event loop the lock holder needs to commit (sqlite.test.ts runs two claiming processes).
      it('gives claimers on separate connections (two replicas) disjoint reminders that together are all of them', async ({ skip }) => {
        if (!subject.openSecond) return skip('a second replica of this back end is another process');
        await install();
        expect(await plan('tenant-a', manyReminders(100))).toBe(100);
        const replica = await subject.openSecond();
        const claims = [];
        // Several rounds of small batches, interleaved, so the claims really overlap in time.
        for (const [runnerId, store] of [['runner-1', storage], ['runner-2', replica]] as const) {
          claims.push((async () => {
            const mine: Awaited<ReturnType<Storage['claimReminders']>> = [];
            for (;;) {
              const batch = await store.claimReminders({ runnerId, now: T0, leaseMs: 5 * MINUTE, limit: 7 });
              if (batch.length === 0) return mine;
              mine.push(...batch);
            }
          })());
        }
        const [one, two] = await Promise.all(claims);
        expectDisjointAndComplete(one!, two!, 100);
        const owners = await subject.db.selectFrom('reminder_ledger').select('claimed_by').where('status', '=', 'sending').execute();
        expect(owners).toHaveLength(100);
      });

      it('counts reminders per kind and status', async () => {
        await install();
        await plan('tenant-a', [
          makeReminder({ kind: 'window-open' }),
          makeReminder({ kind: 'reference-expiring', subject: 'a' }),
          makeReminder({ kind: 'reference-expiring', subject: 'b' }),
          makeReminder({ kind: 'reference-expiring', subject: 'c' }),
        ]);
        await claim({ tenantId: 'tenant-a', limit: 10 });
        await storage.markReminderSent(makeReminder({ kind: 'window-open' }), T0);
        await storage.markReminderSent(makeReminder({ kind: 'reference-expiring', subject: 'a' }), T0);
        await storage.releaseReminder(makeReminder({ kind: 'reference-expiring', subject: 'b' }), { reason: 'HTTP 503', retryAt: later(MINUTE) });
        const counts = await storage.reminderCounts();
        const sorted = [...counts].sort((a, b) => `${a.kind}/${a.status}`.localeCompare(`${b.kind}/${b.status}`));
        expect(sorted).toEqual([
          { kind: 'reference-expiring', status: 'pending', count: 1 },
          { kind: 'reference-expiring', status: 'sending', count: 1 },
          { kind: 'reference-expiring', status: 'sent', count: 1 },
          { kind: 'window-open', status: 'sent', count: 1 },
        ]);
        expect(counts.every((row) => typeof row.count === 'number')).toBe(true);
      });

      it("lists a tenant's reminders newest first", async () => {
        await install();
        at('2026-09-01T07:00:00.000Z');
        await plan('tenant-a', [makeReminder({ kind: 'window-open', dueOn: '2026-09-01' })]);
        at('2026-10-01T07:00:00.000Z');
        await plan('tenant-a', [makeReminder({ kind: 'two-weeks', dueOn: '2026-10-01' })]);
        at('2026-11-01T07:00:00.000Z');
        await plan('tenant-a', [makeReminder({ kind: 'expired', dueOn: '2026-11-01' })]);
        const kinds: ReminderKind[] = (await storage.remindersOf('tenant-a')).map((row) => row.kind);
        expect(kinds).toEqual(['expired', 'two-weeks', 'window-open']);
      });
    });
  });
}

function expectDisjointAndComplete(one: readonly ReminderKey[], two: readonly ReminderKey[], total: number): void {
  const ids = (claimed: readonly ReminderKey[]) => claimed.map((reminder) => `${reminder.kind}/${reminder.cycle}/${reminder.subject}`);
  const [first, second] = [ids(one), ids(two)];
  expect(first.filter((id) => second.includes(id))).toEqual([]);
  expect(new Set([...first, ...second]).size).toBe(total);
  expect(first.length + second.length).toBe(total);
}
