/** `npm run package` as a process: exit codes, what it prints, and where the zip goes. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_DOMAIN, BOT_ID, readZip, temporaryDir } from './helpers.js';

let out: ReturnType<typeof temporaryDir>;
beforeEach(() => {
  out = temporaryDir('package-cli');
});
afterEach(() => out.remove());

/** Only the variables given: nothing from the developer's shell leaks into the run. */
function runPackage(env: Record<string, string>, ...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/package/main.ts', '--out', out.path, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('npm run package', () => {
  it('writes the zip, prints its path and the ids, and exits 0', () => {
    const run = runPackage({ MicrosoftAppId: BOT_ID, BOT_DOMAIN });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const zipPath = join(out.path, 'renewal-bot.zip');
    expect(run.stdout).toContain(`wrote ${zipPath}`);
    expect(run.stdout).toContain(`Teams app id  ${BOT_ID} (= MicrosoftAppId)`);
    expect(run.stdout).toContain(`bot endpoint  https://${BOT_DOMAIN}/api/messages`);
    expect(Object.keys(readZip(zipPath)).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('exits 1 without MicrosoftAppId, says so, and writes no zip', () => {
    const run = runPackage({ BOT_DOMAIN });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No app package was written.');
    expect(run.stderr).toContain("  - MicrosoftAppId: required: the Application (client) ID of the bot's app registration or managed identity");
    expect(run.stdout).toBe('');
    expect(readdirSync(out.path)).toEqual([]);
    expect(existsSync(join(out.path, 'renewal-bot.zip'))).toBe(false);
  });

  it('exits 2 on an unknown option', () => {
    const run = runPackage({ MicrosoftAppId: BOT_ID, BOT_DOMAIN }, '--zip');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run package');
    expect(readdirSync(out.path)).toEqual([]);
  });
});
