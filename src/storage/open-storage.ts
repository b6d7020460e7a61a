/**
 * The one call the bot makes at startup: open the configured database, bring its schema up to
 * date and hand back Storage, or fail with a message an operator can act on.
 */
import { openDatabase, databaseKind, SQLITE_FILE_NAME } from './database.js';
import { runMigrations } from './migrations.js';
import { createSqlStorage } from './sql-storage.js';
import type { Storage } from './storage.js';

export interface OpenStorageOptions {
  databaseUrl?: string;
  dataDir: string;
  now?: () => Date;
}

/** Opens, checks and migrates the database; rejects naming the back end and what to check. */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  let opened;
  try {
    opened = await openDatabase(options);
    // Ping first so "cannot connect" is reported as such, not as a failed migration.
    await createSqlStorage(opened.db, opened.kind).ping();
  } catch (error) {
    await opened?.db.destroy().catch(() => {});
    throw new Error(unreachableMessage(options, error), { cause: error });
  }
  try {
    await runMigrations(opened.db, opened.kind);
  } catch (error) {
    await opened.db.destroy().catch(() => {});
    throw error;
  }
  return createSqlStorage(opened.db, opened.kind, { now: options.now });
}

function unreachableMessage(options: OpenStorageOptions, error: unknown): string {
  const reason = redact(error instanceof Error ? error.message : String(error), options.databaseUrl);
  if (databaseKind(options.databaseUrl) === 'sqlite') {
    return `SQLite database ${options.dataDir}/${SQLITE_FILE_NAME} could not be opened: ${reason}; check that the data directory exists and is writable`;
  }
  return `PostgreSQL at ${describePostgresUrl(options.databaseUrl!)} did not answer: ${reason}; check DATABASE_URL and that the server is running and reachable`;
}

/** host:port/database of a PostgreSQL URL; never the user's password. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Removes the URL's password from a driver message, in case a driver ever echoes it. */
function redact(message: string, databaseUrl: string | undefined): string {
  let passwords: string[] = [];
  try {
    const { password } = new URL(databaseUrl ?? '');
    passwords = [password, decodeURIComponent(password)].filter((text) => text.length > 0);
  } catch {
    // Not a URL (a SQLite setup): there is no password to hide.
  }
  return passwords.reduce((text, password) => text.split(password).join('***'), message);
}
