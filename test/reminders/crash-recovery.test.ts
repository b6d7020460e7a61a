/**
 * A reminder runner killed with SIGKILL in the middle of 1,000 sends, then run again: nothing is
 * lost, and the only repeats are the sends that were in flight when it died.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { recordStat } from '../support/verify-stats.js';
import { FLEET_NOW, fleetRunner, runAndKill, seedFleet, sendsPerConversation } from './fleet.js';

const ORGANIZATIONS = 1000;
const CONCURRENCY = 8;
const LEASE_SECONDS = 2;

let dataDir: string;
let connector: FakeConnector;
afterEach(async () => {
  await connector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('loses no reminder when the runner is killed mid-pass, repeating at most the sends in flight', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-crash-'));
  connector = await startFakeConnector();
  connector.respond = () => ({ status: 200, body: { id: 'x' }, delayMs: 5 });
  const seeding = await openStorage({ dataDir });
  await seedFleet(seeding, ORGANIZATIONS, connector.serviceUrl);
  await seeding.close();

  const signal = await runAndKill({ dataDir, now: FLEET_NOW, concurrency: CONCURRENCY, leaseSeconds: LEASE_SECONDS, killWhen: () => connector.waitForSent(300, 30_000) });
  expect(signal).toBe('SIGKILL');
  const beforeRestart = connector.sent.length;
  expect(beforeRestart).toBeLessThan(ORGANIZATIONS); // it really died in the middle

  // Started again after the dead runner's leases ran out.
  await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 200));
  const storage = await openStorage({ dataDir });
  try {
    const report = await fleetRunner(storage, 'restarted', { concurrency: CONCURRENCY }).runPass({ now: FLEET_NOW });
    const perConversation = sendsPerConversation(connector.sent);
    const duplicates = [...perConversation.values()].reduce((sum, count) => sum + count - 1, 0);
    recordStat('reminders.crash.due', ORGANIZATIONS);
    recordStat('reminders.lost', ORGANIZATIONS - perConversation.size);
    recordStat('reminders.duplicated', duplicates);
    expect(perConversation.size).toBe(ORGANIZATIONS); // nothing lost
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY); // only what was in flight
    expect(report.counts.sent).toBe(connector.sent.length - beforeRestart);
    const counts = await storage.reminderCounts();
    expect(counts.filter((count) => count.status !== 'sent')).toEqual([]);
    console.info(`killed after ${beforeRestart} sends; ${duplicates} repeated after restart (in flight at most ${CONCURRENCY})`);
  } finally {
    await storage.close();
  }
}, 120_000);
