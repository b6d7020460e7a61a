/**
 * The sending half of a pass: claim what is due, decide per reminder (rules/reminder-delivery.ts),
 * send within Teams' rate limits, and record every outcome on its reminder; none stops the pass.
 */
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import type { CardSender } from '../bot/proactive.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import { calendarDateIn, dayReachedAtHour } from '../rules/plain-date.js';
import { deliveryDecision } from '../rules/reminder-delivery.js';
import type { ClaimedReminder, ReminderKey, ReminderLedger, ReminderTargets } from '../storage/reminder-store.js';
import type { OrganizationStore } from '../storage/storage.js';
import type { MessageUpdateStore } from '../storage/message-updates.js';
import { drainClaims } from './concurrency.js';
import { createDeliveryAttempts, type AttemptDelivery } from './delivery-attempts.js';
import type { PassReport } from './pass-report.js';
import type { ReminderSettings } from './settings.js';

export interface DeliveryDependencies {
  storage: ReminderLedger & Pick<ReminderTargets, 'deactivateReminderTarget'> & Pick<OrganizationStore, 'getOrganization'> & Pick<MessageUpdateStore, 'recordReminderPosted'>;
  catalog: Catalog;
  sender: CardSender;
  log: Logger;
  settings: ReminderSettings;
  runnerId: string;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  isTenantAllowed?: (tenantId: string) => boolean;
  /** The rate limits and retry policy, shared with message updates (made here when not given). */
  attempt?: AttemptDelivery;
}

export function createDelivery(deps: DeliveryDependencies) {
  const { storage, catalog, sender, log, settings, clock } = deps;
  const attempt = deps.attempt ?? createDeliveryAttempts(deps);

  /** The card for a claimed reminder, or why it should not go out any more (decided by the rules). */
  /** `now` is the pass's moment (the CLI's --now); leases and retries use the real clock. */
  async function cardFor(reminder: ClaimedReminder, now: Date): Promise<CardAttachment | { skip: string }> {
    if (deps.isTenantAllowed && !deps.isTenantAllowed(reminder.tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
    const org = await storage.getOrganization(reminder.tenantId);
    if (!org) return { skip: 'the organization no longer exists' };
    const days = { planningDay: dayReachedAtHour(now, org.timeZone, settings.localHour), sendDay: calendarDateIn(now, org.timeZone) };
    const decision = deliveryDecision(org, reminder, days, catalog);
    return 'skip' in decision ? decision : renderCard('reminder', decision.send);
  }

  async function deliver(reminder: ClaimedReminder, now: Date, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const card = await cardFor(reminder, now);
    if ('skip' in card) {
      await storage.closeReminder(key, 'skipped', card.skip);
      report.add(key, 'skipped', card.skip);
      return;
    }
    const target = reminder.target;
    const result = await attempt({ conversationId: target.conversationId, tenantId: reminder.tenantId }, () => sender.send(target, card));
    switch (result.outcome) {
      case 'done':
        // With the message's id kept, a later reminder or the renewal can update it in place.
        if (result.value) await storage.recordReminderPosted(key, clock(), { conversationId: target.conversationId, activityId: result.value });
        else await storage.markReminderSent(key, clock());
        report.add(key, 'sent');
        log.info({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, attempt: reminder.attempts }, 'reminder sent');
        return;
      case 'gone': {
        const reason = `HTTP ${result.status}: the bot is no longer in the conversation`;
        await storage.closeReminder(key, 'inactive', reason);
        await storage.deactivateReminderTarget(key.tenantId, reason);
        report.add(key, 'inactive', reason);
        log.warn({ tenantId: key.tenantId, status: result.status }, 'reminder target deactivated');
        return;
      }
      case 'untrusted':
        // Kept pending, not failed: a later activity from Teams (rememberServiceUrl) or a corrected
        // SERVICE_URL_ALLOWLIST makes it go out at the next pass; until then it is never called.
        await storage.releaseReminder(key, { reason: result.reason, retryAt: new Date(clock().getTime() + settings.retryBaseMs) });
        report.add(key, 'pending', result.reason);
        log.warn({ tenantId: key.tenantId, kind: key.kind }, 'reminder not sent: the target service URL is not in SERVICE_URL_ALLOWLIST');
        return;
      case 'rejected':
        await storage.closeReminder(key, 'failed', result.reason);
        report.add(key, 'failed', result.reason);
        log.error({ tenantId: key.tenantId, kind: key.kind, status: result.status }, 'reminder rejected by the connector');
        return;
      case 'later':
        await storage.releaseReminder(key, { reason: result.reason, retryAt: result.retryAt });
        report.add(key, 'pending', result.reason);
        log.warn({ tenantId: key.tenantId, kind: key.kind, reason: result.reason, retryAt: result.retryAt }, 'reminder left pending for a later pass');
        return;
    }
  }

  /** Claims and delivers everything due at `options.now` (pass-scoped: it never retries what it left pending). */
  return async function sendClaimed(options: { now: Date; tenantId?: string }, report: PassReport): Promise<void> {
    await drainClaims(
      { runnerId: deps.runnerId, leaseMs: settings.leaseMs, limit: settings.batchSize, concurrency: settings.concurrency, tenantId: options.tenantId, clock },
      (batch) => storage.claimReminders(batch),
      (reminder) => deliver(reminder, options.now, report),
      (reminder, error) => {
        log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
        report.add(keyOf(reminder), 'pending', 'storage error during delivery');
      },
    );
  };
}

function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject };
}
