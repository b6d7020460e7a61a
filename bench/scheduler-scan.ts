/**
 * Scheduler scan: one reminder pass over N organizations of which exactly 100 are due, on SQLite
 * and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL in a throwaway schema.
 * A pass must cost what is due, not what is stored: the time should stay flat as N grows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createAdapter } from '../src/host/adapter.js';
import { createProactiveSender } from '../src/host/sender.js';
import { createLogger } from '../src/logger.js';
import { loadConfig, reminderSettings, serviceUrlAllowlistOf } from '../src/config.js';
import { defaultCatalog } from '../src/rules/catalog/catalog.js';
import { createReminderRunner } from '../src/reminders/runner.js';
import type { Storage } from '../src/storage/storage.js';
import { startConnector } from './connector.js';
import { median } from './stats.js';
import { openBenchStorage, seedFleetBulk } from './seed.js';

const DUE = 100;
const DUE_ON = '2026-11-30';
const NOT_DUE = '2099-01-01';
const NOW = new Date('2026-11-30T09:00:00Z');

export interface ScanPoint {
  backend: 'sqlite' | 'postgres';
  organizations: number;
  due: number;
  seedSeconds: number;
  passMs: number[];
  medianPassMs: number;
  sentPerPass: number[];
  /** The planner's query alone (organizationsToPlan paged to the end), per pass. */
  queryMs: number[];
  medianQueryMs: number;
}

export interface ScanOptions {
  sizes: number[];
  passes: number;
  postgresUrl?: string;
  /** Sizes above this are skipped when seeding is projected to take longer than `seedBudgetSeconds`. */
  seedBudgetSeconds: number;
  log: (line: string) => void;
}

async function withPostgresSchema<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const scoped = new URL(adminUrl);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  try {
    return await work(scoped.toString());
  } finally {
    await admin(`drop schema ${schema} cascade`);
  }
}

/** Pages through what the planner would read at NOW, as runPass does, without planning anything. */
async function timePlanningQuery(storage: Storage): Promise<number> {
  const started = performance.now();
  let after: { nextReminderOn: string; tenantId: string } | undefined;
  for (;;) {
    const page = await storage.organizationsToPlan({ upTo: '2026-12-01', limit: 500, after });
    const last = page[page.length - 1];
    if (!last || page.length < 500) break;
    after = { nextReminderOn: last.nextReminderOn, tenantId: last.organization.tenantId };
  }
  return performance.now() - started;
}

async function scanOnce(backend: ScanPoint['backend'], count: number, options: ScanOptions, databaseUrl?: string): Promise<ScanPoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
  const connector = await startConnector(0);
  const { db, storage } = await openBenchStorage({ dataDir, databaseUrl });
  try {
    const step = Math.floor(count / DUE);
    const isDue = (index: number) => index % step === 0 && index / step < DUE;
    const tenantOf = (index: number) => `scan-${String(index).padStart(8, '0')}`;
    const dueTenants = Array.from({ length: DUE }, (_, k) => tenantOf(k * step));
    const seedStarted = performance.now();
    let reported = 0;
    await seedFleetBulk(db, {
      count,
      tenantOf,
      conversationOf: (index) => `19:scan-${index}@thread.tacv2`,
      serviceUrl: connector.serviceUrl,
      nextReminderOn: (index) => (isDue(index) ? DUE_ON : NOT_DUE),
      onProgress: (done) => {
        if (done - reported >= 200_000) {
          reported = done;
          options.log(`  seeded ${done} in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
        }
      },
    });
    if (backend === 'postgres') await sql`analyze`.execute(db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const log = createLogger('silent');
    const sender = createProactiveSender(createAdapter({}, log), '', 15_000, serviceUrlAllowlistOf(loadConfig({})));
    const runner = createReminderRunner({ storage, catalog: defaultCatalog(), sender, log, settings: reminderSettings(loadConfig({})), runnerId: 'bench-scan' });
    const passMs: number[] = [];
    const sentPerPass: number[] = [];
    const queryMs: number[] = [];
    for (let pass = 0; pass < options.passes; pass++) {
      // Back to "100 due, nothing in the ledger" (outside the timing).
      await db.deleteFrom('reminder_ledger').execute();
      await db.updateTable('organizations').set({ next_reminder_on: DUE_ON, told_requirements: '{}' }).where('tenant_id', 'in', dueTenants).execute();
      queryMs.push(await timePlanningQuery(storage));
      const started = performance.now();
      const report = await runner.runPass({ now: NOW });
      passMs.push(performance.now() - started);
      sentPerPass.push(report.counts.sent);
    }
    return { backend, organizations: count, due: DUE, seedSeconds, passMs, medianPassMs: median(passMs), sentPerPass, queryMs, medianQueryMs: median(queryMs) };
  } finally {
    await storage.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSchedulerScan(options: ScanOptions): Promise<{ points: ScanPoint[]; notes: string[] }> {
  const points: ScanPoint[] = [];
  const notes: string[] = [];
  const backends: { backend: ScanPoint['backend']; url?: string }[] = [{ backend: 'sqlite' }];
  if (options.postgresUrl) backends.push({ backend: 'postgres', url: options.postgresUrl });
  else notes.push('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it');
  for (const { backend, url } of backends) {
    let secondsPerOrganization = 0;
    for (const size of options.sizes) {
      const projected = secondsPerOrganization * size;
      if (projected > options.seedBudgetSeconds) {
        notes.push(`${backend} ${size.toLocaleString('en-US')}: skipped, seeding projected at ${projected.toFixed(0)} s (over the ${options.seedBudgetSeconds} s budget) from the previous size`);
        options.log(`scan: ${notes[notes.length - 1]}`);
        continue;
      }
      options.log(`scan: ${backend}, ${size.toLocaleString('en-US')} organizations (${DUE} due) …`);
      const point = url ? await withPostgresSchema(url, (schemaUrl) => scanOnce(backend, size, options, schemaUrl)) : await scanOnce(backend, size, options);
      secondsPerOrganization = point.seedSeconds / size;
      options.log(`  seeded in ${point.seedSeconds.toFixed(1)} s; pass ${point.passMs.map((ms) => ms.toFixed(0)).join(', ')} ms (sent ${point.sentPerPass.join(', ')}); query alone ${point.queryMs.map((ms) => ms.toFixed(1)).join(', ')} ms`);
      points.push(point);
    }
  }
  return { points, notes };
}
