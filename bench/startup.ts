/**
 * Start-up: from spawning the process to the first message answered 200 with its reply at the
 * connector, on an already migrated database; then the idle RSS. The bot twice: `node dist/src/index.js`
 * and `npm start` as an operator runs it (npm itself and prestart's dist/ staleness check included, no
 * compile since dist/ is built); the floor bot the same way.
 */
import type { LeanConnector } from './connector.js';
import { FLOOR_ENTRY, SERVER_ENTRY, freePort, serverEnv, spawnNode, spawnNpmStart, type Child } from './processes.js';
import { median, rssOfPid, sleep } from './stats.js';
import { messageBody, turnTenantOf } from './turn-load.js';

export interface StartupResult {
  target: 'bot' | 'npm start' | 'floor';
  runsMs: number[];
  medianMs: number;
  idleRssMb: number[];
  medianIdleRssMb: number;
}

async function startOnce(target: StartupResult['target'], connector: LeanConnector, dataDir: string): Promise<{ ms: number; idleRssMb: number }> {
  const port = await freePort();
  const body = messageBody({ serviceUrl: connector.serviceUrl, tenantId: turnTenantOf(0), conversation: 0, text: 'when is our anniversary', id: 'startup' });
  connector.reset();
  const started = performance.now();
  const child: Child =
    target === 'bot' ? spawnNode(SERVER_ENTRY, port, serverEnv(dataDir)) : target === 'npm start' ? spawnNpmStart(port, serverEnv(dataDir)) : spawnNode(FLOOR_ENTRY, port, {});
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        if (response.status === 200 && connector.total > 0) break;
        throw new Error(`HTTP ${response.status}, ${connector.total} replies at the connector`);
      } catch (error) {
        if (child.process.exitCode !== null) throw new Error(`${target} exited during start-up: ${child.stderr()}`);
        if (performance.now() - started > 30_000) throw new Error(`${target} did not answer within 30 s: ${String(error)}`);
        await sleep(2);
      }
    }
    const ms = performance.now() - started;
    await sleep(2_000); // settle: what an idle instance holds after its first turn
    const idleRssMb = target === 'npm start' ? Number.NaN : ((await rssOfPid(child.pid)) ?? Number.NaN); // npm's own RSS is not the bot's
    return { ms, idleRssMb };
  } finally {
    await child.stop();
  }
}

export async function benchStartup(options: { connector: LeanConnector; dataDir: string; runs: number; log: (line: string) => void }): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const target of ['bot', 'npm start', 'floor'] as const) {
    const runsMs: number[] = [];
    const idleRssMb: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const once = await startOnce(target, options.connector, options.dataDir);
      runsMs.push(once.ms);
      idleRssMb.push(once.idleRssMb);
    }
    options.log(`start-up ${target}: ${runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; idle RSS ${idleRssMb.map((mb) => mb.toFixed(0)).join(', ')} MB`);
    results.push({ target, runsMs, medianMs: median(runsMs), idleRssMb, medianIdleRssMb: median(idleRssMb) });
  }
  return results;
}
