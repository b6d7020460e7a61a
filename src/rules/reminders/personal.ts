/**
 * Personal reminders: the copies of a reminder that go to the Primary Program Contact in a 1:1 chat
 * (the guide makes the contact the person who renews, guide lines 8-10). Pure: which reminders get a
 * personal copy, how its ledger subject names the recipient, and whether a claimed one goes out.
 *
 * The recipient is part of the ledger subject, so each (organization, kind, cycle, recipient) is its
 * own ledger entry and goes out once; a new contact gets their own entries, the old one nothing more.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ChecklistTick } from '../checklist/checklist.js';
import type { Organization, PrimaryContact } from '../organization/organization.js';
import { personalReminderView } from './personal-view.js';
import { deliveryDecision, type ClaimedReminderFacts, type DeliveryDays } from './delivery.js';
import type { ReminderKind } from './payloads.js';
import type { DueReminder } from './plan.js';
import { escapeMarkdown } from '../common/markdown.js';
import { parsePersonalSubject, personalSubject } from './subject.js';
import type { ReminderView } from './view.js';

/** The recipient of a contact the profile gives no Azure AD object id: the entry records them as unreachable. */
export const UNIDENTIFIED_CONTACT = 'unidentified';

/** The kinds that may reach the contact personally: window-open only when there is no channel. */
export const PERSONAL_REMINDER_KINDS: readonly ReminderKind[] = ['window-open', 'two-weeks', 'expired', 'reference-expiring'];
/** The kinds that always reach the contact personally. */
const ALWAYS_PERSONAL: ReadonlySet<ReminderKind> = new Set(['two-weeks', 'expired', 'reference-expiring']);

/** Who a contact's personal reminders are addressed to: their Azure AD object id, never their name. */
export function recipientOf(contact: Pick<PrimaryContact, 'aadObjectId'>): string {
  return contact.aadObjectId ?? UNIDENTIFIED_CONTACT;
}

/**
 * The personal copies of a plan's reminders for the organization's current contact.
 * @example personalReminders([{ kind: 'two-weeks', subject: '', … }], { aadObjectId: 'aad-megan', … }, true)[0].subject // 'personal:aad-megan'
 */
export function personalReminders(reminders: readonly DueReminder[], contact: Pick<PrimaryContact, 'aadObjectId'>, hasChannelTarget: boolean): DueReminder[] {
  const recipient = recipientOf(contact);
  return reminders
    .filter((reminder) => ALWAYS_PERSONAL.has(reminder.kind) || (reminder.kind === 'window-open' && !hasChannelTarget))
    .map((reminder) => ({ ...reminder, subject: personalSubject(recipient, reminder.subject), audience: 'personal' as const }));
}

/** What the personal decision needs beyond the organization: read from storage by the runner. */
export interface PersonalFacts {
  /** The contact said "stop personal reminders". */
  stopped: boolean;
  /** This cycle's checklist ticks: the two-week reminder lists what is still open. */
  ticks: readonly ChecklistTick[];
}

export type PersonalDecision = { send: ReminderView; recipient: string } | { skip: string } | { unreachable: string };

/**
 * Whether a claimed personal reminder goes out, to whom, with which card; or why not.
 * @example personalDeliveryDecision(org, { kind: 'two-weeks', cycle: '2027-02-28', subject: 'personal:aad-megan', payload: {} }, days, catalog, { stopped: true, ticks: [] })
 * // { skip: 'the Primary Program Contact stopped personal reminders' }
 */
export function personalDeliveryDecision(org: Organization, reminder: ClaimedReminderFacts, days: DeliveryDays, catalog: Catalog, facts: PersonalFacts): PersonalDecision {
  const addressed = reminder.audience === 'personal' ? parsePersonalSubject(reminder.subject) : undefined;
  if (!addressed) return { skip: 'not a personal reminder' };
  if (addressed.recipient !== recipientOf(org.primaryContact)) return { skip: 'the recipient is no longer the Primary Program Contact' };
  // The same rules as the channel's copy: superseded, renewed (the cycle moved on), reference gone.
  const channel = deliveryDecision(org, { ...reminder, subject: addressed.subject }, days, catalog);
  if ('skip' in channel) return channel;
  if (facts.stopped) return { skip: 'the Primary Program Contact stopped personal reminders' };
  if (addressed.recipient === UNIDENTIFIED_CONTACT) return { unreachable: NO_OBJECT_ID };
  return { recipient: addressed.recipient, send: personalReminderView({ org, reminder: channel.send, kind: reminder.kind as ReminderKind, cycle: reminder.cycle, today: days.sendDay, ticks: facts.ticks }, catalog) };
}

export const NO_OBJECT_ID = 'the profile gives the Primary Program Contact no Azure AD object id; an admin can add it with "setup"';

/**
 * The line a channel reminder carries while the contact cannot be reached personally; '' otherwise.
 * @example contactUnreachableNote({ name: 'Megan Bowen', aadObjectId: undefined, email: 'm@c.example' }, '')
 * // 'Megan Bowen, the Primary Program Contact, could not be reached in a personal chat: the profile gives …'
 */
export function contactUnreachableNote(contact: PrimaryContact, unreachableReason: string): string {
  const reason = contact.aadObjectId === undefined ? NO_OBJECT_ID : unreachableReason;
  if (reason === '') return '';
  return `${escapeMarkdown(contact.name)}, the Primary Program Contact, could not be reached in a personal chat: ${reason}.`;
}
