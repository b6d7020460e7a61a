/**
 * The reminder side of a pass, channel or personal: claim a batch under a lease, deliver it with
 * bounded concurrency until nothing due is left (concurrency.ts), and record what did not go out.
 * Pass-scoped: what it left pending for a later attempt is not retried in the same pass.
 */
import type { Logger } from '../logger.js';
import type { ReminderKey, ReminderLedger } from '../storage/reminder-store.js';
import { drainClaims, type ClaimBatch } from './concurrency.js';
import type { AttemptOutcome } from './delivery-attempts.js';
import type { PassReport } from './pass-report.js';
import type { ReminderSettings } from './settings.js';

export interface ClaimLoop<T extends ReminderKey> {
  claim: (options: ClaimBatch) => Promise<T[]>;
  deliver: (reminder: T) => Promise<void>;
}

export function drainReminders<T extends ReminderKey>(
  loop: ClaimLoop<T>,
  context: { runnerId: string; settings: ReminderSettings; clock: () => Date; log: Logger; tenantId?: string },
  report: PassReport,
): Promise<void> {
  const { settings, log } = context;
  return drainClaims(
    { runnerId: context.runnerId, leaseMs: settings.leaseMs, limit: settings.batchSize, concurrency: settings.concurrency, tenantId: context.tenantId, clock: context.clock },
    loop.claim,
    loop.deliver,
    (reminder, error) => {
      // Storage trouble mid-send: the lease expires and a later pass takes the reminder again.
      log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
      report.add(keyOf(reminder), 'pending', 'storage error during delivery');
    },
  );
}

export function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject, audience: reminder.audience };
}

/** Closes a reminder that no longer applies, with the reason, and reports it. */
export async function skipReminder(storage: Pick<ReminderLedger, 'closeReminder'>, report: PassReport, key: ReminderKey, reason: string): Promise<void> {
  await storage.closeReminder(key, 'skipped', reason);
  report.add(key, 'skipped', reason);
}

/** A call that did not go out and did not lose its conversation: refused for good, or left for a later pass. */
export type NotSent = Extract<AttemptOutcome<unknown>, { outcome: 'rejected' | 'untrusted' | 'later' }>;

/** Records a NotSent outcome on its reminder (failed, or pending with its retry time) and in the report. */
export async function recordNotSent(
  context: { storage: Pick<ReminderLedger, 'closeReminder' | 'releaseReminder'>; report: PassReport; log: Logger; settings: ReminderSettings; clock: () => Date },
  key: ReminderKey,
  result: NotSent,
  what: 'reminder' | 'personal reminder',
): Promise<void> {
  const { storage, report, log } = context;
  if (result.outcome === 'rejected') {
    await storage.closeReminder(key, 'failed', result.reason);
    report.add(key, 'failed', result.reason);
    log.error({ tenantId: key.tenantId, kind: key.kind, status: result.status }, `${what} rejected by the connector`);
    return;
  }
  if (result.outcome === 'untrusted') {
    // Kept pending, not failed: a later activity from Teams (rememberServiceUrl) or a corrected
    // SERVICE_URL_ALLOWLIST makes it go out at a later pass; until then it is never called.
    await storage.releaseReminder(key, { reason: result.reason, retryAt: new Date(context.clock().getTime() + context.settings.retryBaseMs) });
    report.add(key, 'pending', result.reason);
    log.warn({ tenantId: key.tenantId, kind: key.kind }, `${what} not sent: the service URL is not in SERVICE_URL_ALLOWLIST`);
    return;
  }
  await storage.releaseReminder(key, { reason: result.reason, retryAt: result.retryAt });
  report.add(key, 'pending', result.reason);
  log.warn({ tenantId: key.tenantId, kind: key.kind, reason: result.reason, retryAt: result.retryAt }, `${what} left pending for a later pass`);
}
