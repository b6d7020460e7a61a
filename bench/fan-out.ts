/**
 * Reminder fan-out: N organizations, each in its own tenant and channel, all with the window-open
 * reminder due, delivered by the real runner through CloudAdapter to a connector answering after
 * 5 ms. Once with the limiter at Teams' defaults, once with it off, each on a fresh database; then
 * with the limiter off and authentication on (an app id and password, tokens from a local token
 * endpoint, see token-endpoint.ts), counting the token requests. Last, the SDK's own ceiling: the same
 * number of sends of one reminder card through the same sender, with no storage, rules or card building.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createAdapter } from '../src/host/adapter.js';
import { createProactiveSender } from '../src/host/sender.js';
import { serviceUrlAllowlist } from '../src/bot/service-url-allowlist.js';
import { loadConfig, reminderSettings, serviceUrlAllowlistOf } from '../src/config.js';
import { renderCard } from '../src/cards/render-card.js';
import type { ReminderTarget } from '../src/storage/reminder-store.js';
import { defaultCatalog } from '../src/rules/catalog/catalog.js';
import { reminderViews } from '../test/cards/sample-views.js';
import { forEachConcurrently } from '../src/reminders/claim-loop.js';
import { createReminderRunner } from '../src/reminders/runner.js';
import type { ReminderSettings } from '../src/reminders/settings.js';
import { startConnector } from './connector.js';
import { startTokenEndpoint, type TokenEndpoint } from './token-endpoint.js';
import { openBenchStorage, seedFleetBulk } from './seed.js';

export const FAN_OUT_NOW = new Date('2026-11-30T09:00:00Z');

export interface FanOutRun {
  /** `sdk-only`: the SDK's ceiling, sends through the sender alone (no runner, storage, rules or card building). */
  limiter: 'teams-defaults' | 'off' | 'sdk-only';
  authentication: 'on' | 'off';
  /** With authentication on: token requests at the token endpoint during the pass, and sends that carried a token. */
  tokenRequests?: number;
  tokenRequestsPer10kSends?: number;
  authorizedSends?: number;
  organizations: number;
  concurrency: number;
  connectorLatencyMs: number;
  seedSeconds: number;
  passSeconds: number;
  sent: number;
  /** sent / pass duration (planning included). */
  sendsPerSecond: number;
  /** sends between the first and the last arrival at the connector. */
  sendPhasePerSecond: number;
  boundPerSecond: number;
  duplicates: number;
  losses: number;
  otherOutcomes: Record<string, number>;
  /** CPU (user + system) of this process per reminder sent, connector included: near 1e6/bound means CPU-bound. */
  cpuMicrosPerSend: number;
  /** RSS of the whole benchmark process before the pass and at its peak during it. */
  baselineRssMb: number;
  peakRssMb: number;
}

export const AUTHENTICATED_CONCURRENCY = 32;

/** Info-level JSON logs as in production, written to /dev/null so they cost what they cost. */
function productionLogger() {
  return pino({ level: 'info', base: { service: 'renewal-bot' } }, pino.destination({ dest: '/dev/null', sync: true }));
}

const BENCH_APP = { MicrosoftAppId: '00000000-0000-0000-0000-00000000b0b0', MicrosoftAppPassword: 'bench-secret', MicrosoftAppType: 'MultiTenant' };

/** One pass on a fresh database and a fresh adapter (so a fresh credentials object with authentication on). */
/** Wraps the measured pass (and nothing else): a CPU profile of the pass alone, for instance. */
export type AroundPass = <T>(pass: () => Promise<T>) => Promise<T>;

export async function fanOutOnce(count: number, latencyMs: number, limiter: FanOutRun['limiter'], tokens?: TokenEndpoint, concurrency?: number, aroundPass: AroundPass = (pass) => pass()): Promise<FanOutRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const connector = await startConnector(latencyMs);
  const { db, storage } = await openBenchStorage({ dataDir });
  try {
    const seedStarted = performance.now();
    await seedFleetBulk(db, {
      count,
      tenantOf: (index) => `fan-${String(index).padStart(7, '0')}`,
      conversationOf: (index) => `19:channel-${index}@thread.tacv2`,
      serviceUrl: connector.serviceUrl,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const defaults = { ...reminderSettings(loadConfig({})), ...(concurrency ? { concurrency } : {}) };
    const settings: ReminderSettings = limiter === 'off' ? { ...defaults, conversationLimits: [], tenantLimits: [] } : defaults;
    const log = productionLogger();
    const sender = tokens
      ? createProactiveSender(createAdapter(BENCH_APP, log), BENCH_APP.MicrosoftAppId, settings.sendTimeoutMs, serviceUrlAllowlist({ configured: connector.serviceUrl, authenticationDisabled: false }))
      : createProactiveSender(createAdapter({}, log), '', settings.sendTimeoutMs, serviceUrlAllowlistOf(loadConfig({})));
    const runner = createReminderRunner({ storage, catalog: defaultCatalog(), sender, log, settings, runnerId: 'bench-fan-out' });

    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);
    connector.reset();
    tokens?.reset();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const report = await aroundPass(() => runner.runPass({ now: FAN_OUT_NOW }));
    const passSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    // Every conversation in the map got at least one send.
    const reached = connector.perConversation.size;
    const duplicates = connector.total - reached;
    const { sent, ...rest } = report.counts;
    const otherOutcomes = Object.fromEntries(Object.entries(rest).filter(([, value]) => value > 0));
    const phaseSeconds = (connector.lastAt - connector.firstAt) / 1000;
    return {
      limiter,
      authentication: tokens ? 'on' : 'off',
      ...(tokens ? { tokenRequests: tokens.tokenRequests, tokenRequestsPer10kSends: (tokens.tokenRequests * 10_000) / Math.max(1, sent), authorizedSends: connector.authorized } : {}),
      organizations: count,
      concurrency: settings.concurrency,
      connectorLatencyMs: latencyMs,
      seedSeconds,
      passSeconds,
      sent,
      sendsPerSecond: sent / passSeconds,
      sendPhasePerSecond: phaseSeconds > 0 ? (connector.total - 1) / phaseSeconds : 0,
      boundPerSecond: settings.concurrency / (latencyMs / 1000),
      duplicates,
      losses: count - reached,
      otherOutcomes,
      cpuMicrosPerSend: (cpu.user + cpu.system) / Math.max(1, sent),
      baselineRssMb: baselineRss / 2 ** 20,
      peakRssMb: peakRss / 2 ** 20,
    };
  } finally {
    await storage.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchFanOut(options: { organizations: number; latencyMs: number; log: (line: string) => void; authentication?: boolean }): Promise<FanOutRun[]> {
  const runs: FanOutRun[] = [];
  // A small untimed pass first, so neither measured run pays for loading and JIT warm-up.
  await fanOutOnce(Math.min(1_000, options.organizations), options.latencyMs, 'off');
  for (const limiter of ['teams-defaults', 'off'] as const) {
    options.log(`fan-out: ${options.organizations} organizations, limiter ${limiter}, connector ${options.latencyMs} ms …`);
    const run = await fanOutOnce(options.organizations, options.latencyMs, limiter);
    options.log(`  ${run.sent} sent in ${run.passSeconds.toFixed(1)} s (${run.sendsPerSecond.toFixed(0)}/s), duplicates ${run.duplicates}, losses ${run.losses}`);
    runs.push(run);
  }
  if (options.authentication === false) return runs;
  let tokens: TokenEndpoint;
  try {
    tokens = await startTokenEndpoint();
  } catch (error) {
    options.log(`fan-out with authentication on skipped: no local token endpoint (${error instanceof Error ? error.message : String(error)})`);
    return runs;
  }
  try {
    // The per-send goal is stated at REMINDER_CONCURRENCY 32 (a bound of 6,400/s with a 5 ms connector).
    const concurrency = AUTHENTICATED_CONCURRENCY;
    await fanOutOnce(Math.min(1_000, options.organizations), options.latencyMs, 'off', tokens, concurrency); // warm-up, as above
    options.log(`fan-out: ${options.organizations} organizations, limiter off, authentication on, concurrency ${concurrency}, connector ${options.latencyMs} ms …`);
    const run = await fanOutOnce(options.organizations, options.latencyMs, 'off', tokens, concurrency);
    options.log(
      `  ${run.sent} sent in ${run.passSeconds.toFixed(1)} s (${run.sendsPerSecond.toFixed(0)}/s, ${run.cpuMicrosPerSend.toFixed(0)} µs CPU/send), ${run.tokenRequests} token requests (${run.tokenRequestsPer10kSends?.toFixed(1)} per 10,000 sends), ${run.authorizedSends} sends with a token, duplicates ${run.duplicates}, losses ${run.losses}`,
    );
    runs.push(run);
    await sdkSendsOnce(Math.min(1_000, options.organizations), options.latencyMs, concurrency, tokens); // warm-up
    options.log(`fan-out: the SDK alone, ${options.organizations} sends of one card, authentication on, concurrency ${concurrency} …`);
    const ceiling = await sdkSendsOnce(options.organizations, options.latencyMs, concurrency, tokens);
    options.log(`  ${ceiling.sent} sent in ${ceiling.passSeconds.toFixed(1)} s (${ceiling.sendsPerSecond.toFixed(0)}/s, ${ceiling.cpuMicrosPerSend.toFixed(0)} µs CPU/send)`);
    runs.push(ceiling);
  } finally {
    await tokens.close();
  }
  return runs;
}

/**
 * The SDK's ceiling on this machine: `count` sends of one rendered reminder card to distinct
 * conversations through createProactiveSender (the kept connector client, shared token), `concurrency`
 * at once, authentication on. What a pass costs beyond this is the runner, storage, rules and cards.
 */
export async function sdkSendsOnce(count: number, latencyMs: number, concurrency: number, tokens: TokenEndpoint, aroundPass: AroundPass = (pass) => pass()): Promise<FanOutRun> {
  const connector = await startConnector(latencyMs);
  try {
    const log = productionLogger();
    const sender = createProactiveSender(createAdapter(BENCH_APP, log), BENCH_APP.MicrosoftAppId, 30_000, serviceUrlAllowlist({ configured: connector.serviceUrl, authenticationDisabled: false }));
    const card = renderCard('reminder', reminderViews['window-open']);
    const targets: ReminderTarget[] = Array.from({ length: count }, (_, index) => {
      const conversationId = `19:channel-${index}@thread.tacv2`;
      const tenantId = `fan-${String(index).padStart(7, '0')}`;
      return {
        tenantId,
        teamId: conversationId,
        conversationId,
        serviceUrl: connector.serviceUrl,
        conversationReference: { serviceUrl: connector.serviceUrl, conversationId, tenantId, botId: BENCH_APP.MicrosoftAppId, scope: 'channel' },
        active: true,
        inactiveReason: '',
      };
    });
    connector.reset();
    tokens.reset();
    const baselineRss = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await aroundPass(() => forEachConcurrently(targets, concurrency, async (target) => {
      await sender.send(target, card);
    }));
    const passSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const reached = connector.perConversation.size;
    const phaseSeconds = (connector.lastAt - connector.firstAt) / 1000;
    return {
      limiter: 'sdk-only',
      authentication: 'on',
      tokenRequests: tokens.tokenRequests,
      tokenRequestsPer10kSends: (tokens.tokenRequests * 10_000) / count,
      authorizedSends: connector.authorized,
      organizations: count,
      concurrency,
      connectorLatencyMs: latencyMs,
      seedSeconds: 0,
      passSeconds,
      sent: connector.total,
      sendsPerSecond: connector.total / passSeconds,
      sendPhasePerSecond: phaseSeconds > 0 ? (connector.total - 1) / phaseSeconds : 0,
      boundPerSecond: concurrency / (latencyMs / 1000),
      duplicates: connector.total - reached,
      losses: count - reached,
      otherOutcomes: {},
      cpuMicrosPerSend: (cpu.user + cpu.system) / Math.max(1, connector.total),
      baselineRssMb: baselineRss / 2 ** 20,
      peakRssMb: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    await connector.close();
  }
}
