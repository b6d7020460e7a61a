/**
 * The reminder target of each tenant: the one channel its reminders are posted to, and whether
 * posting there still works. Saving a target marks the organization for planning, so reminders that
 * were held back while there was nowhere to send them are planned at the next pass.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kysely, Selectable } from 'kysely';
import { storedConversationRef } from './json-text.js';
import type { ReminderStore, ReminderTarget } from './reminder-store.js';
import { PLAN_AT_NEXT_PASS, type DatabaseSchema, type ReminderTargetsTable } from './schema.js';

type TargetMethods = Pick<ReminderStore, 'saveReminderTarget' | 'claimReminderTarget' | 'deactivateReminderTarget' | 'rememberServiceUrl' | 'getReminderTarget'>;

export function reminderTargetStore(db: Kysely<DatabaseSchema>, now: () => Date): TargetMethods {
  const rowOf = (target: Omit<ReminderTarget, 'active' | 'inactiveReason'>) => ({
    tenant_id: target.tenantId,
    team_id: target.teamId,
    conversation_id: target.conversationId,
    service_url: target.serviceUrl,
    conversation_reference: JSON.stringify(target.conversationReference),
    active: 1,
    inactive_reason: '',
    updated_at: now().toISOString(),
  });
  return {
    async claimReminderTarget(target) {
      const row = rowOf(target);
      return db.transaction().execute(async (trx) => {
        const stored = await trx.selectFrom('reminder_targets').selectAll().where('tenant_id', '=', target.tenantId).executeTakeFirst();
        // An active target stays as it is: in another team it is 'elsewhere'; in this one an admin may
        // have moved it to another channel, which a reinstall or an app upgrade must not undo.
        if (stored?.active === 1) return stored.team_id === row.team_id ? 'unchanged' : 'elsewhere';
        // Conditional upsert: of two installs racing in different teams, only one takes the target.
        const { tenant_id: _tenantId, ...changes } = row;
        const result = await trx
          .insertInto('reminder_targets')
          .values(row)
          .onConflict((oc) =>
            oc
              .column('tenant_id')
              .doUpdateSet(changes)
              .where('reminder_targets.active', '=', 0),
          )
          .executeTakeFirst();
        if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n) {
          // Lost a race: another install of the tenant took the target first (on PostgreSQL the insert
          // waited for it). Teams sends two events per install (installationUpdate and
          // conversationUpdate): when the winner is the same team, this one is the same install.
          const winner = await trx.selectFrom('reminder_targets').select('team_id').where('tenant_id', '=', target.tenantId).executeTakeFirst();
          return winner?.team_id === row.team_id ? 'unchanged' : 'elsewhere';
        }
        await trx.updateTable('organizations').set({ next_reminder_on: PLAN_AT_NEXT_PASS }).where('tenant_id', '=', target.tenantId).execute();
        return stored ? 'updated' : 'created';
      });
    },

    async saveReminderTarget(target) {
      const row = rowOf(target);
      return db.transaction().execute(async (trx) => {
        const stored = await trx.selectFrom('reminder_targets').selectAll().where('tenant_id', '=', target.tenantId).executeTakeFirst();
        if (stored && sameTarget(stored, row)) return 'unchanged';
        // An upsert rather than insert-or-update: two installs racing for one tenant both succeed.
        const { tenant_id: _tenantId, ...changes } = row;
        await trx.insertInto('reminder_targets').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(changes)).execute();
        await trx.updateTable('organizations').set({ next_reminder_on: PLAN_AT_NEXT_PASS }).where('tenant_id', '=', target.tenantId).execute();
        return stored ? 'updated' : 'created';
      });
    },

    async deactivateReminderTarget(tenantId, reason, teamId) {
      let update = db
        .updateTable('reminder_targets')
        .set({ active: 0, inactive_reason: reason, updated_at: now().toISOString() })
        .where('tenant_id', '=', tenantId)
        .where('active', '=', 1);
      // A team the bot was removed from only takes the target down if the target is in that team.
      if (teamId !== undefined) update = update.where('team_id', '=', teamId);
      const result = await update.executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async rememberServiceUrl(tenantId, serviceUrl) {
      // The usual case (every activity, same URL) is this one read and no write.
      const stored = await db
        .selectFrom('reminder_targets')
        .select(['conversation_reference'])
        .where('tenant_id', '=', tenantId)
        .where('service_url', '<>', serviceUrl)
        .executeTakeFirst();
      if (!stored) return;
      const reference = storedConversationRef(stored.conversation_reference, `The reminder target of tenant "${tenantId}"`);
      // The reference is rewritten here rather than with json_set/jsonb_set, which differ per back end.
      // Compare-and-set on the text read above: a target saved in between (with its own URL) wins.
      await db
        .updateTable('reminder_targets')
        .set({
          service_url: serviceUrl,
          conversation_reference: JSON.stringify({ ...reference, serviceUrl }),
          updated_at: now().toISOString(),
        })
        .where('tenant_id', '=', tenantId)
        .where('service_url', '<>', serviceUrl)
        .where('conversation_reference', '=', stored.conversation_reference)
        .execute();
    },

    async getReminderTarget(tenantId) {
      const row = await db.selectFrom('reminder_targets').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
      return row && targetFromRow(row);
    },
  };
}

/** A stored target as the bot sees it; the reference JSON is parsed and checked to be a ConversationRef. */
export function targetFromRow(row: Selectable<ReminderTargetsTable>): ReminderTarget {
  return {
    tenantId: row.tenant_id,
    teamId: row.team_id,
    conversationId: row.conversation_id,
    serviceUrl: row.service_url,
    conversationReference: storedConversationRef(row.conversation_reference, `The reminder target of tenant "${row.tenant_id}"`),
    active: row.active === 1,
    inactiveReason: row.inactive_reason,
  };
}

/** Unchanged: same place, same reference (compared as JSON values, not text) and already active. */
function sameTarget(stored: Selectable<ReminderTargetsTable>, row: Omit<Selectable<ReminderTargetsTable>, 'updated_at'>): boolean {
  let storedReference: unknown;
  try {
    storedReference = JSON.parse(stored.conversation_reference);
  } catch {
    return false; // A damaged reference is replaced by the one being saved.
  }
  return (
    stored.active === 1 &&
    stored.team_id === row.team_id &&
    stored.conversation_id === row.conversation_id &&
    stored.service_url === row.service_url &&
    isDeepStrictEqual(storedReference, JSON.parse(row.conversation_reference))
  );
}

/** The reminder targets of the tenants of claimed rows (a claim's work is sent through them). */
export async function targetsOf(db: Kysely<DatabaseSchema>, rows: readonly { tenant_id: string }[]): Promise<Map<string, ReminderTarget>> {
  const targets = await db
    .selectFrom('reminder_targets')
    .selectAll()
    .where('tenant_id', 'in', [...new Set(rows.map((row) => row.tenant_id))])
    .execute();
  return new Map(targets.map((row) => [row.tenant_id, targetFromRow(row)] as const));
}
