/**
 * The planner's scan must stay cheap however many organizations are stored: it reads the due ones
 * from the (next_reminder_on, tenant_id) index, in index order, never the whole table. Checked
 * with SQLite's EXPLAIN QUERY PLAN on the query organizationsToPlan actually runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { runMigrations } from '../../src/storage/migrations.js';
import { planningQuery, type PlanningQueryOptions } from '../../src/storage/reminder-planning.js';
import type { DatabaseSchema } from '../../src/storage/schema.js';
import { createSqlStorage } from '../../src/storage/sql-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';

const ORGANIZATIONS = 300;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewal-bot-scan-'));
let db: Kysely<DatabaseSchema>;
let storage: Storage;

async function queryPlan(options: PlanningQueryOptions): Promise<string[]> {
  const compiled = planningQuery(db, options).compile();
  const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
  return rows.map((row) => row.detail);
}

function expectIndexScan(plan: string[]): void {
  expect(plan.some((step) => /^SEARCH organizations USING (COVERING )?INDEX organizations_next_reminder_on_idx \(/.test(step))).toBe(true);
  expect(plan.filter((step) => /^SCAN organizations\b/.test(step))).toEqual([]);
  // Rows come out of the index already in (next_reminder_on, tenant_id) order: no sort of the due set.
  expect(plan.filter((step) => /TEMP B-TREE/.test(step))).toEqual([]);
}

beforeAll(async () => {
  const opened = await openDatabase({ dataDir });
  await runMigrations(opened.db, opened.kind);
  db = opened.db;
  storage = createSqlStorage(opened.db, opened.kind);
  // Many organizations, each with a target, only every tenth of them due: what a real pass sees.
  const tenants = Array.from({ length: ORGANIZATIONS }, (_, index) => `tenant-${String(index).padStart(4, '0')}`);
  await storage.upsertOrganizations(tenants.map((tenantId) => makeOrganization({ tenantId })));
  for (const [index, tenantId] of tenants.entries()) {
    await storage.saveReminderTarget({ tenantId, teamId: 'team', conversationId: 'channel', serviceUrl: 'https://smba.example/', conversationReference: { serviceUrl: 'https://smba.example/', conversationId: 'channel', tenantId, botId: 'bot', scope: 'channel' } });
    if (index % 10 !== 0) await storage.recordPlan(tenantId, { reminders: [], nextReminderOn: '2027-06-01', toldRequirements: {} });
  }
});

afterAll(async () => {
  await storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the reminder planning scan (SQLite)', () => {
  const firstPage: PlanningQueryOptions = { upTo: '2026-11-30', limit: 500 };
  const laterPage: PlanningQueryOptions = { upTo: '2026-11-30', limit: 10, after: { nextReminderOn: '0001-01-01', tenantId: 'tenant-0100' } };

  it('reads the due organizations from the next_reminder_on index, not the whole table', async () => {
    expectIndexScan(await queryPlan(firstPage));
  });

  it('continues a page from its keyset through the same index', async () => {
    const plan = await queryPlan(laterPage);
    expectIndexScan(plan);
    expect(plan.some((step) => step.includes('(next_reminder_on,tenant_id)>(?,?)'))).toBe(true);
  });

  it('keeps that plan once the database has statistics (ANALYZE)', async () => {
    await sql`ANALYZE`.execute(db);
    expectIndexScan(await queryPlan(firstPage));
    expectIndexScan(await queryPlan(laterPage));
  });

  it('returns what the plan promises: the due tenth, in order', async () => {
    const due = await storage.organizationsToPlan(firstPage);
    expect(due).toHaveLength(ORGANIZATIONS / 10);
    const tenants = due.map((row) => row.organization.tenantId);
    expect(tenants).toEqual([...tenants].sort());
    const next = await storage.organizationsToPlan(laterPage);
    expect(next.map((row) => row.organization.tenantId)).toEqual(tenants.filter((tenantId) => tenantId > 'tenant-0100').slice(0, 10));
  });
});
