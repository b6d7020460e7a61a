/**
 * Authentication off is for this machine only: the real entry point refuses to start when a server
 * without MicrosoftAppId would be reachable from elsewhere, or when credentials are set without it.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { recordStat } from '../support/verify-stats.js';

async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', REMINDER_TICK_SECONDS: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A server that did start would keep running: stop it after a while so the test fails, not hangs.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

it('exits at start, saying which variable to set, when a server without MicrosoftAppId would listen on every interface', async () => {
  const { code, output } = await start({ HOST: '0.0.0.0', MicrosoftAppId: '' });
  recordStat('exposure.refused', 1);
  expect(code).toBe(2);
  expect(output).toContain('HOST: 0.0.0.0 is reachable from other machines while MicrosoftAppId is empty');
  expect(output).toContain('ALLOW_UNAUTHENTICATED=true');
}, 30_000);

it('exits at start when a secret is set but MicrosoftAppId is misspelt, and never prints the secret', async () => {
  const { code, output } = await start({ HOST: '127.0.0.1', MicrosoftAppID: '1111', MicrosoftAppPassword: 'pa55-word' });
  recordStat('exposure.refused', 1);
  expect(code).toBe(2);
  expect(output).toContain('MicrosoftAppId: empty while MicrosoftAppPassword is set');
  expect(output).not.toContain('pa55-word');
}, 30_000);
