/**
 * Many conversations at once against the real server, running in its own process as in
 * production: zero errors, and memory that does not grow from one window of the run to the next.
 * LOAD_SECONDS and LOAD_CONVERSATIONS scale it (npm run verify: 500 conversations for 60 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { loadFixture } from '../support/activities.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { makeOrganization } from '../support/organizations.js';
import { median } from '../../bench/stats.js';
import { freePort } from '../support/free-port.js';
import { recordStat } from '../support/verify-stats.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const CONVERSATIONS = Number(process.env.LOAD_CONVERSATIONS ?? 100);
const ORGANIZATIONS = 50;
const QUESTIONS = ['when is our anniversary', 'requirements', 'who is our program contact', 'checklist', 'help'];

let dataDir: string;
let connector: FakeConnector;
let server: ChildProcess;
let url: string;
let replies = 0;

/** Times brand-new connections to the server from a process of its own (see connection-probe.mjs). */
function startConnectionProbe(target: string, startAfterMs: number): () => Promise<{ probes: number; slowestMs: number }> {
  const probe = spawn(process.execPath, [join(import.meta.dirname, '../support/connection-probe.mjs'), target, String(startAfterMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  probe.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return async () => {
    const exited = new Promise((resolve) => probe.once('exit', resolve));
    probe.kill('SIGTERM');
    await exited;
    const { probes, slowestMs } = JSON.parse(output) as { probes: number; slowestMs: number | null };
    return { probes, slowestMs: slowestMs ?? Number.POSITIVE_INFINITY }; // null: a probe failed
  };
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-load-'));
  const storage = await openStorage({ dataDir });
  await storage.upsertOrganizations(Array.from({ length: ORGANIZATIONS }, (_, index) => makeOrganization({ tenantId: `load-tenant-${index}` })));
  await storage.close();
  connector = await startFakeConnector();
  // Replies are counted, not kept: a long run would otherwise measure the test's own memory.
  connector.respond = () => {
    replies++;
    return { status: 200, body: { id: 'x' } };
  };
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: process.env.LOAD_SERVER_LOG ?? 'warn', REMINDER_TICK_SECONDS: '0', MicrosoftAppId: '' },
    stdio: ['ignore', process.env.LOAD_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let tries = 0; ; tries++) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
    if (tries > 150) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);
afterAll(async () => {
  // A server that already exited (it failed to start) would never emit 'exit' again.
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await connector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function activityBody(index: number): string {
  const activity = loadFixture('personal-message');
  const tenantId = `load-tenant-${index % ORGANIZATIONS}`;
  activity.serviceUrl = connector.serviceUrl;
  activity.conversation = { ...activity.conversation, id: `load-conversation-${index}`, tenantId };
  activity.channelData = { tenant: { id: tenantId } };
  activity.text = QUESTIONS[index % QUESTIONS.length];
  return JSON.stringify(activity);
}

it(`answers ${CONVERSATIONS} concurrent conversations for ${SECONDS} s without an error or memory growth`, async () => {
  const bodies = Array.from({ length: CONVERSATIONS * 2 }, (_, index) => activityBody(index));
  // RSS every half second; the median of each third of the run smooths the collector's sawtooth.
  const samples: number[] = [];
  const sampler = setInterval(() => {
    connector.sent.length = 0;
    samples.push(rssMb(server.pid!));
  }, 500);
  // A channel opens new connections while others are busy: they must not wait behind the turns
  // (libuv accepts one connection per event-loop iteration, so this measures how long iterations
  // get). Timed from the second third on: the load's own connections all arrive at once at the
  // start, and a probe then queues behind them; how long that takes shows in the slowest turn.
  const stopConnectionProbe = startConnectionProbe(`${url}/healthz`, (SECONDS * 1000) / 3);
  let next = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: CONVERSATIONS,
    duration: SECONDS,
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  clearInterval(sampler);
  const { probes: newConnectionProbes, slowestMs: slowestNewConnectionMs } = await stopConnectionProbe();
  const third = Math.floor(samples.length / 3);
  const windows = [samples.slice(0, third), samples.slice(third, 2 * third), samples.slice(2 * third)].map(median);
  // autocannon counts a timeout in `errors` as well: count each failed request once.
  const errors = result.errors + result.non2xx;
  recordStat('load.requests', result.requests.total);
  recordStat('load.errors', errors);
  recordStat('load.slowestNewConnectionMs', Math.round(slowestNewConnectionMs));
  recordStat('load.slowestTurnMs', Math.round(result.latency.max));
  console.info(`${result.requests.total} turns in ${SECONDS} s (${Math.round(result.requests.average)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, slowest ${result.latency.max} ms, errors ${errors} (timeouts ${result.timeouts}), server RSS median per third ${windows.map((mb) => mb.toFixed(0)).join(' → ')} MB, slowest new connection ${Math.round(slowestNewConnectionMs)} ms`);

  expect(result.requests.total).toBeGreaterThan(0);
  expect(errors).toBe(0);
  expect(newConnectionProbes).toBeGreaterThan(0);
  expect(slowestNewConnectionMs).toBeLessThan(5_000);
  expect(replies).toBeGreaterThanOrEqual(result.requests.total); // every turn answered with a card
  // Flat: past the first third (warm-up: caches fill, the heap finds its size), no growth. A run of a
  // few seconds is still warming up, so only sustained runs (npm run verify) judge memory.
  if (SECONDS >= 30) {
    recordStat('load.rssGrowthMb', Math.round(windows[2]! - windows[1]!));
    expect(windows[2]! - windows[1]!).toBeLessThan(24);
  }
}, 240_000);
