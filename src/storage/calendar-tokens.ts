/**
 * The unguessable secret in each organization's calendar URL. The caller makes the token (random
 * bytes); storage keeps only its SHA-256 hash, one per tenant, and finds the tenant by it. A copy
 * of the database (a backup, a support dump) therefore holds no working calendar link.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

export interface CalendarTokenStore {
  /** Stores `token` as the tenant's secret unless it already has one; true when it was stored. */
  addCalendarToken(tenantId: string, token: string, at: Date): Promise<boolean>;
  /** Replaces the tenant's secret: the old URL stops working. */
  rotateCalendarToken(tenantId: string, token: string, at: Date): Promise<void>;
  /** When the tenant's current secret was made (ISO instant), or undefined when it has none. */
  calendarTokenCreatedAt(tenantId: string): Promise<string | undefined>;
  /** The tenant a token belongs to, or undefined. */
  tenantOfCalendarToken(token: string): Promise<string | undefined>;
}

/**
 * Plain SHA-256, no salt: the token is 256 random bits, so there is no dictionary to precompute.
 * The lookup compares hashes in the database, never the secret: how long a mismatch takes can only
 * tell an attacker about the hash of a guess, which says nothing about any stored secret.
 */
export function calendarTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function calendarTokenStore(db: Kysely<DatabaseSchema>): CalendarTokenStore {
  return {
    async addCalendarToken(tenantId, token, at) {
      const inserted = await db
        .insertInto('calendar_tokens')
        .values({ tenant_id: tenantId, token_hash: calendarTokenHash(token), created_at: at.toISOString() })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .returning('tenant_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async rotateCalendarToken(tenantId, token, at) {
      const values = { token_hash: calendarTokenHash(token), created_at: at.toISOString() };
      await db
        .insertInto('calendar_tokens')
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    },

    async calendarTokenCreatedAt(tenantId) {
      const row = await db.selectFrom('calendar_tokens').select('created_at').where('tenant_id', '=', tenantId).executeTakeFirst();
      return row?.created_at;
    },

    async tenantOfCalendarToken(token) {
      const row = await db.selectFrom('calendar_tokens').select('tenant_id').where('token_hash', '=', calendarTokenHash(token)).executeTakeFirst();
      return row?.tenant_id;
    },
  };
}
