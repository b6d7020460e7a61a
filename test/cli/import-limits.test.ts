/**
 * The operator's import under files no one should send: too large (refused before a byte is read),
 * nested 100,000 deep (a located error, not a stack overflow), or large and invalid throughout (the
 * first problems with their lines, quickly, and a count of the rest).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_PROBLEMS_SHOWN } from '../../src/cli/import-organizations.js';
import { runCli } from '../../src/cli/main.js';
import { recordStat } from '../support/verify-stats.js';

const EXAMPLE = new URL('../fixtures/import/organizations.json', import.meta.url);
let dir: string;
let err: string[];
const cli = (...args: string[]) => runCli(args, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, () => undefined, (line) => err.push(line));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-bot-import-limits-'));
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('import limits', () => {
  it('refuses a file larger than the limit from its size alone, before reading it', async () => {
    const file = join(dir, 'huge.json');
    // A sparse file: its size is 60 MB, but reading it would be the only way to find out what it holds.
    const handle = openSync(file, 'w');
    ftruncateSync(handle, MAX_IMPORT_BYTES + 10 * 1024 * 1024);
    closeSync(handle);
    const startedAt = performance.now();
    expect(await cli('import', file)).toBe(1);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(err.join('\n')).toContain(`${file}:1: file, (root): the file is 60.0 MB, larger than the 50 MB an import may be; split it (nothing was read)`);
    recordStat('import.oversizeRefused', 1);
  });

  it('locates a problem inside a value nested 100,000 deep instead of overflowing the stack', async () => {
    const [record] = JSON.parse(readFileSync(EXAMPLE, 'utf8')).organizations as Record<string, unknown>[];
    const text = JSON.stringify({ organizations: [{ ...record, name: '@@@' }] }, null, 2).replace('"@@@"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const file = join(dir, 'deep.json');
    writeFileSync(file, text);
    expect(await cli('import', file)).toBe(1);
    const line = text.split('\n').findIndex((row) => row.includes('"name"')) + 1;
    expect(err.join('\n')).toContain(`${file}:${line}: record 0, name:`);
    recordStat('import.deepLocated', 1);
  });

  it('reports the first problems of a large invalid file with their lines, and how many more', async () => {
    const [record] = JSON.parse(readFileSync(EXAMPLE, 'utf8')).organizations as Record<string, unknown>[];
    // About 22 MB: 20,000 records, each with an impossible date and a list of numbers where ids belong.
    const organizations = Array.from({ length: 20_000 }, (_, index) => ({ ...record, tenantId: `t-${index}`, anniversaryDate: '2026-02-30', admins: Array(60).fill(12345678) }));
    const text = JSON.stringify({ organizations }, null, 1);
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    const file = join(dir, 'large.json');
    writeFileSync(file, text);
    const startedAt = performance.now();
    expect(await cli('import', file)).toBe(1);
    const tookMs = performance.now() - startedAt;
    recordStat('import.largeInvalidMs', Math.round(tookMs));
    recordStat('import.largeInvalidMb', Math.round(text.length / 1024 / 1024));
    const lines = err.slice(1);
    expect(lines).toHaveLength(MAX_PROBLEMS_SHOWN + 1);
    expect(lines[0]).toMatch(new RegExp(`${file}:\\d+: record 0, anniversaryDate: must be a real calendar date`));
    expect(lines.at(-1)).toMatch(/and \d+ more problems \(fix these first\)$/);
    const firstLine = text.split('\n').findIndex((row) => row.includes('"anniversaryDate"')) + 1;
    expect(lines[0]).toContain(`${file}:${firstLine}:`);
  }, 120_000);
});
