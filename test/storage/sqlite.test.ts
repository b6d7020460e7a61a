/** Storage on a real SQLite file, one fresh directory per test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
});
