/**
 * What the bot needs from persistence, named by intent. Every method takes the tenant id it acts
 * for (taken from the verified activity, never from a payload), so no call can reach another tenant.
 */
import type { Organization } from '../rules/organization/organization.js';
import type { CalendarTokenStore } from './calendar-tokens.js';
import type { ChecklistStore } from './checklist-store.js';
import type { MessageUpdateStore } from './message-updates.js';
import type { OrganizationList } from './organization-list.js';
import type { PersonalChatStore } from './personal-chats.js';
import type { ReminderStore } from './reminder-store.js';

export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/** What a change of an organization decided: the organization to write (none: write nothing) and what to tell the caller. */
export interface OrganizationDecision<T> {
  write?: Organization;
  result: T;
}

export interface OrganizationStore {
  /** The organization of one Teams tenant, or undefined before its first setup. */
  getOrganization(tenantId: string): Promise<Organization | undefined>;
  /** Creates or replaces the organization of `organization.tenantId`. */
  saveOrganization(organization: Organization): Promise<void>;
  /**
   * Reads the tenant's organization, lets `decide` say what to write (if anything) and writes it, in
   * one transaction with the row locked (PostgreSQL) or the database (SQLite): two changes at once
   * each see the other's result, so neither undoes the other (an admin removed, a profile saved).
   */
  changeOrganization<T>(tenantId: string, decide: (current: Organization | undefined) => OrganizationDecision<T>): Promise<T>;
  /** Creates or replaces many organizations in one transaction: all are written or none is. */
  upsertOrganizations(organizations: readonly Organization[]): Promise<UpsertSummary>;
  countOrganizations(): Promise<number>;
}

export interface Storage extends OrganizationStore, ReminderStore, ChecklistStore, CalendarTokenStore, MessageUpdateStore, OrganizationList, PersonalChatStore {
  /** Which back end answers: for logs, /healthz and the doctor. */
  readonly kind: 'sqlite' | 'postgres';
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
