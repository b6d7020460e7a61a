/**
 * The behaviour every Storage back end must show, run against each of them (sqlite.test.ts,
 * postgres.test.ts) so SQLite and PostgreSQL cannot drift apart.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/storage/database.js';
import { runMigrations } from '../../src/storage/migrations.js';
import type { DatabaseSchema } from '../../src/storage/schema.js';
import { createSqlStorage } from '../../src/storage/sql-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';

export interface StorageUnderTest {
  storage: Storage;
  /** The same database, for checking what was actually written (timestamps, corrupted rows). */
  db: Kysely<DatabaseSchema>;
  cleanup: () => Promise<void>;
}

export type MakeStorage = (clock: { now: () => Date }) => Promise<StorageUnderTest>;

/** Migrates an opened test database and wraps it in Storage with the test's clock. */
export async function sqlStorageUnderTest(
  opened: OpenedDatabase,
  now: () => Date,
  removeDatabase: () => Promise<void>,
): Promise<StorageUnderTest> {
  await runMigrations(opened.db, opened.kind);
  const storage = createSqlStorage(opened.db, opened.kind, { now });
  return { storage, db: opened.db, cleanup: async () => { await storage.close(); await removeDatabase(); } };
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
          { person: 'Alex Wilber', exam: 'AZ-104', passedOn: '2026-01-15' },
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

    it('keeps every one of many concurrent saves for different tenants', async () => {
      const tenants = Array.from({ length: 20 }, (_, index) => `tenant-${index}`);
      await Promise.all(tenants.map((tenantId) => storage.saveOrganization(makeOrganization({ tenantId, name: `Org ${tenantId}` }))));
      expect(await storage.countOrganizations()).toBe(20);
      for (const tenantId of tenants) {
        expect((await storage.getOrganization(tenantId))?.name).toBe(`Org ${tenantId}`);
      }
    });
  });
}
