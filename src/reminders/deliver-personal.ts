/**
 * The personal half of a pass: claim the personal reminders that are due, decide each one
 * (rules/personal-reminders.ts), find the Primary Program Contact's 1:1 chat (the one they wrote in,
 * or one opened through the organization's team), send within the same limits and retry policy as
 * channel reminders, and record every outcome. A contact Teams cannot reach is recorded as
 * unreachable with the reason, which the channel reminders then mention.
 *
 * It runs before the channel half in each pass, so a channel reminder of the same pass already
 * knows whether the contact was reached.
 */
import type { ProactiveSender } from '../bot/proactive.js';
import { renderCard } from '../cards/render-card.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import type { Organization } from '../rules/organization.js';
import { contactUnreachableNote, parsePersonalSubject, personalDeliveryDecision, UNIDENTIFIED_CONTACT, type PersonalDecision } from '../rules/personal-reminders.js';
import { calendarDateIn, dayReachedAtHour } from '../rules/plain-date.js';
import type { ChecklistStore } from '../storage/checklist-store.js';
import type { PersonalChatStore, PersonalConversation } from '../storage/personal-chats.js';
import type { ClaimedPersonalReminder, ReminderKey, ReminderLedger, ReminderTargets } from '../storage/reminder-store.js';
import type { OrganizationStore } from '../storage/storage.js';
import { drainClaims, keyOf } from './claim-loop.js';
import type { PassReport } from './pass-report.js';
import { createSendWithRetries, type Limiters, type SendOutcome } from './send-with-retries.js';
import type { ReminderSettings } from './settings.js';

export interface PersonalDeliveryDependencies {
  storage: ReminderLedger & PersonalChatStore & ChecklistStore & Pick<ReminderTargets, 'getReminderTarget'> & Pick<OrganizationStore, 'getOrganization'>;
  catalog: Catalog;
  sender: ProactiveSender;
  log: Logger;
  settings: ReminderSettings;
  runnerId: string;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  limiters: Limiters;
  isTenantAllowed?: (tenantId: string) => boolean;
}

/** Why a send ended without the card reaching the contact, as recorded on the reminder and the chat. */
const NO_TEAM = 'the contact has not written to the bot, and the organization has no team with the app to open a 1:1 chat through';
const gone = (status: number, where: 'lookup' | 'chat') =>
  where === 'lookup'
    ? `HTTP ${status}: Teams could not find the contact in the organization's team or open a 1:1 chat with them`
    : `HTTP ${status}: Teams refused the message in the contact's 1:1 chat (the contact may have blocked or removed the app)`;

type Ended = Exclude<SendOutcome, { outcome: 'sent' }>;

export function createPersonalDelivery(deps: PersonalDeliveryDependencies) {
  const { storage, catalog, sender, log, settings, clock } = deps;
  const sendWithRetries = createSendWithRetries(deps, deps.limiters);

  async function decide(reminder: ClaimedPersonalReminder, now: Date): Promise<PersonalDecision & { org?: Organization }> {
    if (deps.isTenantAllowed && !deps.isTenantAllowed(reminder.tenantId)) return { skip: 'the tenant is not in ALLOWED_TENANTS' };
    const org = await storage.getOrganization(reminder.tenantId);
    if (!org) return { skip: 'the organization no longer exists' };
    const recipient = parsePersonalSubject(reminder.subject)?.recipient;
    const stopped = recipient !== undefined && recipient !== UNIDENTIFIED_CONTACT && (await storage.personalRemindersStopped(reminder.tenantId, recipient));
    const ticks = reminder.kind === 'two-weeks' ? await storage.checklistMarks(reminder.tenantId, reminder.cycle) : [];
    const days = { planningDay: dayReachedAtHour(now, org.timeZone, settings.localHour), sendDay: calendarDateIn(now, org.timeZone) };
    return personalDeliveryDecision(org, reminder, days, catalog, { stopped, ticks });
  }

  async function unreachable(key: ReminderKey, recipient: string | undefined, reason: string, report: PassReport): Promise<void> {
    await storage.closeReminder(key, 'inactive', reason);
    if (recipient !== undefined && recipient !== UNIDENTIFIED_CONTACT) await storage.markContactUnreachable(key.tenantId, recipient, reason);
    report.add(key, 'inactive', reason);
    log.warn({ tenantId: key.tenantId, kind: key.kind }, 'personal reminder: the Primary Program Contact could not be reached');
  }

  /** Records a send that ended without reaching the contact; 403/404 make the contact unreachable. */
  async function ended(key: ReminderKey, recipient: string, result: Ended, where: 'lookup' | 'chat', report: PassReport): Promise<void> {
    switch (result.outcome) {
      case 'gone':
        return unreachable(key, recipient, gone(result.status, where), report);
      case 'rejected':
        await storage.closeReminder(key, 'failed', result.reason);
        report.add(key, 'failed', result.reason);
        log.error({ tenantId: key.tenantId, kind: key.kind, status: result.status }, 'personal reminder rejected by the connector');
        return;
      case 'untrusted':
      case 'pending':
        await storage.releaseReminder(key, { reason: result.reason, retryAt: result.retryAt });
        report.add(key, 'pending', result.reason);
        log.warn({ tenantId: key.tenantId, kind: key.kind, reason: result.reason }, 'personal reminder left pending for a later pass');
        return;
    }
  }

  /** The contact's 1:1 chat: the stored one, or one opened through the reminder channel's team. */
  async function conversationOf(key: ReminderKey, recipient: string, report: PassReport): Promise<PersonalConversation | undefined> {
    const known = (await storage.getPersonalChat(key.tenantId, recipient))?.conversation;
    if (known) return known;
    const team = await storage.getReminderTarget(key.tenantId);
    if (!team?.active) {
      await unreachable(key, recipient, NO_TEAM, report);
      return undefined;
    }
    let opened: PersonalConversation | undefined;
    const result = await sendWithRetries({
      tenantId: key.tenantId,
      conversationId: team.teamId,
      kind: key.kind,
      attempt: async () => {
        opened = await sender.openPersonalChat({ tenantId: key.tenantId, aadObjectId: recipient, team });
      },
    });
    if (result.outcome !== 'sent') {
      await ended(key, recipient, result, 'lookup', report);
      return undefined;
    }
    const conversation = opened as PersonalConversation; // set by the attempt that succeeded
    await storage.rememberPersonalChat(key.tenantId, recipient, conversation);
    log.info({ tenantId: key.tenantId }, 'personal chat with the Primary Program Contact opened');
    return conversation;
  }

  async function deliver(reminder: ClaimedPersonalReminder, now: Date, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const decision = await decide(reminder, now);
    if ('skip' in decision) {
      await storage.closeReminder(key, 'skipped', decision.skip);
      report.add(key, 'skipped', decision.skip);
      return;
    }
    if ('unreachable' in decision) return unreachable(key, undefined, decision.unreachable, report);
    const { recipient } = decision;
    const card = renderCard('personal-reminder', decision.send);
    const conversation = await conversationOf(key, recipient, report);
    if (!conversation) return;
    const result = await sendWithRetries({ tenantId: key.tenantId, conversationId: conversation.conversationId, kind: key.kind, attempt: () => sender.send(conversation, card) });
    if (result.outcome !== 'sent') return ended(key, recipient, result, 'chat', report);
    await storage.markReminderSent(key, clock());
    // Reached: any earlier unreachable mark goes (one read, no write when there was none).
    await storage.rememberPersonalChat(key.tenantId, recipient, conversation);
    report.add(key, 'sent');
    log.info({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, attempt: reminder.attempts }, 'personal reminder sent');
  }

  return {
    /** Claims and delivers the personal reminders due at `options.now`. */
    sendClaimed(options: { now: Date; tenantId?: string }, report: PassReport): Promise<void> {
      const loop = { claim: (claim: Parameters<ReminderLedger['claimPersonalReminders']>[0]) => storage.claimPersonalReminders(claim), deliver: (reminder: ClaimedPersonalReminder) => deliver(reminder, options.now, report) };
      return drainClaims(loop, { ...deps, tenantId: options.tenantId }, report);
    },

    /** The line a channel reminder carries while the contact cannot be reached personally. */
    async contactNoteFor(org: Organization): Promise<string> {
      const aadObjectId = org.primaryContact.aadObjectId;
      const chat = aadObjectId === undefined ? undefined : await storage.getPersonalChat(org.tenantId, aadObjectId);
      return contactUnreachableNote(org.primaryContact, chat?.unreachableReason ?? '');
    },
  };
}
