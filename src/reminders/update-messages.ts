/**
 * The updating half of a pass: claim queued message updates (storage/message-updates.ts), build the
 * card each message now shows, and replace it through the Bot Connector under the same rate limits
 * and retry policy as sends. A 404 means the message was deleted: nothing left to update, no error.
 */
import { z } from 'zod';
import { renderChecklistCard } from '../cards/checklist-card.js';
import { renderCard, type CardAttachment } from '../cards/render-card.js';
import { currentAnniversary } from '../rules/cycle/cycle.js';
import { recordedView, supersededView } from '../rules/reminders/message-updates.js';
import { calendarDateIn, isPlainDate } from '../rules/common/plain-date.js';
import { REMINDER_KINDS } from '../rules/reminders/plan.js';
import type { ChecklistStore } from '../storage/checklist-store.js';
import type { LeaseClaim } from '../storage/leased-work.js';
import type { ClaimedMessageUpdate, MessageUpdateStore } from '../storage/message-updates.js';
import type { OrganizationStore } from '../storage/storage.js';
import { drainClaims, deliverableOrganization } from './claim-loop.js';
import type { AttemptDelivery } from './delivery-attempts.js';
import type { PassDependencies, PassOptions } from './pass-dependencies.js';
import type { PassReport } from './pass-report.js';

const InstantSchema = z.iso.datetime();
const SupersededSchema = z.object({ by: z.object({ kind: z.enum(REMINDER_KINDS), subject: z.string(), postedAt: InstantSchema }) });
// Updates queued before "We did not renew" existed carry no outcome: they recorded a renewal.
const RecordedSchema = z.object({ byName: z.string().max(256), at: InstantSchema, outcome: z.enum(['renewed', 'not-renewed']).default('renewed') });

export interface MessageUpdateDependencies extends PassDependencies {
  storage: MessageUpdateStore & Pick<OrganizationStore, 'getOrganization'> & Pick<ChecklistStore, 'checklistMarks'>;
  attempt: AttemptDelivery;
}

export function createMessageUpdates(deps: MessageUpdateDependencies) {
  const { storage, catalog, sender, log, settings, clock, attempt } = deps;

  /** The card the message should now show, or why it is no longer updated. */
  async function cardFor(update: ClaimedMessageUpdate): Promise<CardAttachment | { skip: string }> {
    const org = await deliverableOrganization(deps, update.tenantId);
    if ('skip' in org) return org;
    const { message } = update;
    const dayOf = (instant: string) => calendarDateIn(new Date(instant), org.timeZone);
    if (update.purpose === 'superseded') {
      const payload = SupersededSchema.safeParse(update.payload);
      if (!payload.success || message.reminderKind === '') return { skip: 'the superseded update is damaged' };
      const earlier = { kind: message.reminderKind, subject: message.reminderSubject };
      return renderCard('message-note', supersededView(earlier, dayOf(message.postedAt), payload.data.by, dayOf(payload.data.by.postedAt)));
    }
    if (update.purpose === 'recorded') {
      const payload = RecordedSchema.safeParse(update.payload);
      if (!payload.success || !isPlainDate(message.cycle)) return { skip: 'the recorded update is damaged' };
      return renderCard('message-note', recordedView({ anniversary: message.cycle, byName: payload.data.byName, on: dayOf(payload.data.at), outcome: payload.data.outcome }));
    }
    // The checklist card as anyone opening it would see it now, in the organization's time zone (its first page).
    const ticks = await storage.checklistMarks(update.tenantId, message.cycle);
    return renderChecklistCard({
      org,
      tenantId: update.tenantId,
      cycle: message.cycle,
      currentCycle: currentAnniversary(org, calendarDateIn(clock(), org.timeZone)),
      today: calendarDateIn(clock(), org.timeZone),
      ticks,
      catalog,
      readerZone: org.timeZone,
      refreshUserIds: [...new Set(ticks.map((tick) => tick.changedById))],
      });
  }

  async function updateOne(update: ClaimedMessageUpdate, report: PassReport): Promise<void> {
    const card = await cardFor(update);
    const fields = { tenantId: update.tenantId, purpose: update.purpose };
    if ('skip' in card) {
      await storage.finishMessageUpdate(update, update.version, 'skipped', card.skip, clock());
      report.addUpdate('skipped');
      return;
    }
    const result = await attempt({ conversationId: update.conversationId, tenantId: update.tenantId }, () =>
      sender.update(update.target, update.conversationId, update.activityId, card),
    );
    switch (result.outcome) {
      case 'done':
        await storage.finishMessageUpdate(update, update.version, 'done', '', clock());
        report.addUpdate('updated');
        log.info({ ...fields, attempt: update.attempts }, 'message updated');
        return;
      case 'gone': {
        // Someone deleted the message (404), or the bot left the conversation (403): nothing to update.
        const reason = result.status === 404 ? 'HTTP 404: the message was deleted' : 'HTTP 403: the bot is no longer in the conversation';
        await storage.finishMessageUpdate(update, update.version, 'gone', reason, clock());
        report.addUpdate('gone');
        log.info({ ...fields, status: result.status }, 'message to update is gone');
        return;
      }
      case 'rejected':
        await storage.finishMessageUpdate(update, update.version, 'failed', result.reason, clock());
        report.addUpdate('failed');
        log.error({ ...fields, status: result.status }, 'message update rejected by the connector');
        return;
      case 'untrusted':
      case 'later': {
        const retryAt = result.outcome === 'later' ? result.retryAt : new Date(clock().getTime() + settings.retryBaseMs);
        await storage.releaseMessageUpdate(update, { reason: result.reason, retryAt });
        report.addUpdate('pending');
        log.warn({ ...fields, reason: result.reason, retryAt }, 'message update left pending for a later pass');
        return;
      }
    }
  }

  /** Claims and delivers every queued update due now (pass-scoped: what it left pending waits for a later pass). */
  return function updateClaimed(options: Pick<PassOptions, 'tenantId'>, report: PassReport): Promise<void> {
    const loop = {
      claim: (batch: LeaseClaim) => storage.claimMessageUpdates(batch),
      deliver: (update: ClaimedMessageUpdate) => updateOne(update, report),
      failed: (update: ClaimedMessageUpdate, error: unknown) => {
        log.error({ err: error, tenantId: update.tenantId, purpose: update.purpose }, 'message update step failed');
        report.addUpdate('pending');
      },
    };
    return drainClaims(loop, { ...deps, tenantId: options.tenantId });
  };
}
