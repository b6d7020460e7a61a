/**
 * Test data for the benchmarks: valid organizations, and bulk seeding of organizations + reminder
 * targets with the exact column values Storage writes (organization-row.ts, reminder-targets.ts),
 * in chunked multi-row INSERTs so 10^6 organizations take minutes, not hours.
 */
import type { Kysely } from 'kysely';
import type { Organization } from '../src/rules/organization/organization.js';
import { openDatabase } from '../src/storage/database.js';
import { organizationRow, validOrganization } from '../src/storage/organization-row.js';
import { runMigrations } from '../src/storage/migrations.js';
import { PLAN_AT_NEXT_PASS, type DatabaseSchema } from '../src/storage/schema.js';
import { createSqlStorage } from '../src/storage/sql-storage.js';
import type { Storage } from '../src/storage/storage.js';

export function benchOrganization(tenantId: string, name: string, overrides: Partial<Organization> = {}): Organization {
  return {
    tenantId,
    name,
    partnerId: '4412345',
    anniversaryDate: '2027-02-28',
    timeZone: 'UTC',
    primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' },
    admins: ['aad-megan'],
    competencies: [
      { id: 'cloud-platform', level: 'gold' },
      { id: 'cloud-productivity', level: 'silver' },
    ],
    otherCompetencies: [],
    customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' }],
    certifications: [{ person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' }],
    renewedCycles: 0,
    ...overrides,
  };
}

export interface OpenedStorage {
  db: Kysely<DatabaseSchema>;
  storage: Storage;
}

/** Opens and migrates a database like openStorage, but also hands back the Kysely instance for bulk SQL. */
export async function openBenchStorage(options: { dataDir: string; databaseUrl?: string }): Promise<OpenedStorage> {
  const { db, kind } = await openDatabase(options);
  await runMigrations(db, kind);
  return { db, storage: createSqlStorage(db, kind) };
}

export interface FleetSeed {
  count: number;
  tenantOf: (index: number) => string;
  conversationOf: (index: number) => string;
  serviceUrl: string;
  /** next_reminder_on per organization (default: plan at the next pass). */
  nextReminderOn?: (index: number) => string;
  organization?: (tenantId: string, index: number) => Organization;
  onProgress?: (done: number) => void;
}

const CHUNK = 1_000;
const CHUNKS_PER_TRANSACTION = 20;

/** Inserts `count` organizations, each with an active reminder target in its own channel. */
export async function seedFleetBulk(db: Kysely<DatabaseSchema>, seed: FleetSeed): Promise<void> {
  const makeOrg = seed.organization ?? ((tenantId: string, index: number) => benchOrganization(tenantId, `Org ${index}`, { customerReferences: [] }));
  const at = new Date('2026-11-01T00:00:00Z');
  for (let start = 0; start < seed.count; start += CHUNK * CHUNKS_PER_TRANSACTION) {
    const end = Math.min(seed.count, start + CHUNK * CHUNKS_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (let chunkStart = start; chunkStart < end; chunkStart += CHUNK) {
        const indexes = Array.from({ length: Math.min(CHUNK, end - chunkStart) }, (_, offset) => chunkStart + offset);
        const organizations = indexes.map((index) => {
          // The same row Storage writes (validated, same profile text), plus the planner's columns.
          return {
            ...organizationRow(validOrganization(makeOrg(seed.tenantOf(index), index), `bench organization ${index}`), at),
            next_reminder_on: seed.nextReminderOn?.(index) ?? PLAN_AT_NEXT_PASS,
            told_requirements: '{}',
          };
        });
        await trx.insertInto('organizations').values(organizations).execute();
        const targets = indexes.map((index) => {
          const tenantId = seed.tenantOf(index);
          const conversationId = seed.conversationOf(index);
          const reference = { serviceUrl: seed.serviceUrl, conversationId, tenantId, botId: 'bot', scope: 'channel' };
          return {
            tenant_id: tenantId,
            team_id: `team-${index}`,
            conversation_id: conversationId,
            service_url: seed.serviceUrl,
            conversation_reference: JSON.stringify(reference),
            active: 1,
            inactive_reason: '',
            updated_at: at.toISOString(),
          };
        });
        await trx.insertInto('reminder_targets').values(targets).execute();
      }
    });
    seed.onProgress?.(end);
  }
}
