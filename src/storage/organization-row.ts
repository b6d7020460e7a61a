/**
 * Converts between an Organization and its `organizations` row. Both directions go through
 * OrganizationSchema: nothing invalid is written, and a damaged row fails loudly instead of
 * flowing into reminders as garbage.
 */
import { z } from 'zod';
import { asOneLineText, isOneLineText, OrganizationSchema, type Organization } from '../rules/organization/organization.js';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../deep-freeze.js';
import { PLAN_AT_NEXT_PASS, type DatabaseSchema, type OrganizationsTable } from './schema.js';

/** Validates and normalises an organization before it is written; `what` names it in the error. */
export function validOrganization(organization: Organization, what: string): Organization {
  const result = OrganizationSchema.safeParse(organization);
  if (!result.success) {
    throw new Error(`${what} cannot be stored: ${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data;
}

/**
 * The profile JSON of a validated organization. Zod emits keys in schema order, so the same
 * organization always serialises to the same text, which is what "unchanged" compares.
 */
export function profileJson(organization: Organization): string {
  return JSON.stringify(organization);
}

/** The columns of an `organizations` row that the profile determines (not the reminder planner's). */
export type OrganizationProfileRow = Omit<OrganizationsTable, 'next_reminder_on' | 'told_requirements'>;

/** The row for a validated organization, stamped with `at` as both creation and update time. */
export function organizationRow(organization: Organization, at: Date): OrganizationProfileRow {
  const instant = at.toISOString();
  return {
    tenant_id: organization.tenantId,
    name: organization.name,
    partner_id: organization.partnerId,
    anniversary_date: organization.anniversaryDate,
    time_zone: organization.timeZone,
    profile: profileJson(organization),
    created_at: instant,
    updated_at: instant,
  };
}

/**
 * Rows saved before profile text was refused control characters still load: each such character
 * reads back as a space (and the calendar files escape whatever they carry).
 */
function oneLineStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' && !isOneLineText(value) ? asOneLineText(value) : value;
}

/**
 * Profiles are as large as their lists of references and people, which a tenant's admin controls:
 * the cache is bounded by the text it keeps (a parsed profile takes a few times its text), not by
 * a count that a few huge profiles could turn into hundreds of megabytes.
 */
export const PARSED_PROFILES_BUDGET_CHARS = 4 * 1024 * 1024;
/** Larger profiles are parsed anew at each read: no single one may take more than a sixteenth of the budget. */
const LARGEST_CACHED_PROFILE_CHARS = PARSED_PROFILES_BUDGET_CHARS / 16;

/** Stored profiles read back as organizations; one per storage instance (see parsedProfiles). */
export interface ProfileReader {
  /** The organization a stored profile holds; throws, naming the tenant, when it is not a valid Organization. */
  read(tenantId: string, profile: string): Organization;
  /** Characters of profile text kept: a test shows it stays within the budget. */
  readonly keptChars: number;
}

/**
 * The same text always parses to the same organization, so it is parsed once and that object is
 * handed out again (deep-frozen, so no caller can change it; the answer cards compare organizations
 * by identity). Kept per storage, not per process: two storages share no objects.
 */
export function parsedProfiles(): ProfileReader {
  // Keyed by the profile text itself, sized by its length: lru-cache evicts the least recently read
  // until a new one fits the budget, and does not keep one above LARGEST_CACHED_PROFILE_CHARS.
  const kept = new LRUCache<string, Organization>({
    maxSize: PARSED_PROFILES_BUDGET_CHARS,
    maxEntrySize: LARGEST_CACHED_PROFILE_CHARS,
    sizeCalculation: (_organization, profile) => profile.length,
  });
  return {
    read(tenantId, profile) {
      const known = kept.get(profile);
      if (known) return known;
      try {
        const organization = deepFreeze(OrganizationSchema.parse(JSON.parse(profile, oneLineStrings)));
        kept.set(profile, organization);
        return organization;
      } catch (error) {
        const reason = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
        throw new Error(`The stored organization of tenant "${tenantId}" is corrupted: ${reason}`, { cause: error });
      }
    },
    get keptChars() {
      return kept.calculatedSize;
    },
  };
}

/**
 * Inserts or replaces one organization. created_at is kept on replace, and the update is skipped
 * when the stored profile is identical, so a no-op save does not bump updated_at. A new or changed
 * profile is due for reminder planning at the next pass; what it was told is left as it is.
 */
export async function writeOrganization(db: Kysely<DatabaseSchema>, organization: Organization, at: Date): Promise<void> {
  const row = organizationRow(organization, at);
  const { tenant_id: _tenantId, created_at: _createdAt, ...changes } = row;
  await db
    .insertInto('organizations')
    .values({ ...row, next_reminder_on: PLAN_AT_NEXT_PASS })
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ ...changes, next_reminder_on: PLAN_AT_NEXT_PASS })
        .where('organizations.profile', '<>', row.profile),
    )
    .execute();
}

/**
 * Inserts an organization only while its tenant has none; false when another writer created it
 * first (the caller decides again with what that writer stored).
 */
export async function insertNewOrganization(db: Kysely<DatabaseSchema>, organization: Organization, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('organizations')
    .values({ ...organizationRow(organization, at), next_reminder_on: PLAN_AT_NEXT_PASS })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
