/**
 * Storage on a Kysely database. Every query is written once and runs on both SQLite and
 * PostgreSQL: plain text columns, standard upsert (`on conflict ... do update`), no dialect SQL
 * except the row locking of a claim (see `locked` in leased-work.ts).
 * Organizations live here; the reminder store is composed from its focused parts.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './database.js';
import { insertNewOrganization, parsedProfiles, profileJson, validOrganization, writeOrganization } from './organization-row.js';
import { reminderLedgerStore } from './reminder-ledger.js';
import { reminderPlanningStore } from './reminder-planning.js';
import { reminderTargetStore } from './reminder-targets.js';
import type { DatabaseSchema } from './schema.js';
import { messageUpdateStore } from './message-updates.js';
import { organizationListStore } from './organization-list.js';
import { settingsStore } from './settings.js';
import { checklistStore } from './checklist-store.js';
import { calendarTokenStore } from './calendar-tokens.js';
import { personalChatStore } from './personal-chats.js';
import type { Storage, UpsertSummary } from './storage.js';

export interface SqlStorageOptions {
  /** The clock for created_at / updated_at; tests pass a fixed one. */
  now?: () => Date;
}

/** Implements Storage on an open, migrated database; `close()` destroys the Kysely instance. */
export function createSqlStorage(db: Kysely<DatabaseSchema>, kind: DatabaseKind, options: SqlStorageOptions = {}): Storage {
  const now = options.now ?? (() => new Date());
  // This storage's own: another storage in the process (a test's, the CLI's) hands out its own objects.
  const profiles = parsedProfiles();

  return {
    kind,
    ...reminderTargetStore(db, now),
    ...reminderPlanningStore(db, now, profiles),
    ...settingsStore(db),
    ...reminderLedgerStore(db, kind),
    ...checklistStore(db),
    ...calendarTokenStore(db),
    ...personalChatStore(db, now),
    ...messageUpdateStore(db, kind, now),
    ...organizationListStore(db, profiles),

    async getOrganization(tenantId) {
      const row = await storedProfile(db, tenantId);
      return row && profiles.read(tenantId, row.profile);
    },

    async saveOrganization(organization) {
      const valid = validOrganization(organization, `The organization of tenant "${organization.tenantId}"`);
      await writeOrganization(db, valid, now());
    },

    async changeOrganization(tenantId, decide) {
      const what = `The organization of tenant "${tenantId}"`;
      // A second try only when another writer created the organization between our read and our insert.
      for (let attempt = 1; ; attempt++) {
        const outcome = await db.transaction().execute(async (trx) => {
          // SQLite: a write first takes the database's write lock (waiting for another process's writer,
          // busy_timeout), so the read below is what will be written over; a read first would make the
          // write fail ("database is locked") once another process wrote meanwhile. PostgreSQL locks the row.
          if (kind === 'sqlite') await trx.updateTable('organizations').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('tenant_id', '=', tenantId).execute();
          let read = trx.selectFrom('organizations').select('profile').where('tenant_id', '=', tenantId);
          if (kind === 'postgres') read = read.forUpdate();
          const row = await read.executeTakeFirst();
          const decision = decide(row && profiles.read(tenantId, row.profile));
          if (!decision.write) return { done: true as const, result: decision.result };
          const valid = validOrganization(decision.write, what);
          if (valid.tenantId !== tenantId) throw new Error(`${what} cannot be written as tenant "${valid.tenantId}"`);
          if (row) await writeOrganization(trx, valid, now());
          else if (!(await insertNewOrganization(trx, valid, now()))) return { done: false as const };
          return { done: true as const, result: decision.result };
        });
        if (outcome.done) return outcome.result;
        if (attempt >= 2) throw new Error(`${what} changed twice while it was being written`);
      }
    },

    async upsertOrganizations(organizations) {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0 };
        for (const [index, organization] of organizations.entries()) {
          // Validated here, between writes, not up front: a bad record then aborts a transaction
          // that already holds writes, and the rollback is what keeps the import all-or-nothing.
          const valid = validOrganization(organization, `Record ${index + 1} (tenant "${organization.tenantId}")`);
          const stored = await storedProfile(trx, valid.tenantId);
          if (stored?.profile === profileJson(valid)) {
            summary.unchanged += 1;
            continue;
          }
          await writeOrganization(trx, valid, at);
          summary[stored ? 'updated' : 'created'] += 1;
        }
        return summary;
      });
    },

    async countOrganizations() {
      const row = await db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
      return Number(row.count);
    },

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await db.destroy();
    },
  };
}

function storedProfile(db: Kysely<DatabaseSchema>, tenantId: string) {
  return db.selectFrom('organizations').select('profile').where('tenant_id', '=', tenantId).executeTakeFirst();
}
