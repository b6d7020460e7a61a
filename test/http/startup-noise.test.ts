/**
 * What a newcomer sees at `npm start`: no DEP0111 deprecation warnings from restify's spdy (other
 * warnings still show), readable log lines at a terminal or with LOG_FORMAT=pretty, JSON lines when
 * the output is piped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts the server as `npm start` runs it (the source, through tsx), until it says it listens; returns what it printed. */
async function startAndStop(env: Record<string, string>, nodeOptions: string[] = []): Promise<{ stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-noise-'));
  dirs.push(dir);
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(await freePort()), DATA_DIR: dir, REMINDER_TICK_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let waited = 0; !/listening/.test(stdout) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  child.kill('SIGTERM');
  await exited;
  return { stdout, stderr };
}

describe('startup output', () => {
  it('prints no DEP0111 warning, and JSON lines when piped', async () => {
    const { stdout, stderr } = await startAndStop({});
    expect(stderr).not.toContain('DEP0111');
    const lines = stdout.trim().split('\n');
    expect(lines.some((line) => line.includes('renewal bot listening'))).toBe(true);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  }, 40_000);

  it('still shows other warnings, of another code or from elsewhere', async () => {
    const other = 'data:text/javascript,process.emitWarning("an unrelated deprecation", "DeprecationWarning", "DEP0999")';
    const { stderr } = await startAndStop({}, ['--import', other]);
    expect(stderr).toContain('[DEP0999] DeprecationWarning: an unrelated deprecation');
    expect(stderr).not.toContain('DEP0111');
  }, 40_000);

  it('prints readable lines with LOG_FORMAT=pretty', async () => {
    const { stdout } = await startAndStop({ LOG_FORMAT: 'pretty' });
    expect(stdout).toContain('renewal bot listening');
    expect(stdout.trim().split('\n').some((line) => line.startsWith('{'))).toBe(false);
  }, 40_000);
});
