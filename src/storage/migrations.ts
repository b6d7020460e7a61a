/**
 * Schema migrations, written with Kysely's schema builder so the same steps run on SQLite and
 * PostgreSQL. Append new entries; never edit or rename one that has shipped.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseKind } from './database.js';
import type { DatabaseSchema } from './schema.js';

// Migrations take Kysely<any> on purpose: they describe the schema as it was then, not as it is now.
export const migrations: Record<string, Migration> = {
  '0001-organizations': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organizations')
        .addColumn('tenant_id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('partner_id', 'text', (column) => column.notNull())
        .addColumn('anniversary_date', 'text', (column) => column.notNull())
        .addColumn('time_zone', 'text', (column) => column.notNull())
        .addColumn('profile', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('organizations_anniversary_date_idx')
        .on('organizations')
        .column('anniversary_date')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('organizations').execute();
    },
  },
  '0002-reminders': {
    async up(db: Kysely<any>) {
      // One column per ALTER TABLE: SQLite accepts a single ADD COLUMN per statement.
      await db.schema
        .alterTable('organizations')
        .addColumn('next_reminder_on', 'text', (column) => column.notNull().defaultTo('0001-01-01'))
        .execute();
      await db.schema
        .alterTable('organizations')
        .addColumn('told_requirements', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
      // The planner's scan: next_reminder_on <= today, in (next_reminder_on, tenant_id) keyset order.
      await db.schema
        .createIndex('organizations_next_reminder_on_idx')
        .on('organizations')
        .columns(['next_reminder_on', 'tenant_id'])
        .execute();

      await db.schema
        .createTable('reminder_targets')
        .addColumn('tenant_id', 'text', (column) => column.primaryKey())
        .addColumn('team_id', 'text', (column) => column.notNull())
        .addColumn('conversation_id', 'text', (column) => column.notNull())
        .addColumn('service_url', 'text', (column) => column.notNull())
        .addColumn('conversation_reference', 'text', (column) => column.notNull())
        .addColumn('active', 'integer', (column) => column.notNull().defaultTo(1))
        .addColumn('inactive_reason', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('reminder_ledger')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('cycle', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('due_on', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_error', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('claimed_by', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('next_attempt_at', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('sent_at', 'text')
        .addPrimaryKeyConstraint('reminder_ledger_pkey', ['tenant_id', 'kind', 'cycle', 'subject'])
        .execute();
      // claimReminders: pending rows due for an attempt, and sending rows whose lease expired.
      await db.schema
        .createIndex('reminder_ledger_status_next_attempt_idx')
        .on('reminder_ledger')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('reminder_ledger_status_lease_idx')
        .on('reminder_ledger')
        .columns(['status', 'lease_until'])
        .execute();
      // reminderCounts: grouped by (kind, status), answered from this index alone.
      await db.schema
        .createIndex('reminder_ledger_kind_status_idx')
        .on('reminder_ledger')
        .columns(['kind', 'status'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('settings').execute();
      await db.schema.dropTable('reminder_ledger').execute();
      await db.schema.dropTable('reminder_targets').execute();
      // SQLite refuses to drop an indexed column: the index goes first.
      await db.schema.dropIndex('organizations_next_reminder_on_idx').execute();
      await db.schema.alterTable('organizations').dropColumn('told_requirements').execute();
      await db.schema.alterTable('organizations').dropColumn('next_reminder_on').execute();
    },
  },
  '0003-checklists-and-calendar': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('checklist_items')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('cycle', 'text', (column) => column.notNull())
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('done', 'integer', (column) => column.notNull())
        .addColumn('changed_by_name', 'text', (column) => column.notNull())
        .addColumn('changed_by_id', 'text', (column) => column.notNull())
        .addColumn('changed_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('checklist_items_pkey', ['tenant_id', 'cycle', 'item_id'])
        .execute();
      await db.schema
        .createTable('calendar_tokens')
        .addColumn('tenant_id', 'text', (column) => column.primaryKey())
        .addColumn('token', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_tokens').execute();
      await db.schema.dropTable('checklist_items').execute();
    },
  },
  '0004-calendar-token-hashes': {
    async up(db: Kysely<any>) {
      // All or nothing, on SQLite too (whose migrations Kysely runs outside a transaction): a crash
      // half-way must not leave some secrets hashed and the migration due to hash them again.
      await inTransaction(db, async (trx) => {
        await trx.schema.alterTable('calendar_tokens').renameColumn('token', 'token_hash').execute();
        const rows: { tenant_id: string; token_hash: string }[] = await trx.selectFrom('calendar_tokens').select(['tenant_id', 'token_hash']).execute();
        // Hashed here rather than in SQL: SQLite has no SHA-256 function. One row per tenant: few.
        // Must stay equal to calendarTokenHash (calendar-tokens.ts), or migrated links stop working.
        for (const row of rows) {
          const hash = createHash('sha256').update(row.token_hash, 'utf8').digest('hex');
          await trx.updateTable('calendar_tokens').set({ token_hash: hash }).where('tenant_id', '=', row.tenant_id).execute();
        }
      });
    },
    async down(db: Kysely<any>) {
      // A hash cannot be turned back into its secret: the links go, and each organization gets a
      // new one the next time it asks.
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom('calendar_tokens').execute();
        await trx.schema.alterTable('calendar_tokens').renameColumn('token_hash', 'token').execute();
      });
    },
  },
  '0005-reminder-activity-ids': {
    async up(db: Kysely<any>) {
      // The cards the bot posted that it may update later (reminders, the channel's checklist card),
      // with the activity id the Bot Connector returned for each.
      await db.schema
        .createTable('posted_messages')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('conversation_id', 'text', (column) => column.notNull())
        .addColumn('activity_id', 'text', (column) => column.notNull())
        .addColumn('channel_id', 'text', (column) => column.notNull())
        .addColumn('card', 'text', (column) => column.notNull())
        .addColumn('cycle', 'text', (column) => column.notNull())
        .addColumn('reminder_kind', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('reminder_subject', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('posted_at', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('posted_messages_pkey', ['tenant_id', 'conversation_id', 'activity_id'])
        .execute();
      // A new reminder looks up the live messages of its tenant and cycle; a renewal those of its cycle.
      await db.schema.createIndex('posted_messages_tenant_cycle_idx').on('posted_messages').columns(['tenant_id', 'cycle', 'state']).execute();
      // Durable work: one pending update per posted message, claimed under a lease like a reminder.
      await db.schema
        .createTable('message_updates')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('conversation_id', 'text', (column) => column.notNull())
        .addColumn('activity_id', 'text', (column) => column.notNull())
        .addColumn('purpose', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_error', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('claimed_by', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('next_attempt_at', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('done_at', 'text')
        .addPrimaryKeyConstraint('message_updates_pkey', ['tenant_id', 'conversation_id', 'activity_id'])
        .execute();
      await db.schema.createIndex('message_updates_status_next_attempt_idx').on('message_updates').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('message_updates_status_lease_idx').on('message_updates').columns(['status', 'lease_until']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('message_updates').execute();
      await db.schema.dropTable('posted_messages').execute();
    },
  },
  '0006-personal-reminders': {
    async up(db: Kysely<any>) {
      // The 1:1 chat with a Primary Program Contact, per tenant and Azure AD object id: where personal
      // reminders go, and why the contact could not be reached when the last attempt failed.
      await db.schema
        .createTable('personal_conversations')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('aad_object_id', 'text', (column) => column.notNull())
        .addColumn('conversation_id', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('service_url', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('conversation_reference', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('unreachable_reason', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('personal_conversations_pkey', ['tenant_id', 'aad_object_id'])
        .execute();
      // A contact who said "stop personal reminders": one row per organization and contact.
      await db.schema
        .createTable('personal_reminder_opt_outs')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('aad_object_id', 'text', (column) => column.notNull())
        .addColumn('stopped_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('personal_reminder_opt_outs_pkey', ['tenant_id', 'aad_object_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('personal_reminder_opt_outs').execute();
      await db.schema.dropTable('personal_conversations').execute();
    },
  },
  '0007-reminder-audience': {
    async up(db: Kysely<any>) {
      // Who a reminder is for becomes a column, no longer read from the subject's text. Rows written
      // before carried it in the subject: a personal copy is 'personal:<recipient>|<channel subject>',
      // so of the reference reminders (whose channel subject has three parts) only those with four or
      // more parts are personal; a channel reference for a competency named "personal:…" stays the channel's.
      await inTransaction(db, async (trx) => {
        await trx.schema.alterTable('reminder_ledger').addColumn('audience', 'text', (column) => column.notNull().defaultTo('channel')).execute();
        await sql`
          update reminder_ledger set audience = 'personal'
          where subject like 'personal:%'
            and (kind in ('window-open', 'two-weeks', 'expired')
              or (kind = 'reference-expiring' and length(subject) - length(replace(subject, '|', '')) >= 3))`.execute(trx);
      });
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('reminder_ledger').dropColumn('audience').execute();
    },
  },
  '0008-conversation-refs': {
    async up(db: Kysely<any>) {
      // Stored references become our own value (src/conversation-ref.ts as it was then) instead of the
      // Bot Framework SDK's ConversationReference. One row per tenant or contact: few, rewritten here.
      await inTransaction(db, async (trx) => {
        const targets: StoredReferenceRow[] = await trx.selectFrom('reminder_targets').select(['tenant_id', 'conversation_id', 'service_url', 'conversation_reference']).execute();
        const chats: (StoredReferenceRow & { aad_object_id: string })[] = await trx
          .selectFrom('personal_conversations')
          .select(['tenant_id', 'aad_object_id', 'conversation_id', 'service_url', 'conversation_reference'])
          .where('conversation_id', '<>', '')
          .execute();
        // One bot per deployment: a reference saved without its bot id borrows the one the others carry.
        const botId = [...targets, ...chats].map((row) => text(sdkReferenceOf(row.conversation_reference)?.bot?.id)).find((id) => id !== undefined);
        for (const row of targets) {
          const ref = conversationRefOf(row, 'channel', botId);
          if (ref) await trx.updateTable('reminder_targets').set({ conversation_reference: ref }).where('tenant_id', '=', row.tenant_id).execute();
        }
        for (const row of chats) {
          const ref = conversationRefOf(row, 'personal', botId);
          if (ref) await trx.updateTable('personal_conversations').set({ conversation_reference: ref }).where('tenant_id', '=', row.tenant_id).where('aad_object_id', '=', row.aad_object_id).execute();
        }
      });
    },
    async down(db: Kysely<any>) {
      await inTransaction(db, async (trx) => {
        for (const table of ['reminder_targets', 'personal_conversations']) {
          const rows: { conversation_reference: string }[] = await trx.selectFrom(table).select('conversation_reference').distinct().execute();
          for (const { conversation_reference: stored } of rows) {
            const ref = sdkReferenceFrom(stored);
            if (ref) await trx.updateTable(table).set({ conversation_reference: ref }).where('conversation_reference', '=', stored).execute();
          }
        }
      });
    },
  },
};

interface StoredReferenceRow {
  tenant_id: string;
  conversation_id: string;
  service_url: string;
  conversation_reference: string;
}

/** The parts of a stored SDK ConversationReference 0008 reads; undefined for anything else. */
type SdkReference = { serviceUrl?: unknown; bot?: { id?: unknown }; conversation?: { id?: unknown; tenantId?: unknown; conversationType?: unknown } };

function sdkReferenceOf(text: string): SdkReference | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value) || 'conversationId' in value) return undefined;
    return value as SdkReference;
  } catch {
    return undefined; // a damaged row stays as it is and is reported when read
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** 0008: an SDK reference as our value; the row's own columns fill what the reference lacks. */
function conversationRefOf(row: StoredReferenceRow, scope: 'channel' | 'personal', botId: string | undefined): string | undefined {
  const old = sdkReferenceOf(row.conversation_reference);
  if (!old) return undefined;
  const type = old.conversation?.conversationType;
  return JSON.stringify({
    serviceUrl: text(row.service_url) ?? text(old.serviceUrl) ?? '',
    conversationId: text(row.conversation_id) ?? text(old.conversation?.id)?.split(';')[0] ?? '',
    tenantId: row.tenant_id, // the row's key is the verified tenant; the reference's own copy could only disagree
    botId: text(old.bot?.id) ?? botId ?? '',
    scope: type === 'personal' || type === 'groupChat' || type === 'channel' ? type : scope,
  });
}

/** 0008 down: our value back as the SDK reference it was made from (as far as a send needs). */
function sdkReferenceFrom(stored: string): string | undefined {
  let ref: { serviceUrl?: string; conversationId?: string; tenantId?: string; botId?: string; scope?: string };
  try {
    ref = JSON.parse(stored);
  } catch {
    return undefined;
  }
  if (typeof ref?.conversationId !== 'string') return undefined;
  return JSON.stringify({
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.botId },
    conversation: { id: ref.conversationId, tenantId: ref.tenantId, conversationType: ref.scope, isGroup: ref.scope !== 'personal' },
  });
}

/** PostgreSQL migrations already run in Kysely's transaction; SQLite ones get their own here. */
function inTransaction(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date, or to the migration named `to` (up or down: tests replay an upgrade
 * from an older schema); throws naming the migration that failed, so startup stops loudly.
 */
export async function runMigrations(db: Kysely<DatabaseSchema>, kind: DatabaseKind, options: { to?: string } = {}): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: await currentSchema(db, kind) });
  const { error, results } = options.to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.to);
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const step = failed ? `migration "${failed}"` : 'its bookkeeping tables (before any migration ran)';
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Database migration failed at ${step}: ${reason}`, { cause: error });
}

/**
 * Kysely looks for its bookkeeping table in every schema it can see, so on PostgreSQL a
 * `kysely_migration` table in another schema (another app, another test) would make it skip creating
 * ours. Naming the schema the connection writes to (its search_path) keeps the lookup to ours.
 */
async function currentSchema(db: Kysely<DatabaseSchema>, kind: DatabaseKind): Promise<string | undefined> {
  if (kind === 'sqlite') return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path of the DATABASE_URL user');
  return schema;
}
