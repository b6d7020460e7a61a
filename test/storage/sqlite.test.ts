/** Storage on a real SQLite file, one fresh directory per test. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { makeOrganization } from '../support/organizations.js';
import { runStorageContract, sqlStorageUnderTest } from './storage-contract.js';

const freshDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'renewal-bot-sqlite-'));
const removeDir = (dir: string) => async () => fs.rmSync(dir, { recursive: true, force: true });

runStorageContract('SQLite', async ({ now }) => {
  const dataDir = freshDataDir();
  return sqlStorageUnderTest(await openDatabase({ dataDir }), now, removeDir(dataDir));
});

describe('SQLite file', () => {
  it('is written in WAL mode so readers do not block the bot', async () => {
    const dataDir = freshDataDir();
    const storage = await openStorage({ dataDir });
    expect(storage.kind).toBe('sqlite');
    const file = new SQLite(path.join(dataDir, 'renewal-bot.sqlite'), { readonly: true });
    try {
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      file.close();
      await storage.close();
      await removeDir(dataDir)();
    }
  });

  it('keeps its data when the same data directory is opened again', async () => {
    const dataDir = freshDataDir();
    try {
      const first = await openStorage({ dataDir });
      await first.saveOrganization(makeOrganization());
      await first.close();

      const second = await openStorage({ dataDir });
      expect(await second.getOrganization('tenant-a')).toEqual(makeOrganization());
      expect(await second.countOrganizations()).toBe(1);
      await second.close();
    } finally {
      await removeDir(dataDir)();
    }
  });

  it('keeps parsed profiles per storage: one hands out the same object again, two in one process share none', async () => {
    const dataDir = freshDataDir();
    const first = await openStorage({ dataDir });
    const second = await openStorage({ dataDir });
    try {
      await first.saveOrganization(makeOrganization());
      const kept = await first.getOrganization('tenant-a');
      expect(await first.getOrganization('tenant-a')).toBe(kept);
      const other = await second.getOrganization('tenant-a');
      expect(other).toEqual(kept);
      expect(other).not.toBe(kept);
    } finally {
      await second.close();
      await first.close();
      await removeDir(dataDir)();
    }
  });

  it('names SQLite and the data directory when the file cannot be created', async () => {
    const dataDir = freshDataDir();
    const blocker = path.join(dataDir, 'a-file');
    fs.writeFileSync(blocker, '');
    try {
      await expect(openStorage({ dataDir: path.join(blocker, 'data') })).rejects.toThrow(/SQLite .*a-file.*check that the data directory/);
    } finally {
      await removeDir(dataDir)();
    }
  });

  it('gives two processes claiming from one file disjoint reminders that together are all of them', async () => {
    const dataDir = freshDataDir();
    const storage = await openStorage({ dataDir });
    try {
      await storage.saveOrganization(makeOrganization());
      await storage.saveReminderTarget({
        tenantId: 'tenant-a',
        teamId: 'team-1',
        conversationId: '19:general@thread.tacv2',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversationReference: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: '19:general@thread.tacv2', tenantId: 'tenant-a', botId: 'bot', scope: 'channel' },
      });
      const reminders = Array.from({ length: 100 }, (_, index) => ({
        tenantId: 'tenant-a',
        kind: 'reference-expiring' as const,
        cycle: '2027-02-28',
        subject: `ref-${index}`,
        audience: 'channel' as const,
        dueOn: '2026-11-30',
        payload: {},
      }));
      expect(await storage.recordPlan('tenant-a', { reminders, nextReminderOn: '2026-12-14', toldRequirements: {} })).toBe(100);

      const claimers = ['runner-1', 'runner-2'].map((runnerId) => storageProcess('sqlite-claimer.ts', [dataDir, runnerId, '2026-11-30T08:00:00.000Z']));
      await Promise.all(claimers.map((claimer) => claimer.ready));
      for (const claimer of claimers) claimer.go();
      const [one, two] = (await Promise.all(claimers.map((claimer) => claimer.result))) as [string[], string[]];

      expect(one.filter((key) => two.includes(key))).toEqual([]);
      expect(new Set([...one, ...two]).size).toBe(100);
      expect(one.length + two.length).toBe(100);
    } finally {
      await storage.close();
      await removeDir(dataDir)();
    }
  });

  it('lets two processes change one organization at once: each change decided on the other\'s, none lost, none failed', async () => {
    const dataDir = freshDataDir();
    const storage = await openStorage({ dataDir });
    try {
      await storage.saveOrganization(makeOrganization({ admins: ['aad-0'] }));
      const adders = ['bot', 'cli'].map((prefix) => storageProcess('sqlite-admin-adder.ts', [dataDir, prefix, '20']));
      await Promise.all(adders.map((adder) => adder.ready));
      for (const adder of adders) adder.go();
      const [bot, cli] = (await Promise.all(adders.map((adder) => adder.result))) as [string[], string[]];
      const stored = (await storage.getOrganization('tenant-a'))?.admins ?? [];
      expect(stored).toHaveLength(41);
      expect(new Set(stored)).toEqual(new Set(['aad-0', ...bot, ...cli]));
    } finally {
      await storage.close();
      await removeDir(dataDir)();
    }
  });
});

/** Runs a script of test/storage/ in its own process with `args`; resolves with the JSON line it prints after "ready". */
function storageProcess(scriptName: string, args: string[]) {
  const script = fileURLToPath(new URL(`./${scriptName}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => { signalReady = resolve; });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const result = new Promise<unknown>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${scriptName} ${args.join(' ')} exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.slice('ready\n'.length)));
    });
  });
  result.catch(() => signalReady()); // a process that dies before "ready" fails the test, not hangs it
  return { ready, result, go: () => child.stdin.write('go\n') };
}
