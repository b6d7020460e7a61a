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
        conversationReference: { conversation: { id: '19:general@thread.tacv2' } },
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

      const claimers = ['runner-1', 'runner-2'].map((runnerId) => claimerProcess(dataDir, runnerId, '2026-11-30T08:00:00.000Z'));
      await Promise.all(claimers.map((claimer) => claimer.ready));
      for (const claimer of claimers) claimer.go();
      const [one, two] = (await Promise.all(claimers.map((claimer) => claimer.claimed))) as [string[], string[]];

      expect(one.filter((key) => two.includes(key))).toEqual([]);
      expect(new Set([...one, ...two]).size).toBe(100);
      expect(one.length + two.length).toBe(100);
    } finally {
      await storage.close();
      await removeDir(dataDir)();
    }
  });
});

/** Runs test/storage/sqlite-claimer.ts in its own process; resolves with the keys it claimed. */
function claimerProcess(dataDir: string, runnerId: string, now: string) {
  const script = fileURLToPath(new URL('./sqlite-claimer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, runnerId, now], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => { signalReady = resolve; });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const claimed = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`claimer ${runnerId} exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.slice('ready\n'.length)) as string[]);
    });
  });
  claimed.catch(() => signalReady()); // a claimer that dies before "ready" fails the test, not hangs it
  return { ready, claimed, go: () => child.stdin.write('go\n') };
}
