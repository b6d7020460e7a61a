/** Several bot processes sharing one PostgreSQL send each reminder exactly once. */
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { freshSchema, testDatabaseUrl } from '../support/postgres-schema.js';
import { recordStat } from '../support/verify-stats.js';
import { FLEET_NOW, fleetRunner, seedFleet, sendsPerConversation } from './fleet.js';

describe.skipIf(!testDatabaseUrl)('reminder runners on one PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('send every reminder once between them when they run at the same time', async () => {
    const { schemaUrl, drop } = await freshSchema();
    cleanups.push(drop);
    const connector: FakeConnector = await startFakeConnector();
    cleanups.push(() => connector.close());
    connector.respond = () => ({ status: 200, body: { id: 'x' }, delayMs: 10 });
    const storages: Storage[] = [];
    for (let replica = 0; replica < 3; replica++) {
      const storage = await openStorage({ databaseUrl: schemaUrl, dataDir: os.tmpdir() });
      storages.push(storage);
      cleanups.push(() => storage.close());
    }
    await seedFleet(storages[0]!, 300, connector.serviceUrl);

    const reports = await Promise.all(storages.map((storage, replica) => fleetRunner(storage, `replica-${replica}`, { batchSize: 10 }).runPass({ now: FLEET_NOW })));

    const perConversation = sendsPerConversation(connector.sent);
    recordStat('reminders.lost', 300 - perConversation.size);
    recordStat('reminders.duplicated', connector.sent.length - perConversation.size);
    expect(perConversation.size).toBe(300);
    expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
    expect(reports.reduce((sum, report) => sum + report.counts.sent, 0)).toBe(300);
    // The work was really shared, not done by one replica while the others idled.
    expect(reports.filter((report) => report.counts.sent > 0).length).toBeGreaterThan(1);
  });
});
