/**
 * Many organizations, each in its own tenant with its own team channel, all with a reminder due:
 * the shape of a reminder fan-out, for the replica, crash and memory tests.
 */
import { spawn } from 'node:child_process';
import { createAdapter } from '../../src/host/adapter.js';
import { createProactiveSender } from '../../src/host/sender.js';
import { serviceUrlAllowlist } from '../../src/bot/service-url-allowlist.js';
import { createLogger } from '../../src/logger.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { createReminderRunner } from '../../src/reminders/runner.js';
import type { ReminderSettings } from '../../src/reminders/settings.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';

/** 2026-11-30 09:00 in UTC: the day the window opens for a 2027-02-28 anniversary. */
export const FLEET_NOW = new Date('2026-11-30T09:00:00Z');

export const tenantOf = (index: number) => `tenant-${String(index).padStart(6, '0')}`;

export async function seedFleet(storage: Storage, count: number, serviceUrl: string): Promise<void> {
  const organizations = Array.from({ length: count }, (_, index) =>
    makeOrganization({ tenantId: tenantOf(index), name: `Org ${index}`, anniversaryDate: '2027-02-28', customerReferences: [] }),
  );
  for (let start = 0; start < count; start += 1000) await storage.upsertOrganizations(organizations.slice(start, start + 1000));
  for (let index = 0; index < count; index++) {
    const conversationId = `19:channel-${index}@thread.tacv2`;
    await storage.saveReminderTarget({
      tenantId: tenantOf(index),
      teamId: `team-${index}`,
      conversationId,
      serviceUrl,
      conversationReference: { serviceUrl, conversationId, tenantId: tenantOf(index), botId: 'bot', scope: 'channel' },
    });
  }
}

export const FLEET_SETTINGS: ReminderSettings = {
  localHour: 9,
  concurrency: 8,
  batchSize: 100,
  sendTimeoutMs: 5_000,
  maxAttempts: 3,
  maxThrottledAttempts: 6,
  maxRetryAfterMs: 5_000,
  retryBaseMs: 10,
  retryCapMs: 100,
  leaseMs: 60_000,
  conversationLimits: [],
  tenantLimits: [],
  personalReminders: true,
};

export function fleetRunner(storage: Storage, runnerId: string, settings: Partial<ReminderSettings> = {}) {
  const log = createLogger('silent');
  const sender = createProactiveSender(createAdapter({}, log), '', 5_000, serviceUrlAllowlist({ authenticationDisabled: true }));
  return createReminderRunner({ storage, catalog: defaultCatalog(), sender, log, settings: { ...FLEET_SETTINGS, ...settings }, runnerId });
}

/** How many cards each conversation received. */
export function sendsPerConversation(sent: { conversationId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { conversationId } of sent) counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return counts;
}

/**
 * `reminders run --now` in a child process, as an operator would run it, killed with SIGKILL once
 * `killWhen` says so; rejects if the runner exits by itself first. Resolves with the kill signal.
 */
export async function runAndKill(options: { dataDir: string; now: Date; concurrency: number; leaseSeconds: number; killWhen: () => Promise<unknown> }): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'reminders', 'run', '--now', options.now.toISOString()], {
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'silent',
      REMINDER_CONCURRENCY: String(options.concurrency),
      REMINDER_LEASE_SECONDS: String(options.leaseSeconds),
      REMINDER_CONVERSATION_LIMITS: 'off',
      REMINDER_TENANT_LIMITS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let killing = false;
  const early = exited.then((signal) => {
    if (!killing) throw new Error(`the runner exited by itself (${signal}) before it could be killed`);
  });
  await Promise.race([options.killWhen(), early]);
  killing = true;
  child.kill('SIGKILL');
  return exited;
}
