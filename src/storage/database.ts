/**
 * Opens the database the deployment points at: PostgreSQL when DATABASE_URL names one, otherwise a
 * SQLite file in the data directory, so a single-instance install needs no database server.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import type { DatabaseSchema } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
}

export interface OpenedDatabase {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseKind;
}

export const SQLITE_FILE_NAME = 'renewal-bot.sqlite';

/** Which back end a DATABASE_URL selects; anything that is not a PostgreSQL URL means SQLite. */
export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(databaseUrl ?? '') ? 'postgres' : 'sqlite';
}

/** Creates the Kysely instance; PostgreSQL connects lazily, SQLite opens (and creates) the file now. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (databaseKind(options.databaseUrl) === 'postgres') {
    // pg is loaded only for PostgreSQL: a bot on SQLite does not carry it (about 10 MB at rest).
    const { default: pgModule } = await import('pg');
    return { db: new Kysely({ dialect: new PostgresDialect({ pool: postgresPool(pgModule, options.databaseUrl!) }) }), kind: 'postgres' };
  }
  return { db: new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqliteFile(options.dataDir)) }) }), kind: 'sqlite' };
}

function postgresPool(pgModule: typeof pg, connectionString: string): pg.Pool {
  // A bounded connect timeout turns an unreachable server into an error instead of a hang at startup.
  const pool = new pgModule.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // pg emits 'error' when an idle client dies (server restart); unhandled, that would crash the
  // process. The broken client is already discarded and the next query reports the outage itself.
  pool.on('error', () => {});
  // A client checked out for a query has no pool listener: if its connection drops then, it emits
  // 'error' with nobody listening, which would also crash the process. The query itself rejects.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

function sqliteFile(dataDir: string): SQLite.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const database = new SQLite(path.join(dataDir, SQLITE_FILE_NAME));
  // WAL lets readers (health checks, the doctor) run while the bot writes; NORMAL is durable in WAL.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Wait for a lock held by another process (a CLI import) instead of failing with SQLITE_BUSY.
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return database;
}

/** Statements kept (the least recently run goes first): the bot's query shapes, one per IN-list length too, are far fewer. */
const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing costs as
 * much as running a point query. Kysely's SQL text for a query shape is stable (values are bound),
 * so statements are kept per SQL text.
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const statements = new LRUCache<string, SQLite.Statement>({ max: STATEMENTS_KEPT });
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare') {
        return (source: string) => {
          let statement = statements.get(source);
          if (!statement) {
            statement = prepare(source);
            statements.set(source, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
