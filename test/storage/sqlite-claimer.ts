/**
 * A second process claiming reminders from a SQLite file, for sqlite.test.ts: on SQLite another
 * replica (the bot and a CLI pass) is another process, serialized by the file lock.
 *
 * Usage: node --import tsx sqlite-claimer.ts <dataDir> <runnerId> <now ISO>. Prints "ready", waits
 * for a line on stdin so both claimers start together, claims in small batches until nothing is
 * left, then prints the keys it got as one JSON line.
 */
import { once } from 'node:events';
import { openDatabase } from '../../src/storage/database.js';
import { createSqlStorage } from '../../src/storage/sql-storage.js';

const [dataDir, runnerId, now] = process.argv.slice(2) as [string, string, string];
const opened = await openDatabase({ dataDir });
const storage = createSqlStorage(opened.db, opened.kind);
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const keys: string[] = [];
for (;;) {
  const batch = await storage.claimReminders({ runnerId, now: new Date(now), leaseMs: 300_000, limit: 3 });
  if (batch.length === 0) break;
  keys.push(...batch.map((reminder) => `${reminder.kind}/${reminder.cycle}/${reminder.subject}`));
}
await storage.close();
process.stdout.write(`${JSON.stringify(keys)}\n`);
process.stdin.destroy();
