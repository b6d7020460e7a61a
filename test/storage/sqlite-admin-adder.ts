/**
 * A second process changing one organization in a SQLite file, for sqlite.test.ts: the bot and a CLI
 * on one file are two processes, each with its own connection and event loop.
 *
 * Usage: node --import tsx sqlite-admin-adder.ts <dataDir> <prefix> <count>. Prints "ready", waits for
 * a line on stdin so both start together, adds admins <prefix>-1 … <prefix>-<count> one change at a
 * time, then prints the results of its changes as one JSON line.
 */
import { once } from 'node:events';
import { openDatabase } from '../../src/storage/database.js';
import { createSqlStorage } from '../../src/storage/sql-storage.js';

const [dataDir, prefix, count] = process.argv.slice(2) as [string, string, string];
const opened = await openDatabase({ dataDir });
const storage = createSqlStorage(opened.db, opened.kind);
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const added: string[] = [];
for (let index = 1; index <= Number(count); index++) {
  const admin = `${prefix}-${index}`;
  added.push(await storage.changeOrganization('tenant-a', (current) => ({ write: current && { ...current, admins: [...current.admins, admin] }, result: admin })));
}
await storage.close();
process.stdout.write(`${JSON.stringify(added)}\n`);
process.stdin.destroy();
