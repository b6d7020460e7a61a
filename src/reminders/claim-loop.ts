/**
 * The claim loop of a pass, channel or personal: claim a batch under a lease, deliver it with
 * bounded concurrency, until nothing due is left. Pass-scoped: what it left pending for a later
 * attempt is not retried in the same pass.
 */
import type { Logger } from '../logger.js';
import { calendarDateIn, dayReachedAtHour } from '../rules/plain-date.js';
import type { DeliveryDays } from '../rules/reminder-delivery.js';
import type { ReminderKey, ReminderLedger } from '../storage/reminder-store.js';
import { forEachConcurrently } from './concurrency.js';
import type { PassReport } from './pass-report.js';
import type { ReminderSettings } from './settings.js';

export type ClaimOptions = Parameters<ReminderLedger['claimReminders']>[0];

export interface ClaimLoop<T extends ReminderKey> {
  claim: (options: ClaimOptions) => Promise<T[]>;
  deliver: (reminder: T) => Promise<void>;
}

export async function drainClaims<T extends ReminderKey>(
  loop: ClaimLoop<T>,
  context: { runnerId: string; settings: ReminderSettings; clock: () => Date; log: Logger; tenantId?: string },
  report: PassReport,
): Promise<void> {
  const { settings, clock, log } = context;
  const passStarted = clock();
  for (;;) {
    const claimed = await loop.claim({
      runnerId: context.runnerId,
      now: clock(),
      attemptsDueBy: passStarted,
      leaseMs: settings.leaseMs,
      limit: settings.batchSize,
      tenantId: context.tenantId,
    });
    if (claimed.length === 0) return;
    await forEachConcurrently(claimed, settings.concurrency, async (reminder) => {
      try {
        await loop.deliver(reminder);
      } catch (error) {
        // Storage trouble mid-send: the lease expires and a later pass takes the reminder again.
        log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
        report.add(keyOf(reminder), 'pending', 'storage error during delivery');
      }
    });
  }
}

export function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject };
}

/** The days a delivery decision counts from, at the pass's moment in the organization's zone. */
export function deliveryDays(now: Date, timeZone: string, localHour: number): DeliveryDays {
  return { planningDay: dayReachedAtHour(now, timeZone, localHour), sendDay: calendarDateIn(now, timeZone) };
}

/** Closes a reminder that no longer applies, with the reason, and reports it. */
export async function skipReminder(storage: Pick<ReminderLedger, 'closeReminder'>, report: PassReport, key: ReminderKey, reason: string): Promise<void> {
  await storage.closeReminder(key, 'skipped', reason);
  report.add(key, 'skipped', reason);
}
