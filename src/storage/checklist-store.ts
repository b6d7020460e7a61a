/**
 * The renewal checklist's ticks, per organization and cycle. Each item is its own row, so two
 * people ticking different items at the same moment both keep their tick.
 */
import type { Kysely } from 'kysely';
import type { ChecklistTick } from '../rules/checklist/checklist.js';
import type { DatabaseSchema } from './schema.js';

export interface ChecklistStore {
  checklistMarks(tenantId: string, cycle: string): Promise<ChecklistTick[]>;
  // A tick is stored by markChecklistItem (message-updates.ts), which queues the card's refresh with it.
}

export function checklistStore(db: Kysely<DatabaseSchema>): ChecklistStore {
  return {
    async checklistMarks(tenantId, cycle) {
      const rows = await db.selectFrom('checklist_items').selectAll().where('tenant_id', '=', tenantId).where('cycle', '=', cycle).execute();
      return rows.map((row) => ({
        itemId: row.item_id,
        done: row.done === 1,
        changedByName: row.changed_by_name,
        changedById: row.changed_by_id,
        changedAt: row.changed_at,
      }));
    },
  };
}

/** Stores one tick, inside the transaction that queues the channel card's update. */
export async function writeChecklistMark(db: Kysely<DatabaseSchema>, tenantId: string, cycle: string, mark: ChecklistTick): Promise<void> {
  const values = { done: mark.done ? 1 : 0, changed_by_name: mark.changedByName, changed_by_id: mark.changedById, changed_at: mark.changedAt };
  await db
    .insertInto('checklist_items')
    .values({ tenant_id: tenantId, cycle, item_id: mark.itemId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'cycle', 'item_id']).doUpdateSet(values))
    .execute();
}
