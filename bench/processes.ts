/** Child processes for the HTTP scenarios: the built server and the floor bot, on ports we pick. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.js';

export { freePort } from '../test/support/free-port.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_ENTRY = 'dist/src/index.js';
export const FLOOR_ENTRY = 'bench/floor-bot.mjs';

export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** Spawns `node [nodeArgs] entry` with PORT set; stdout (the JSON logs) goes to /dev/null as in a quiet deployment. */
export function spawnNode(entry: string, port: number, env: Record<string, string>, nodeArgs: string[] = []): Child {
  return spawnCommand(process.execPath, [...nodeArgs, entry], port, env);
}

/**
 * `npm start` as an operator types it (prestart's staleness check included), in its own process group so
 * that stopping it stops the node process npm started. npm itself runs on this process's Node.
 */
export function spawnNpmStart(port: number, env: Record<string, string>): Child {
  const npmCli = process.env.npm_execpath;
  return npmCli && npmCli.endsWith('.js')
    ? spawnCommand(process.execPath, [npmCli, 'start', '--silent'], port, env, true)
    : spawnCommand('npm', ['start', '--silent'], port, env, true);
}

function spawnCommand(command: string, args: string[], port: number, env: Record<string, string>, group = false): Child {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: group,
  });
  const kill = (signal: NodeJS.Signals) => {
    if (group && child.pid) {
      try {
        process.kill(-child.pid, signal);
        return;
      } catch {
        // the group is gone already
      }
    }
    child.kill(signal);
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The server's environment: authentication off, no reminder ticks, everything else at its defaults. */
export function serverEnv(dataDir: string): Record<string, string> {
  return { DATA_DIR: dataDir, LOG_LEVEL: 'info', REMINDER_TICK_SECONDS: '0', MicrosoftAppId: '' };
}

/** Resolves once `url` answers (any status), or rejects after `timeoutMs`. */
export async function waitUntilAnswering(url: string, child: Child, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (child.process.exitCode !== null) throw new Error(`${url}: process exited (${child.process.exitCode}): ${child.stderr()}`);
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms: ${child.stderr()}`);
      await sleep(20);
    }
  }
}
