/**
 * The tables as Kysely sees them. Every column is plain text (or a plain integer) so one set of
 * queries runs unchanged on SQLite and PostgreSQL: dates are ISO strings, structured data is JSON text.
 */
import type { Generated } from 'kysely';
import type { ReminderAudience } from '../rules/reminders/subject.js';
import type { ReminderKind } from '../rules/reminders/plan.js';
import type { LedgerStatus } from './reminder-store.js';

/**
 * The `next_reminder_on` that means "plan this organization at the next pass": before every real
 * date, so it is always due. Set whenever the profile or the reminder target changes.
 */
export const PLAN_AT_NEXT_PASS = '0001-01-01';

/** One partner organization per Teams tenant; `profile` is the source of truth, the rest is for queries. */
export interface OrganizationsTable {
  tenant_id: string;
  name: string;
  partner_id: string;
  /** ISO `YYYY-MM-DD`: text sorts and compares correctly, so reminder scans can use the index. */
  anniversary_date: string;
  time_zone: string;
  /** The JSON of the whole, validated Organization. */
  profile: string;
  /** ISO instants (`Date.prototype.toISOString`). */
  created_at: string;
  updated_at: string;
  /** ISO date of the next day the reminder planner must look at it; PLAN_AT_NEXT_PASS = now. Indexed with tenant_id. */
  next_reminder_on: Generated<string>;
  /** JSON: per held competency, the requirements the organization was last told about. */
  told_requirements: Generated<string>;
}

/** Where a tenant's reminders are posted: one channel per tenant. */
export interface ReminderTargetsTable {
  tenant_id: string;
  team_id: string;
  conversation_id: string;
  service_url: string;
  /** JSON of the Bot Framework ConversationReference. */
  conversation_reference: string;
  /** 1 or 0: integers read back the same on both back ends, booleans do not. */
  active: number;
  inactive_reason: Generated<string>;
  updated_at: string;
}

/** One row per reminder that was ever due: the key makes each go out at most once. */
export interface ReminderLedgerTable {
  tenant_id: string;
  kind: ReminderKind;
  cycle: string;
  subject: string;
  /** 'channel' or 'personal' (migration 0007): who the reminder is for, never read from the subject. */
  audience: Generated<ReminderAudience>;
  /** ISO date the reminder became due. */
  due_on: string;
  /** JSON object. */
  payload: string;
  status: LedgerStatus;
  /** Incremented by every claim. */
  attempts: Generated<number>;
  last_error: Generated<string>;
  /** The runner holding the current claim; null when nobody does. */
  claimed_by: string | null;
  /** ISO instant the current claim expires; null when not claimed. */
  lease_until: string | null;
  /** ISO instant before which a pending reminder is not attempted. */
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
}

/** Small key/value state of the deployment (e.g. the catalog fingerprint reminders were planned with). */
export interface SettingsTable {
  key: string;
  value: string;
}

/** One ticked (or unticked) checklist item of one organization's renewal cycle. */
export interface ChecklistItemsTable {
  tenant_id: string;
  /** The anniversary (YYYY-MM-DD) of the cycle: a new cycle starts with a fresh checklist. */
  cycle: string;
  item_id: string;
  /** 1 ticked, 0 unticked. */
  done: number;
  /** Who last changed it, and when (ISO instant). */
  changed_by_name: string;
  changed_by_id: string;
  changed_at: string;
}

/** The secret in an organization's calendar URL; one per tenant, rotated by an admin. */
export interface CalendarTokensTable {
  tenant_id: string;
  /** SHA-256 of the secret, hex (see calendarTokenHash): the secret itself is never stored. */
  token_hash: string;
  /** When the current secret was made (ISO instant): the card tells people which link is current. */
  created_at: string;
}

/** A card the bot posted and may update in place later: a reminder, or the checklist card in the reminder channel. */
export interface PostedMessagesTable {
  tenant_id: string;
  /** Where it was posted, as the update must name it (a reply in a thread keeps its `;messageid=`). */
  conversation_id: string;
  /** The id the Bot Connector returned for it. */
  activity_id: string;
  /** The channel's own conversation id (conversation_id without the thread part). */
  channel_id: string;
  card: PostedCard;
  /** The anniversary (YYYY-MM-DD) of the cycle it belongs to (a reminder's ledger cycle). */
  cycle: string;
  /** For a reminder: its ledger kind and subject; '' otherwise. */
  reminder_kind: Generated<string>;
  reminder_subject: Generated<string>;
  posted_at: string;
  state: PostedMessageState;
}

export type PostedCard = 'reminder' | 'checklist';
/**
 * live: shows its full card; superseded/recorded: an update to its one-liner is queued or done; replaced: a
 * newer checklist card took over; gone: deleted, or the bot left (an update got 403/404): never updated again.
 */
export type PostedMessageState = 'live' | 'superseded' | 'recorded' | 'replaced' | 'gone';

/** The update a posted message needs next, claimed under a lease like a reminder; at most one per message. */
export interface MessageUpdatesTable {
  tenant_id: string;
  conversation_id: string;
  activity_id: string;
  purpose: MessageUpdatePurpose;
  /** JSON object: what the one-liner names (the reminder that superseded it, who recorded the renewal). */
  payload: string;
  /** Raised when the same message needs updating again (another tick) while an update is queued or in flight. */
  version: Generated<number>;
  status: MessageUpdateStatus;
  attempts: Generated<number>;
  last_error: Generated<string>;
  claimed_by: string | null;
  lease_until: string | null;
  next_attempt_at: string;
  created_at: string;
  done_at: string | null;
}

export type MessageUpdatePurpose = 'superseded' | 'recorded' | 'checklist';
/** done: updated; gone: the message (or the bot's access to it) no longer exists, which is no error. */
export type MessageUpdateStatus = 'pending' | 'sending' | 'done' | 'gone' | 'failed' | 'skipped';

/** The 1:1 chat of a Primary Program Contact with the bot, per tenant and Azure AD object id. */
export interface PersonalConversationsTable {
  tenant_id: string;
  /** Lower-cased, as the profile and turns carry it. */
  aad_object_id: string;
  /** '' while no 1:1 conversation is known (a failed lookup records only why). */
  conversation_id: Generated<string>;
  service_url: Generated<string>;
  /** JSON of the Bot Framework ConversationReference; '{}' while none is known. */
  conversation_reference: Generated<string>;
  /** Why the last personal reminder could not reach the contact; '' when it did, or none was tried. */
  unreachable_reason: Generated<string>;
  updated_at: string;
}

/** A contact who stopped personal reminders (present = stopped). */
export interface PersonalReminderOptOutsTable {
  tenant_id: string;
  aad_object_id: string;
  stopped_at: string;
}

export interface DatabaseSchema {
  posted_messages: PostedMessagesTable;
  message_updates: MessageUpdatesTable;
  organizations: OrganizationsTable;
  reminder_targets: ReminderTargetsTable;
  reminder_ledger: ReminderLedgerTable;
  settings: SettingsTable;
  checklist_items: ChecklistItemsTable;
  calendar_tokens: CalendarTokensTable;
  personal_conversations: PersonalConversationsTable;
  personal_reminder_opt_outs: PersonalReminderOptOutsTable;
}
