/**
 * The personal half of a pass: claim the personal reminders that are due, decide each one
 * (rules/reminders/personal.ts), find the Primary Program Contact's 1:1 chat (the one they wrote in,
 * or one opened through the organization's team), send within the same limits and retry policy as
 * channel reminders, and record every outcome. A contact Teams cannot reach is recorded as
 * unreachable with the reason, which the channel reminders then mention.
 *
 * It runs before the channel half in each pass, so a channel reminder of the same pass already
 * knows whether the contact was reached.
 */
import type { ProactiveSender } from '../host/contract.js';
import { renderCard } from '../cards/render-card.js';
import type { Organization } from '../rules/organization/organization.js';
import { contactUnreachableNote, personalDeliveryDecision, UNIDENTIFIED_CONTACT, type PersonalDecision } from '../rules/reminders/personal.js';
import { parsePersonalSubject } from '../rules/reminders/subject.js';
import type { ChecklistStore } from '../storage/checklist-store.js';
import type { LeaseClaim } from '../storage/leased-work.js';
import type { PersonalChatStore, PersonalConversation } from '../storage/personal-chats.js';
import type { ClaimedPersonalReminder, ReminderKey, ReminderLedger, ReminderTargets } from '../storage/reminder-store.js';
import type { OrganizationStore } from '../storage/storage.js';
import { drainClaims, keyOf, recordNotSent, reminderStepFailed, skipReminder, deliverableOrganization } from './claim-loop.js';
import type { AttemptDelivery, AttemptOutcome } from './delivery-attempts.js';
import type { PassOptions } from './pass-dependencies.js';
import type { PassReport } from './pass-report.js';
import { zoneDaysAt, type DaysIn } from './zone-days.js';
import type { DeliveryDependencies } from './deliver.js';

/** What channel delivery gets, with the storage and sender personal delivery needs. */
export interface PersonalDeliveryDependencies extends Omit<DeliveryDependencies, 'storage' | 'sender' | 'attempt' | 'contactNoteFor'> {
  storage: ReminderLedger & PersonalChatStore & ChecklistStore & Pick<ReminderTargets, 'getReminderTarget'> & Pick<OrganizationStore, 'getOrganization'>;
  sender: ProactiveSender;
  attempt: AttemptDelivery;
}

/** Why a send ended without the card reaching the contact, as recorded on the reminder and the chat. */
const NO_TEAM = 'the contact has not written to the bot, and the organization has no team with the app to open a 1:1 chat through';
const gone = (status: number, where: 'lookup' | 'chat') =>
  where === 'lookup'
    ? `HTTP ${status}: Teams could not find the contact in the organization's team or open a 1:1 chat with them`
    : `HTTP ${status}: Teams refused the message in the contact's 1:1 chat (the contact may have blocked or removed the app)`;

type Ended = Exclude<AttemptOutcome<unknown>, { outcome: 'done' }>;

export function createPersonalDelivery(deps: PersonalDeliveryDependencies) {
  const { storage, catalog, sender, log, settings, clock } = deps;
  const { attempt } = deps;

  async function decide(reminder: ClaimedPersonalReminder, daysIn: DaysIn): Promise<PersonalDecision & { org?: Organization }> {
    const org = await deliverableOrganization(deps, reminder.tenantId);
    if ('skip' in org) return org;
    const recipient = parsePersonalSubject(reminder.subject)?.recipient;
    const stopped = recipient !== undefined && recipient !== UNIDENTIFIED_CONTACT && (await storage.personalRemindersStopped(reminder.tenantId, recipient));
    const ticks = reminder.kind === 'two-weeks' ? await storage.checklistMarks(reminder.tenantId, reminder.cycle) : [];
    return personalDeliveryDecision(org, reminder, daysIn(org.timeZone), catalog, { stopped, ticks });
  }

  async function unreachable(key: ReminderKey, recipient: string | undefined, reason: string, report: PassReport): Promise<void> {
    await storage.closeReminder(key, 'inactive', reason, deps.runnerId);
    if (recipient !== undefined && recipient !== UNIDENTIFIED_CONTACT) await storage.markContactUnreachable(key.tenantId, recipient, reason);
    report.add(key, 'inactive', reason);
    log.warn({ tenantId: key.tenantId, kind: key.kind }, 'personal reminder: the Primary Program Contact could not be reached');
  }

  /** Records a send that ended without reaching the contact; 403/404 make the contact unreachable. */
  async function ended(key: ReminderKey, recipient: string, result: Ended, where: 'lookup' | 'chat', report: PassReport): Promise<void> {
    if (result.outcome === 'gone') return unreachable(key, recipient, gone(result.status, where), report);
    return recordNotSent({ storage, report, log, settings, clock, runnerId: deps.runnerId }, key, result, 'personal reminder');
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
    const result = await attempt({ tenantId: key.tenantId, conversationId: team.teamId }, () => sender.openPersonalChat({ tenantId: key.tenantId, aadObjectId: recipient, team }));
    if (result.outcome !== 'done') {
      await ended(key, recipient, result, 'lookup', report);
      return undefined;
    }
    const conversation = result.value;
    await storage.rememberPersonalChat(key.tenantId, recipient, conversation);
    log.info({ tenantId: key.tenantId }, 'personal chat with the Primary Program Contact opened');
    return conversation;
  }

  async function deliver(reminder: ClaimedPersonalReminder, daysIn: DaysIn, report: PassReport): Promise<void> {
    const key = keyOf(reminder);
    const decision = await decide(reminder, daysIn);
    if ('skip' in decision) return skipReminder({ storage, report, runnerId: deps.runnerId }, key, decision.skip);
    if ('unreachable' in decision) return unreachable(key, undefined, decision.unreachable, report);
    const { recipient } = decision;
    const card = renderCard('reminder', decision.send);
    const conversation = await conversationOf(key, recipient, report);
    if (!conversation) return;
    const result = await attempt({ tenantId: key.tenantId, conversationId: conversation.conversationId }, () => sender.send(conversation, card));
    if (result.outcome !== 'done') return ended(key, recipient, result, 'chat', report);
    await storage.markReminderSent(key, clock());
    // Reached: any earlier unreachable mark goes (one read, no write when there was none).
    await storage.rememberPersonalChat(key.tenantId, recipient, conversation);
    report.add(key, 'sent');
    log.info({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, attempt: reminder.attempts }, 'personal reminder sent');
  }

  return {
    /** Claims and delivers the personal reminders due at `options.now`. */
    sendClaimed(options: PassOptions, report: PassReport): Promise<void> {
      const daysIn = zoneDaysAt(options.now, settings.localHour);
      const loop = {
        claim: (batch: LeaseClaim) => storage.claimPersonalReminders(batch),
        deliver: (reminder: ClaimedPersonalReminder) => deliver(reminder, daysIn, report),
        failed: reminderStepFailed(log, report),
      };
      return drainClaims(loop, { ...deps, tenantId: options.tenantId });
    },

    /** The line a channel reminder carries while the contact cannot be reached personally. */
    async contactNoteFor(org: Organization): Promise<string> {
      const aadObjectId = org.primaryContact.aadObjectId;
      const chat = aadObjectId === undefined ? undefined : await storage.getPersonalChat(org.tenantId, aadObjectId);
      return contactUnreachableNote(org.primaryContact, chat?.unreachableReason ?? '');
    },
  };
}
