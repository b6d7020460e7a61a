/**
 * The one loop of a pass's delivery, for channel reminders, personal reminders and message updates
 * alike: claim a batch of due work under a lease (storage/leased-work.ts), deliver each item with
 * bounded concurrency, recording its outcome, and claim again until nothing due is left.
 * Pass-scoped: it claims only what was due for an attempt when the pass started, so what it left
 * pending for a later attempt is not retried in the same pass. Also the recording shared by both
 * reminder paths.
 */
import type { Logger } from '../logger.js';
import type { LeaseClaim } from '../storage/leased-work.js';
import type { ReminderKey, ReminderLedger } from '../storage/reminder-store.js';
import type { AttemptOutcome } from './delivery-attempts.js';
import type { PassReport } from './pass-report.js';
import type { ReminderSettings } from './settings.js';
import type { Organization } from '../rules/organization/organization.js';
import type { OrganizationStore } from '../storage/storage.js';
import type { PassDependencies } from './pass-dependencies.js';

export interface ClaimLoop<T> {
  claim: (batch: LeaseClaim) => Promise<T[]>;
  /** Delivers one item and records its outcome; a refused or failed send is an outcome, not a throw. */
  deliver: (item: T) => Promise<void>;
  /** Records an item whose delivery step threw (storage trouble): its lease expires and a later pass takes it again. */
  failed: (item: T, error: unknown) => void;
}

/** Claims a batch after another and delivers each, `settings.concurrency` at a time, until none is left. */
export async function drainClaims<T>(loop: ClaimLoop<T>, pass: { runnerId: string; settings: ReminderSettings; clock: () => Date; tenantId?: string }): Promise<void> {
  const { settings, clock } = pass;
  const passStarted = clock();
  for (;;) {
    const claimed = await loop.claim({ runnerId: pass.runnerId, now: clock(), attemptsDueBy: passStarted, leaseMs: settings.leaseMs, limit: settings.batchSize, tenantId: pass.tenantId });
    if (claimed.length === 0) return;
    await forEachConcurrently(claimed, settings.concurrency, async (item) => {
      try {
        await loop.deliver(item);
      } catch (error) {
        loop.failed(item, error);
      }
    });
  }
}

/** `failed` of a reminder loop: logged, and reported pending (its lease expires, a later pass sends it). */
export function reminderStepFailed(log: Logger, report: PassReport): (reminder: ReminderKey, error: unknown) => void {
  return (reminder, error) => {
    log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
    report.add(keyOf(reminder), 'pending', 'storage error during delivery');
  };
}

export function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject, audience: reminder.audience };
}

/** Closes a reminder that no longer applies, with the reason, and reports it. */
export async function skipReminder(context: { storage: Pick<ReminderLedger, 'closeReminder'>; report: PassReport; runnerId: string }, key: ReminderKey, reason: string): Promise<void> {
  const { storage, report, runnerId } = context;
  await storage.closeReminder(key, 'skipped', reason, runnerId);
  report.add(key, 'skipped', reason);
}

/** A call that did not go out and did not lose its conversation: refused for good, or left for a later pass. */
export type NotSent = Extract<AttemptOutcome<unknown>, { outcome: 'rejected' | 'untrusted' | 'later' }>;

/** Records a NotSent outcome on its reminder (failed, or pending with its retry time) and in the report. */
export async function recordNotSent(
  context: { storage: Pick<ReminderLedger, 'closeReminder' | 'releaseReminder'>; report: PassReport; log: Logger; settings: ReminderSettings; clock: () => Date; runnerId: string },
  key: ReminderKey,
  result: NotSent,
  what: 'reminder' | 'personal reminder',
): Promise<void> {
  const { storage, report, log, runnerId } = context;
  if (result.outcome === 'rejected') {
    await storage.closeReminder(key, 'failed', result.reason, runnerId);
    report.add(key, 'failed', result.reason);
    log.error({ tenantId: key.tenantId, kind: key.kind, status: result.status }, `${what} rejected by the connector`);
    return;
  }
  if (result.outcome === 'untrusted') {
    // Kept pending, not failed: a later activity from Teams (rememberServiceUrl) or a corrected
    // SERVICE_URL_ALLOWLIST makes it go out at a later pass; until then it is never called.
    await storage.releaseReminder(key, { reason: result.reason, retryAt: new Date(context.clock().getTime() + context.settings.retryBaseMs), heldBy: runnerId });
    report.add(key, 'pending', result.reason);
    log.warn({ tenantId: key.tenantId, kind: key.kind }, `${what} not sent: the service URL is not in SERVICE_URL_ALLOWLIST`);
    return;
  }
  await storage.releaseReminder(key, { reason: result.reason, retryAt: result.retryAt, heldBy: runnerId });
  report.add(key, 'pending', result.reason);
  log.warn({ tenantId: key.tenantId, kind: key.kind, reason: result.reason, retryAt: result.retryAt }, `${what} left pending for a later pass`);
}

/**
 * The tenant's organization, or why nothing of the tenant goes out any more: the first question of
 * channel reminders, personal reminders and message updates alike (what it refuses is closed as
 * skipped, without a call).
 */
export async function deliverableOrganization(
  deps: Pick<PassDependencies, 'isTenantAllowed'> & { storage: Pick<OrganizationStore, 'getOrganization'> },
  tenantId: string,
): Promise<Organization | { skip: string }> {
  if (deps.isTenantAllowed && !deps.isTenantAllowed(tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
  return (await deps.storage.getOrganization(tenantId)) ?? { skip: 'the organization no longer exists' };
}

export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
