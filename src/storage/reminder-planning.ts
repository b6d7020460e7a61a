/**
 * Which organizations the reminder planner must look at, and recording what it decided. The scan
 * reads `next_reminder_on <= today` from its index in (date, tenant) order, so a pass touches only
 * the organizations something may be due for, however many are stored.
 */
import { toldRequirementsFrom } from '../rules/requirements/snapshot.js';
import type { Kysely, Transaction } from 'kysely';
import { storedJsonObject } from './json-text.js';
import { ATTEMPT_NOW } from './leased-work.js';
import type { ProfileReader } from './organization-row.js';
import type { ReminderStore } from './reminder-store.js';
import { PLAN_AT_NEXT_PASS, type DatabaseSchema } from './schema.js';

type PlanningMethods = Pick<ReminderStore, 'organizationsToPlan' | 'recordPlan' | 'recordPlans' | 'replanAllOrganizations'>;

/** Rows per INSERT when recording a plan: far below both back ends' bound-parameter limits. */
const INSERT_CHUNK = 200;

export type PlanningQueryOptions = Parameters<ReminderStore['organizationsToPlan']>[0];

/**
 * The planner's scan, exported so a test can check its query plan. Driven by
 * organizations_next_reminder_on_idx: range on next_reminder_on, order by the index, keyset after.
 */
export function planningQuery(db: Kysely<DatabaseSchema>, options: PlanningQueryOptions) {
  let query = db
    .selectFrom('organizations')
    .leftJoin('reminder_targets', 'reminder_targets.tenant_id', 'organizations.tenant_id')
    .select([
      'organizations.tenant_id',
      'organizations.profile',
      'organizations.told_requirements',
      'organizations.next_reminder_on',
      'organizations.updated_at',
      'reminder_targets.active',
    ])
    .where('organizations.next_reminder_on', '<=', options.upTo);
  if (!options.withoutChannel) query = query.where('reminder_targets.active', '=', 1);
  if (options.tenantId !== undefined) query = query.where('organizations.tenant_id', '=', options.tenantId);
  const { after } = options;
  if (after) {
    // A row-value comparison, not `a > x or (a = x and b > y)`: both back ends turn it into one range
    // of the (next_reminder_on, tenant_id) index, where SQLite plans the OR as two scans plus a sort.
    query = query.where((eb) =>
      eb(eb.refTuple('organizations.next_reminder_on', 'organizations.tenant_id'), '>', eb.tuple(after.nextReminderOn, after.tenantId)),
    );
  }
  return query.orderBy('organizations.next_reminder_on').orderBy('organizations.tenant_id').limit(options.limit);
}

export function reminderPlanningStore(db: Kysely<DatabaseSchema>, now: () => Date, profiles: ProfileReader): PlanningMethods {
  return {
    async organizationsToPlan(options) {
      const rows = await planningQuery(db, options).execute();
      return rows.map((row) => ({
        organization: profiles.read(row.tenant_id, row.profile),
        hasChannelTarget: row.active === 1,
        toldRequirements: toldRequirementsFrom(storedJsonObject(row.told_requirements, `What tenant "${row.tenant_id}" was told about requirements`)),
        nextReminderOn: row.next_reminder_on,
        updatedAt: row.updated_at,
      }));
    },

    recordPlan(tenantId, plan) {
      return db.transaction().execute((trx) => writePlan(trx, tenantId, plan, now()));
    },

    recordPlans(entries) {
      // One transaction for a page of plans: a commit costs more than the writes it holds.
      return db.transaction().execute(async (trx) => {
        let inserted = 0;
        for (const { tenantId, plan } of entries) inserted += await writePlan(trx, tenantId, plan, now());
        return inserted;
      });
    },

    async replanAllOrganizations() {
      const result = await db
        .updateTable('organizations')
        .set({ next_reminder_on: PLAN_AT_NEXT_PASS })
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

type Plan = Parameters<ReminderStore['recordPlan']>[1];

/** Adds the plan's reminders to the ledger (known keys are left alone) and moves the organization's next date. */
async function writePlan(trx: Transaction<DatabaseSchema>, tenantId: string, plan: Plan, at: Date): Promise<number> {
  const createdAt = at.toISOString();
  const rows = plan.reminders.map((reminder) => ({
    // The tenant acted for, never one inside the plan: a plan cannot write another tenant's ledger.
    tenant_id: tenantId,
    kind: reminder.kind,
    cycle: reminder.cycle,
    subject: reminder.subject,
    audience: reminder.audience,
    due_on: reminder.dueOn,
    payload: JSON.stringify(reminder.payload),
    status: 'pending' as const,
    next_attempt_at: ATTEMPT_NOW,
    created_at: createdAt,
  }));
  let inserted = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    // Counted from RETURNING: only rows actually inserted come back (a conflict returns none),
    // the same on both back ends, unlike affected-row counts.
    const returned = await trx
      .insertInto('reminder_ledger')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'cycle', 'subject']).doNothing())
      .returning('tenant_id')
      .execute();
    inserted += returned.length;
  }
  let update = trx
    .updateTable('organizations')
    .set({ next_reminder_on: plan.nextReminderOn, told_requirements: JSON.stringify(plan.toldRequirements) })
    .where('tenant_id', '=', tenantId);
  // A profile saved since the plan was made keeps its "plan me again" mark.
  if (plan.basedOnUpdatedAt !== undefined) update = update.where('updated_at', '=', plan.basedOnUpdatedAt);
  await update.execute();
  return inserted;
}
