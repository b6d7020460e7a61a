/**
 * Schema migrations, written with Kysely's schema builder so the same steps run on SQLite and
 * PostgreSQL. Append new entries; never edit or rename one that has shipped.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
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
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws naming the migration that failed, so startup stops loudly. */
export async function runMigrations(db: Kysely<DatabaseSchema>, kind: DatabaseKind): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: await currentSchema(db, kind) });
  const { error, results } = await migrator.migrateToLatest();
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
