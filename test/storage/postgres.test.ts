/**
 * Storage on PostgreSQL when TEST_DATABASE_URL is set. Each storage gets its own throwaway schema,
 * selected through the connection's search_path, so tests never see each other's rows.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { makeOrganization } from '../support/organizations.js';
import { freshSchema, testDatabaseUrl, withAdminClient } from '../support/postgres-schema.js';
import { runStorageContract, sqlStorageUnderTest } from './storage-contract.js';

const url = testDatabaseUrl;
const admin = withAdminClient;

describe.skipIf(!url)('PostgreSQL', () => {
  runStorageContract('PostgreSQL', async ({ now }) => {
    const { schemaUrl, drop } = await freshSchema();
    const open = () => openDatabase({ databaseUrl: schemaUrl, dataDir: os.tmpdir() });
    return sqlStorageUnderTest(await open(), now, drop, open);
  });

  it('creates its tables in the schema named by the connection search_path', async () => {
    const { schema, schemaUrl, drop } = await freshSchema();
    try {
      const storage = await openStorage({ databaseUrl: schemaUrl, dataDir: os.tmpdir() });
      await storage.close();
      const { rows } = await admin((client) =>
        client.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1 order by 1', [schema]),
      );
      expect(rows.map((row) => row.table_name)).toEqual([
        'calendar_tokens',
        'checklist_items',
        'kysely_migration',
        'kysely_migration_lock',
        'message_updates',
        'organizations',
        'personal_conversations',
        'personal_reminder_opt_outs',
        'posted_messages',
        'reminder_ledger',
        'reminder_targets',
        'settings',
      ]);
    } finally {
      await drop();
    }
  });

  it('migrates its own schema even when another schema already holds the migration tables', async () => {
    // Kysely's Migrator looks for kysely_migration in every visible schema; without pinning it to
    // the current schema the second database below would be left without its bookkeeping tables.
    const [one, two] = [await freshSchema(), await freshSchema()];
    try {
      await (await openStorage({ databaseUrl: one.schemaUrl, dataDir: os.tmpdir() })).close();
      const second = await openStorage({ databaseUrl: two.schemaUrl, dataDir: os.tmpdir() });
      expect(await second.countOrganizations()).toBe(0);
      await second.close();
    } finally {
      await one.drop();
      await two.drop();
    }
  });

  it('keeps its data when opened again (migrations run once)', async () => {
    const { schemaUrl, drop } = await freshSchema();
    try {
      const first = await openStorage({ databaseUrl: schemaUrl, dataDir: os.tmpdir() });
      expect(first.kind).toBe('postgres');
      await first.saveOrganization(makeOrganization());
      await first.close();
      const second = await openStorage({ databaseUrl: schemaUrl, dataDir: os.tmpdir() });
      expect(await second.getOrganization('tenant-a')).toEqual(makeOrganization());
      await second.close();
    } finally {
      await drop();
    }
  });
});

describe('PostgreSQL that cannot be reached', () => {
  it('names PostgreSQL, the address and what to check', async () => {
    const opening = openStorage({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', dataDir: os.tmpdir() });
    await expect(opening).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1\/test did not answer: .*check DATABASE_URL/);
  });

  it('never repeats the password from the URL', async () => {
    const error = await openStorage({ databaseUrl: 'postgres://u:secret@127.0.0.1:1/test', dataDir: os.tmpdir() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/PostgreSQL/);
    expect((error as Error).message).not.toContain('secret');
  });
});
