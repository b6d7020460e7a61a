/**
 * One reminder pass: plan what is due into the ledger, then claim and send it. Every failure is
 * recorded on its reminder; none stops the pass. Several runners may run at once (replicas): the
 * ledger's claims keep each reminder to one of them.
 */
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import type { CardSender } from '../bot/proactive.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import { currentAnniversary } from '../rules/cycle.js';
import { addDays, calendarDateIn, dayReachedAtHour, isPlainDate } from '../rules/plain-date.js';
import { reminderView } from '../rules/reminder-view.js';
import { planReminders, stillApplies } from '../rules/reminders.js';
import type { ClaimedReminder, ReminderKey } from '../storage/reminder-store.js';
import type { Storage } from '../storage/storage.js';
import { forEachConcurrently } from './concurrency.js';
import { backoffMs, classifyDeliveryError } from './delivery-outcome.js';
import { PassReport } from './pass-report.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import type { ReminderSettings } from './settings.js';

export interface RunnerDependencies {
  storage: Storage;
  catalog: Catalog;
  sender: CardSender;
  log: Logger;
  settings: ReminderSettings;
  /** Identifies this process in claims, e.g. hostname-pid. */
  runnerId: string;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** ALLOWED_TENANTS: reminders of other tenants are skipped, not sent. */
  isTenantAllowed?: (tenantId: string) => boolean;
}

export interface PassOptions {
  now: Date;
  dryRun?: boolean;
  tenantId?: string;
}

const PLANNING_PAGE = 500;

export function createReminderRunner(deps: RunnerDependencies) {
  const { storage, catalog, sender, log, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const conversationLimiter = new SlidingWindowLimiter(settings.conversationLimits, () => clock().getTime(), sleep);
  const tenantLimiter = new SlidingWindowLimiter(settings.tenantLimits, () => clock().getTime(), sleep);

  async function planDue(options: PassOptions, report: PassReport): Promise<void> {
    // No zone is more than 14 h ahead of UTC, so nothing can be due later than tomorrow's UTC date.
    const upTo = addDays(calendarDateIn(options.now, 'UTC'), 1);
    let after: { nextReminderOn: string; tenantId: string } | undefined;
    for (;;) {
      const page = await storage.organizationsToPlan({ upTo, limit: PLANNING_PAGE, after, tenantId: options.tenantId });
      const plans: Parameters<typeof storage.recordPlans>[0][number][] = [];
      for (const { organization, toldRequirements, nextReminderOn, updatedAt } of page) {
        const today = dayReachedAtHour(options.now, organization.timeZone, settings.localHour);
        if (isPlainDate(nextReminderOn) && nextReminderOn > today) continue; // not yet in its own zone
        const plan = planReminders(organization, today, toldRequirements, catalog);
        report.organizationsPlanned++;
        if (options.dryRun) {
          const ledger = await storage.remindersOf(organization.tenantId);
          for (const reminder of plan.reminders) {
            const known = ledger.find((row) => sameKey(row, { ...reminder, tenantId: organization.tenantId }));
            if (!known || known.status === 'pending' || known.status === 'sending') report.add({ ...reminder, tenantId: organization.tenantId }, 'would-send');
          }
          continue;
        }
        plans.push({
          tenantId: organization.tenantId,
          plan: {
            reminders: plan.reminders.map((reminder) => ({ ...reminder, tenantId: organization.tenantId })),
            nextReminderOn: plan.nextReminderOn,
            toldRequirements: plan.toldRequirements as Record<string, unknown>,
            basedOnUpdatedAt: updatedAt,
          },
        });
      }
      if (plans.length > 0) report.planned += await storage.recordPlans(plans);
      const last = page[page.length - 1];
      if (!last || page.length < PLANNING_PAGE) return;
      after = { nextReminderOn: last.nextReminderOn, tenantId: last.organization.tenantId };
    }
  }

  /** The card for a claimed reminder, or why it should not go out any more. */
  /** `now` is the pass's moment (the CLI's --now); leases and retries use the real clock. */
  async function cardFor(reminder: ClaimedReminder, now: Date): Promise<CardAttachment | { skip: string }> {
    if (deps.isTenantAllowed && !deps.isTenantAllowed(reminder.tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
    const org = await storage.getOrganization(reminder.tenantId);
    if (!org) return { skip: 'the organization no longer exists' };
    const planningDay = dayReachedAtHour(now, org.timeZone, settings.localHour);
    if (!stillApplies(reminder, planReminders(org, planningDay, {}, catalog))) return { skip: 'superseded: its moment in the cycle has passed' };
    const anniversary = reminder.kind === 'requirements-changed' ? currentAnniversary(org) : reminder.cycle;
    // The card counts days from the calendar day it goes out in the organization's zone.
    const sendDay = calendarDateIn(now, org.timeZone);
    return renderCard('reminder', reminderView({ kind: reminder.kind, organizationName: org.name, anniversary, today: sendDay, payload: reminder.payload }, catalog));
  }

  async function deliver(reminder: ClaimedReminder, now: Date, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const card = await cardFor(reminder, now);
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

  async function sendClaimed(options: PassOptions, report: PassReport): Promise<void> {
    const passStarted = clock();
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
          await deliver(reminder, options.now, report);
        } catch (error) {
          // Storage trouble mid-send: the lease expires and a later pass takes the reminder again.
          log.error({ err: error, tenantId: reminder.tenantId, kind: reminder.kind }, 'reminder delivery step failed');
          report.add(keyOf(reminder), 'pending', 'storage error during delivery');
        }
      });
    }
  }

  return {
    /** Plans and sends everything due at `options.now`; resolves with what happened. */
    async runPass(options: PassOptions): Promise<PassReport> {
      const report = new PassReport();
      await planDue(options, report);
      if (!options.dryRun) await sendClaimed(options, report);
      return report;
    },
  };
}

export type ReminderRunner = ReturnType<typeof createReminderRunner>;

function keyOf(reminder: ReminderKey): ReminderKey {
  return { tenantId: reminder.tenantId, kind: reminder.kind, cycle: reminder.cycle, subject: reminder.subject };
}

function sameKey(a: ReminderKey, b: ReminderKey): boolean {
  return a.tenantId === b.tenantId && a.kind === b.kind && a.cycle === b.cycle && a.subject === b.subject;
}
