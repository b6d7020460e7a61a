/** 10,000 organizations with a reminder due, each in its own tenant and channel: all sent, memory flat. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { recordStat } from '../support/verify-stats.js';
import { FLEET_NOW, fleetRunner, seedFleet, sendsPerConversation } from './fleet.js';

const TARGETS = 10_000;
let dataDir: string;
let connector: FakeConnector;
let storage: Storage;
afterEach(async () => {
  await storage?.close();
  await connector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends to 10,000 targets once each with memory that stays flat', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-fanout-'));
  connector = await startFakeConnector();
  storage = await openStorage({ dataDir });
  await seedFleet(storage, TARGETS, connector.serviceUrl);
  // The connector keeps no bodies here: only what the assertions need, so its memory is not measured.
  const received: { conversationId: string }[] = [];
  connector.respond = (request) => {
    received.push({ conversationId: request.conversationId });
    return { status: 200, body: { id: 'x' } };
  };
  const keepBodies = connector.sent;
  const samples: { sent: number; heapMb: number }[] = [];
  const collect = (globalThis as { gc?: () => void }).gc;
  expect(collect, 'tests run with --expose-gc (vitest.config.ts)').toBeTypeOf('function');
  const sampler = setInterval(() => {
    keepBodies.length = 0;
    collect!();
    samples.push({ sent: received.length, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
  }, 250);
  const started = Date.now();
  const report = await fleetRunner(storage, 'fan-out', { concurrency: 16 }).runPass({ now: FLEET_NOW });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);

  const perConversation = sendsPerConversation(received);
  recordStat('reminders.lost', TARGETS - perConversation.size);
  recordStat('reminders.duplicated', received.length - perConversation.size);
  expect(report.counts.sent).toBe(TARGETS);
  expect(perConversation.size).toBe(TARGETS);
  expect([...perConversation.values()].every((count) => count === 1)).toBe(true);

  // Flat: what stays reachable after a full collection late in the pass is not above what it was
  // early on. A leak of even 1 KB per reminder would add ~7 MB between the two.
  const quarter = (from: number, to: number) => samples.filter((sample) => sample.sent >= from * TARGETS && sample.sent < to * TARGETS);
  const peak = (list: { heapMb: number }[]) => Math.max(...list.map((sample) => sample.heapMb));
  const early = peak(quarter(0.1, 0.35));
  const late = peak(quarter(0.65, 0.95));
  console.info(`10,000 reminders in ${seconds.toFixed(1)} s (${Math.round(TARGETS / seconds)}/s); heap peak early ${early.toFixed(0)} MB, late ${late.toFixed(0)} MB`);
  expect(late - early).toBeLessThan(5);
}, 180_000);
