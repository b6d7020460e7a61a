/**
 * The unguessable secret in each organization's calendar URL. The caller makes the token (random
 * bytes); storage keeps one per tenant and finds the tenant by it.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.js';

export interface CalendarTokenStore {
  /** The tenant's token, storing a new one from `makeToken` first if it has none yet. */
  calendarToken(tenantId: string, makeToken: () => string, at: Date): Promise<string>;
  /** Replaces the tenant's token: the old URL stops working. */
  rotateCalendarToken(tenantId: string, token: string, at: Date): Promise<void>;
  /** The tenant a token belongs to, or undefined. */
  tenantOfCalendarToken(token: string): Promise<string | undefined>;
}

export function calendarTokenStore(db: Kysely<DatabaseSchema>): CalendarTokenStore {
  return {
    async calendarToken(tenantId, makeToken, at) {
      // Read first: every checklist card asks for the link, and only the first ask needs a write.
      const existing = await db.selectFrom('calendar_tokens').select('token').where('tenant_id', '=', tenantId).executeTakeFirst();
      if (existing) return existing.token;
      await db
        .insertInto('calendar_tokens')
        .values({ tenant_id: tenantId, token: makeToken(), created_at: at.toISOString() })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
      const row = await db.selectFrom('calendar_tokens').select('token').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      return row.token;
    },

    async rotateCalendarToken(tenantId, token, at) {
      const values = { token, created_at: at.toISOString() };
      await db
        .insertInto('calendar_tokens')
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    },

    async tenantOfCalendarToken(token) {
      const row = await db.selectFrom('calendar_tokens').select('tenant_id').where('token', '=', token).executeTakeFirst();
      return row?.tenant_id;
    },
  };
}
