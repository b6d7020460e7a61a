/**
 * Persistence for proactive reminders: where each tenant wants them (the target), which
 * organizations need planning (indexed by their next reminder date), and the ledger that makes each
 * reminder go out exactly once across restarts and replicas.
 */
import type { ConversationRef } from '../conversation-ref.js';
import type { Organization } from '../rules/organization/organization.js';
import type { LeaseClaim } from './leased-work.js';
import type { PlainDate } from '../rules/common/plain-date.js';
import type { ReminderKind } from '../rules/reminders/plan.js';
import type { ReminderAudience } from '../rules/reminders/subject.js';
import type { ToldRequirements } from '../rules/requirements/snapshot.js';

export interface ReminderKey {
  tenantId: string;
  kind: ReminderKind;
  /** The anniversary (YYYY-MM-DD) of the cycle it belongs to (rows planned before December 2026 may say `req-<hash>`). */
  cycle: string;
  /** What it is about within the cycle (rules/reminders/subject.ts). */
  subject: string;
  /** Who it is for: its own column, never read from the subject (not part of the row's identity). */
  audience: ReminderAudience;
}

/**
 * A reminder as the ledger keeps it: a planner's DueReminder with its tenant. Its payload is JSON
 * read back from the database: the delivery decision checks it against its kind
 * (rules/reminders/payloads.ts) before any card is built from it.
 */
export interface StoredReminder extends ReminderKey {
  dueOn: PlainDate;
  payload: Record<string, unknown>;
}

export type LedgerStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'inactive' | 'skipped';

export interface ReminderTarget {
  tenantId: string;
  teamId: string;
  /** The channel's conversation id, where reminders are posted. */
  conversationId: string;
  serviceUrl: string;
  /** Where a proactive message to the channel goes (stored as JSON). */
  conversationReference: ConversationRef;
  active: boolean;
  /** Why it was deactivated (403/404, app removed), empty when active. */
  inactiveReason: string;
}

export interface ClaimedReminder extends StoredReminder {
  attempts: number;
  target: ReminderTarget;
}

/** A personal reminder as claimed: its 1:1 chat is found (or created) when it is delivered. */
export interface ClaimedPersonalReminder extends StoredReminder {
  attempts: number;
}

export interface PlanningInput {
  organization: Organization;
  /** Whether the organization has an active reminder channel (organizationsToPlan with `withoutChannel`). */
  hasChannelTarget: boolean;
  /** When the profile was last changed: recordPlan only moves the next date if it still is. */
  updatedAt: string;
  /** Per held competency, the requirements the organization was last told about (JSON). */
  toldRequirements: Record<string, ToldRequirements>;
}

export interface ReminderCount {
  kind: ReminderKind;
  status: LedgerStatus;
  count: number;
}

/** Where each tenant's reminders go (install events, "post reminders here", 403/404). */
export interface ReminderTargets {
  /** Creates or replaces the tenant's target (one per tenant) and reactivates it; marks the org for planning. */
  saveReminderTarget(target: Omit<ReminderTarget, 'active' | 'inactiveReason'>): Promise<'created' | 'updated' | 'unchanged'>;
  /**
   * Saves the target only if the tenant has no active one (an install must not move reminders an admin
   * placed): 'unchanged' when the active one is in the same team, 'elsewhere' when it is in another;
   * atomic even against a concurrent install.
   */
  claimReminderTarget(target: Omit<ReminderTarget, 'active' | 'inactiveReason'>): Promise<'created' | 'updated' | 'unchanged' | 'elsewhere'>;
  /** Deactivates the tenant's target; when `teamId` is given, only if the target is in that team. */
  deactivateReminderTarget(tenantId: string, reason: string, teamId?: string): Promise<boolean>;
  /** Keeps the newest service URL seen for the tenant on its target; no write when unchanged. */
  rememberServiceUrl(tenantId: string, serviceUrl: string): Promise<void>;
  getReminderTarget(tenantId: string): Promise<ReminderTarget | undefined>;
}

/** Which organizations need planning (indexed by their next reminder date), and recording their plans. */
export interface ReminderPlanning {
  /**
   * Organizations with an active target whose next reminder date is on or before `upTo`, in
   * (next date, tenant) order, `limit` at a time after `after` (keyset paging). Uses the index.
   */
  organizationsToPlan(options: {
    upTo: PlainDate;
    limit: number;
    after?: { nextReminderOn: string; tenantId: string };
    tenantId?: string;
    /** Also organizations without an active target (personal reminders reach their contact without one). */
    withoutChannel?: boolean;
  }): Promise<(PlanningInput & { nextReminderOn: string })[]>;
  /**
   * In one transaction: adds the reminders to the ledger (a key already there is left as it is),
   * stores the next date to look at this organization and what it has been told.
   * Returns how many reminders were new.
   */
  recordPlan(
    tenantId: string,
    plan: { reminders: readonly StoredReminder[]; nextReminderOn: PlainDate; toldRequirements: Record<string, ToldRequirements>; basedOnUpdatedAt?: string },
  ): Promise<number>;
  /** recordPlan for many organizations in one transaction (a planning page). */
  recordPlans(entries: readonly { tenantId: string; plan: Parameters<ReminderPlanning['recordPlan']>[1] }[]): Promise<number>;
  /** Marks every organization for planning at the next pass (after a catalog change). */
  replanAllOrganizations(): Promise<number>;
}

/** Small named values the bot keeps between starts (e.g. which catalog it last planned with). */
export interface Settings {
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;
}

/** The ledger that makes each reminder go out exactly once across restarts and replicas. */
export interface ReminderLedger {
  /**
   * Atomically takes up to `limit` reminders that are pending and due for an attempt (or whose
   * previous claim's lease expired), for active targets only, marking them `sending` under
   * `runnerId` until `now + leaseMs`. Two runners never get the same reminder.
   */
  claimReminders(options: LeaseClaim): Promise<ClaimedReminder[]>;
  /**
   * claimReminders for personal reminders (their subject names the recipient): they need no active
   * channel target. Channel and personal claims never take each other's reminders.
   */
  claimPersonalReminders(options: LeaseClaim): Promise<ClaimedPersonalReminder[]>;
  /** The keys claimReminders would take at `now`, without claiming them (for a dry run). */
  remindersToClaim(options: { now: Date; tenantId?: string; personal: boolean }): Promise<ReminderKey[]>;
  markReminderSent(key: ReminderKey, at: Date): Promise<void>;
  /**
   * Back to pending for a later attempt, with the reason kept. `heldBy`: only while that runner still
   * holds its claim (a runner whose lease ran out, and the reminder claimed again, changes nothing).
   */
  releaseReminder(key: ReminderKey, options: { reason: string; retryAt: Date; heldBy?: string }): Promise<void>;
  /** Final states: `failed`, `inactive` (target gone) or `skipped` (no longer applies), with the reason; `heldBy` as for releaseReminder. */
  closeReminder(key: ReminderKey, status: 'failed' | 'inactive' | 'skipped', reason: string, heldBy?: string): Promise<void>;
  /** Channel reminders per kind and status. */
  reminderCounts(): Promise<ReminderCount[]>;
  /** Personal reminders per kind and status. */
  personalReminderCounts(): Promise<ReminderCount[]>;
  /** The ledger entries of one tenant, newest first (for the CLI and tests). */
  remindersOf(tenantId: string): Promise<(StoredReminder & { status: LedgerStatus; attempts: number; lastError: string; sentAt: string | null })[]>;
}

export interface ReminderStore extends ReminderTargets, ReminderPlanning, Settings, ReminderLedger {}
