/**
 * The sending half of a pass: claim what is due, decide per reminder (rules/reminder-delivery.ts),
 * send within Teams' rate limits, and record every outcome on its reminder; none stops the pass.
 */
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import type { CardSender } from '../bot/proactive.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import { deliveryDecision } from '../rules/reminder-delivery.js';
import type { ClaimedReminder, ReminderKey, ReminderLedger, ReminderTargets } from '../storage/reminder-store.js';
import type { OrganizationStore } from '../storage/storage.js';
import { forEachConcurrently } from './concurrency.js';
import { backoffMs, classifyDeliveryError } from './delivery-outcome.js';
import type { PassReport } from './pass-report.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import type { ReminderSettings } from './settings.js';
import { zoneDaysAt, type ZoneDays } from './zone-days.js';

export interface DeliveryDependencies {
  storage: ReminderLedger & Pick<ReminderTargets, 'deactivateReminderTarget'> & Pick<OrganizationStore, 'getOrganization'>;
  catalog: Catalog;
  sender: CardSender;
  log: Logger;
  settings: ReminderSettings;
  runnerId: string;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  isTenantAllowed?: (tenantId: string) => boolean;
}

export function createDelivery(deps: DeliveryDependencies) {
  const { storage, catalog, sender, log, settings, clock, sleep } = deps;
  const conversationLimiter = new SlidingWindowLimiter(settings.conversationLimits, () => clock().getTime(), sleep);
  const tenantLimiter = new SlidingWindowLimiter(settings.tenantLimits, () => clock().getTime(), sleep);

  /**
   * The card for a claimed reminder, or why it should not go out any more (decided by the rules).
   * `daysIn` gives the days of the pass's moment (the CLI's --now) per zone; leases and retries use the real clock.
   */
  async function cardFor(reminder: ClaimedReminder, daysIn: (timeZone: string) => ZoneDays): Promise<CardAttachment | { skip: string }> {
    if (deps.isTenantAllowed && !deps.isTenantAllowed(reminder.tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
    const org = await storage.getOrganization(reminder.tenantId);
    if (!org) return { skip: 'the organization no longer exists' };
    const decision = deliveryDecision(org, reminder, daysIn(org.timeZone), catalog);
    return 'skip' in decision ? decision : renderCard('reminder', decision.send);
  }

  async function deliver(reminder: ClaimedReminder, daysIn: (timeZone: string) => ZoneDays, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const card = await cardFor(reminder, daysIn);
    if ('skip' in card) {
      await storage.closeReminder(key, 'skipped', card.skip);
      report.add(key, 'skipped', card.skip);
      return;
    }
    let transientTries = 0;
    let throttledTries = 0;
    for (;;) {
      await conversationLimiter.acquire([reminder.target.conversationId]);
      await tenantLimiter.acquire([reminder.tenantId]);
      try {
        await sender.send(reminder.target, card);
        await storage.markReminderSent(key, clock());
        report.add(key, 'sent');
        log.info({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, attempt: reminder.attempts }, 'reminder sent');
        return;
      } catch (error) {
        const failure = classifyDeliveryError(error);
        if (failure.kind === 'gone') {
          const reason = `HTTP ${failure.status}: the bot is no longer in the conversation`;
          await storage.closeReminder(key, 'inactive', reason);
          await storage.deactivateReminderTarget(key.tenantId, reason);
          report.add(key, 'inactive', reason);
          log.warn({ tenantId: key.tenantId, status: failure.status }, 'reminder target deactivated');
          return;
        }
        if (failure.kind === 'untrusted') {
          // Kept pending, not failed: a later activity from Teams (rememberServiceUrl) or a corrected
          // SERVICE_URL_ALLOWLIST makes it go out at the next pass; until then it is never called.
          await storage.releaseReminder(key, { reason: failure.reason, retryAt: new Date(clock().getTime() + settings.retryBaseMs) });
          report.add(key, 'pending', failure.reason);
          log.warn({ tenantId: key.tenantId, kind: key.kind }, 'reminder not sent: the target service URL is not in SERVICE_URL_ALLOWLIST');
          return;
        }
        if (failure.kind === 'rejected') {
          await storage.closeReminder(key, 'failed', failure.reason);
          report.add(key, 'failed', failure.reason);
          log.error({ tenantId: key.tenantId, kind: key.kind, status: failure.status }, 'reminder rejected by the connector');
          return;
        }
        const throttled = failure.kind === 'throttled';
        const tries = throttled ? ++throttledTries : ++transientTries;
        const limit = throttled ? settings.maxThrottledAttempts : settings.maxAttempts;
        const wait = throttled && failure.retryAfterMs !== undefined ? failure.retryAfterMs : backoffMs(tries, settings.retryBaseMs, settings.retryCapMs);
        const reason = throttled ? 'HTTP 429: throttled by Teams' : failure.reason;
        if (tries >= limit || wait > settings.maxRetryAfterMs) {
          const retryAt = new Date(clock().getTime() + Math.max(wait, settings.retryBaseMs));
          await storage.releaseReminder(key, { reason, retryAt });
          report.add(key, 'pending', reason);
          log.warn({ tenantId: key.tenantId, kind: key.kind, reason, retryAt }, 'reminder left pending for a later pass');
          return;
        }
        log.debug({ tenantId: key.tenantId, kind: key.kind, reason, waitMs: wait }, 'reminder send retrying');
        await sleep(wait);
      }
    }
  }

  /** Claims and delivers everything due at `options.now` (pass-scoped: it never retries what it left pending). */
  return async function sendClaimed(options: { now: Date; tenantId?: string }, report: PassReport): Promise<void> {
    const passStarted = clock();
    const daysIn = zoneDaysAt(options.now, settings.localHour);
    for (;;) {
      const claimed = await storage.claimReminders({
        runnerId: deps.runnerId,
        now: clock(),
        attemptsDueBy: passStarted,
        leaseMs: settings.leaseMs,
        limit: settings.batchSize,
        tenantId: options.tenantId,
      });
      if (claimed.length === 0) return;
      await forEachConcurrently(claimed, settings.concurrency, async (reminder) => {
        try {
          await deliver(reminder, daysIn, report);
        } catch (error) {
          // Storage trouble mid-send: the lease expires and a later pass takes the reminder again.
          log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
          report.add(keyOf(reminder), 'pending', 'storage error during delivery');
        }
      });
    }
  };
}

function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject };
}
