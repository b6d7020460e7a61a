/**
 * `npm run cli -- import FILE.json`: all or nothing, idempotent, and errors an operator can find.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openStorage } from '../../src/storage/open-storage.js';

const EXAMPLE = new URL('../fixtures/import/organizations.json', import.meta.url);

let dir: string;
let out: string[];
let err: string[];
const cli = (...args: string[]) =>
  runCli(args, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, (line) => out.push(line), (line) => err.push(line));
const storedCount = async () => {
  const storage = await openStorage({ dataDir: dir });
  try {
    return await storage.countOrganizations();
  } finally {
    await storage.close();
  }
};
const writeImport = (organizations: unknown[]) => {
  const file = join(dir, 'import.json');
  writeFileSync(file, JSON.stringify({ organizations }, null, 2));
  return file;
};
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')).organizations as Record<string, any>[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-bot-cli-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cli import', () => {
  it('creates the organizations of the README example, then finds them unchanged on a second run', async () => {
    expect(await cli('import', EXAMPLE.pathname)).toBe(0);
    expect(out.join('\n')).toContain('3 created, 0 updated, 0 unchanged');
    expect(await cli('import', EXAMPLE.pathname)).toBe(0);
    expect(out.join('\n')).toContain('0 created, 0 updated, 3 unchanged');
    expect(await storedCount()).toBe(3);
  });

  it('updates a changed record and leaves the others alone', async () => {
    await cli('import', EXAMPLE.pathname);
    const records = example();
    (records[1] as Record<string, unknown>).name = 'Fourth Coffee Roasters';
    expect(await cli('import', writeImport(records))).toBe(0);
    expect(out.at(-1)).toContain('0 created, 1 updated, 2 unchanged');
  });

  it('keeps a stored 29 February anchor when the import gives its current anniversary, 28 February in a common year', async () => {
    const records = example();
    records[0]!.anniversaryDate = '2028-02-29';
    await cli('import', writeImport(records));
    const storage = await openStorage({ dataDir: dir });
    try {
      await storage.saveOrganization({ ...(await storage.getOrganization(records[0]!.tenantId))!, renewedCycles: 1 }); // renewed once: 2029-02-28 now
      records[0]!.anniversaryDate = '2029-02-28';
      expect(await cli('import', writeImport(records))).toBe(0);
      const stored = await storage.getOrganization(records[0]!.tenantId);
      expect(stored).toMatchObject({ anniversaryDate: '2028-02-29', renewedCycles: 1 });
      records[0]!.anniversaryDate = '2030-03-15'; // another date starts counting from itself
      await cli('import', writeImport(records));
      expect(await storage.getOrganization(records[0]!.tenantId)).toMatchObject({ anniversaryDate: '2030-03-15', renewedCycles: 0 });
    } finally {
      await storage.close();
    }
  });

  for (const [what, change, expected] of [
    ['an impossible date', (r: any) => (r.anniversaryDate = '2026-02-30'), 'record 1, anniversaryDate: must be a real calendar date'],
    ['an unknown competency', (r: any) => (r.competencies = [{ id: 'cloud-wizardry', level: 'gold' }]), 'record 1, competencies.0.id: unknown competency "cloud-wizardry"'],
    ['a bad time zone', (r: any) => (r.timeZone = 'Mars/Olympus_Mons'), 'record 1, timeZone: must be an IANA time zone name'],
    ['a bad level', (r: any) => (r.competencies = [{ id: 'cloud-platform', level: 'platinum' }]), 'record 1, competencies.0.level'],
    ['a missing contact email', (r: any) => delete r.primaryContact.email, 'record 1, primaryContact.email'],
  ] as const) {
    it(`rejects the whole file for ${what}, naming line, record and field, and writes nothing`, async () => {
      const records = example();
      change(records[1]);
      const file = writeImport(records);
      expect(await cli('import', file)).toBe(1);
      const message = err.join('\n');
      expect(message).toContain('nothing was imported');
      expect(message).toContain(expected);
      expect(message).toMatch(new RegExp(`${file}:\\d+: record 1`));
      expect(await storedCount()).toBe(0);
    });
  }

  it('gives the line of the field in the file', async () => {
    const records = example();
    (records[1] as any).anniversaryDate = '2026-02-30';
    const file = writeImport(records);
    await cli('import', file);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes('2026-02-30')) + 1;
    expect(err.join('\n')).toContain(`${file}:${line}: record 1, anniversaryDate`);
  });

  it('rejects the same tenant twice in one file', async () => {
    const records = example();
    (records[1] as any).tenantId = (records[0] as any).tenantId;
    expect(await cli('import', writeImport(records))).toBe(1);
    expect(err.join('\n')).toContain('is already record 0');
  });

  it('reports where JSON syntax breaks', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "organizations": [\n    { "tenantId": "x", }\n  ]\n}\n');
    expect(await cli('import', file)).toBe(1);
    expect(err.join('\n')).toMatch(/not valid JSON: line 3, column \d+/);
  });

  it('validates without writing on --dry-run', async () => {
    expect(await cli('import', EXAMPLE.pathname, '--dry-run')).toBe(0);
    expect(out.join('\n')).toContain('3 organizations are valid (dry run, nothing written)');
    expect(await storedCount()).toBe(0);
  });

  it('exits 2 with usage when the file is missing from the command line', async () => {
    expect(await cli('import')).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run cli');
  });
});
