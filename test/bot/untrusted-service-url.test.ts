/**
 * Behind the HTTP edge: a turn whose service URL is not trusted stores nothing, however it reaches
 * the bot (here through the SDK's TestAdapter, which skips the edge's check on purpose).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceUrlAllowlist } from '../../src/bot/service-url-allowlist.js';
import { createDispatcher, type Dispatch } from '../../src/bot/dispatcher.js';
import { loadCardTemplates } from '../../src/cards/render-card.js';
import { loadCallSchedule, loadCatalog } from '../../src/catalog-file.js';
import { teamsTurn } from '../../src/host/inbound.js';
import { createLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeActivity } from '../support/activities.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const TRUSTED = 'https://smba.trafficmanager.net/amer/';
const UNTRUSTED = 'https://evil.example/';

let dataDir: string;
let storage: Storage;
let dispatch: Dispatch;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-untrusted-'));
  storage = await openStorage({ dataDir });
  loadCardTemplates();
  const catalog = await loadCatalog(undefined);
  dispatch = createDispatcher({
    storage,
    personalReminders: true,
    catalog,
    now: () => new Date('2026-11-25T12:00:00Z'),
    log: createLogger('silent'),
    isTenantAllowed: () => true,
    callSchedule: await loadCallSchedule(undefined, catalog),
    publicUrl: 'http://localhost:3978',
    serviceUrls: serviceUrlAllowlist({ authenticationDisabled: false }),
  });
});
afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(activity: Record<string, unknown>): Promise<void> {
  const adapter = new TestAdapter(teamsTurn(dispatch, createLogger('silent')));
  await adapter.processActivity(activity as Partial<Activity>);
}

describe('a turn from an untrusted service URL', () => {
  it('does not store a reminder target on install', async () => {
    await run(makeActivity('team-installation-add', { serviceUrl: UNTRUSTED, tenantId: TENANT }));
    expect(await storage.getReminderTarget(TENANT)).toBeUndefined();
    await run(makeActivity('team-installation-add', { serviceUrl: TRUSTED, tenantId: TENANT }));
    expect((await storage.getReminderTarget(TENANT))?.serviceUrl).toBe(TRUSTED);
  });

  it('does not replace the stored service URL', async () => {
    await run(makeActivity('team-installation-add', { serviceUrl: TRUSTED, tenantId: TENANT }));
    await run(makeActivity('personal-message', { serviceUrl: UNTRUSTED, tenantId: TENANT, text: 'help' }));
    const target = await storage.getReminderTarget(TENANT);
    expect(target?.serviceUrl).toBe(TRUSTED);
    expect(target?.conversationReference.serviceUrl).toBe(TRUSTED);
  });
});
