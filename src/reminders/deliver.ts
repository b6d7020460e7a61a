/**
 * The sending half of a pass: claim what is due, decide per reminder (rules/reminders/delivery.ts),
 * send within Teams' rate limits, and record every outcome on its reminder; none stops the pass.
 */
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import { deliveryDecision } from '../rules/reminders/delivery.js';
import type { LeaseClaim } from '../storage/leased-work.js';
import type { MessageUpdateStore } from '../storage/message-updates.js';
import type { ClaimedReminder, ReminderLedger, ReminderTargets } from '../storage/reminder-store.js';
import type { Organization } from '../rules/organization/organization.js';
import type { OrganizationStore } from '../storage/storage.js';
import { drainClaims, keyOf, recordNotSent, reminderStepFailed, skipReminder, deliverableOrganization } from './claim-loop.js';
import type { AttemptDelivery } from './delivery-attempts.js';
import type { PassDependencies, PassOptions } from './pass-dependencies.js';
import type { PassReport } from './pass-report.js';
import { zoneDaysAt, type DaysIn } from './zone-days.js';

export interface DeliveryDependencies extends PassDependencies {
  storage: ReminderLedger & Pick<ReminderTargets, 'deactivateReminderTarget'> & Pick<OrganizationStore, 'getOrganization'> & Pick<MessageUpdateStore, 'recordReminderPosted'>;
  /** The rate limits and retry policy, shared with personal delivery and message updates. */
  attempt: AttemptDelivery;
  /** The line on a channel card when the Primary Program Contact could not be reached personally. */
  contactNoteFor?: (org: Organization) => Promise<string>;
}

export function createDelivery(deps: DeliveryDependencies) {
  const { storage, catalog, sender, log, settings, clock, attempt } = deps;

  /**
   * The card for a claimed reminder, or why it should not go out any more (decided by the rules).
   * `daysIn` gives the days of the pass's moment (the CLI's --now) per zone; leases and retries use the real clock.
   */
  async function cardFor(reminder: ClaimedReminder, daysIn: DaysIn): Promise<CardAttachment | { skip: string }> {
    const org = await deliverableOrganization(deps, reminder.tenantId);
    if ('skip' in org) return org;
    const decision = deliveryDecision(org, reminder, daysIn(org.timeZone), catalog, { contactNote: await deps.contactNoteFor?.(org) });
    return 'skip' in decision ? decision : renderCard('reminder', decision.send);
  }

  /** `moment` is the pass's (the CLI's --now): the card's posted day, which a later card that supersedes it names. */
  async function deliver(reminder: ClaimedReminder, daysIn: DaysIn, moment: Date, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const card = await cardFor(reminder, daysIn);
    if ('skip' in card) return skipReminder({ storage, report, runnerId: deps.runnerId }, key, card.skip);
    const target = reminder.target;
    const result = await attempt({ tenantId: key.tenantId, conversationId: target.conversationId }, () => sender.send(target, card));
    switch (result.outcome) {
      case 'done':
        // With the message's id kept, a later reminder or the renewal can update it in place.
        if (result.value) await storage.recordReminderPosted(key, moment, { conversationId: target.conversationId, activityId: result.value });
        else await storage.markReminderSent(key, clock());
        report.add(key, 'sent');
        log.info({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, attempt: reminder.attempts }, 'reminder sent');
        return;
      case 'gone': {
        const reason = `HTTP ${result.status}: the bot is no longer in the conversation`;
        await storage.closeReminder(key, 'inactive', reason, deps.runnerId);
        await storage.deactivateReminderTarget(key.tenantId, reason);
        report.add(key, 'inactive', reason);
        log.warn({ tenantId: key.tenantId, status: result.status }, 'reminder target deactivated');
        return;
      }
      default:
        return recordNotSent({ storage, report, log, settings, clock, runnerId: deps.runnerId }, key, result, 'reminder');
    }
  }

  /** Claims and delivers everything due at `options.now` (pass-scoped: it never retries what it left pending). */
  return function sendClaimed(options: PassOptions, report: PassReport): Promise<void> {
    const daysIn = zoneDaysAt(options.now, settings.localHour);
    const loop = {
      claim: (batch: LeaseClaim) => storage.claimReminders(batch),
      deliver: (reminder: ClaimedReminder) => deliver(reminder, daysIn, options.now, report),
      failed: reminderStepFailed(log, report),
    };
    return drainClaims(loop, { ...deps, tenantId: options.tenantId });
  };
}
