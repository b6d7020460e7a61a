/**
 * The reminder ledger: one row per reminder, claimed by a runner under a lease, then marked sent,
 * released for a retry or closed. Claims are atomic, so replicas never send the same reminder, and
 * leases expire, so a runner that dies mid-send loses nothing: its reminders are claimed again.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseKind } from './database.js';
import { storedJsonObject } from './json-text.js';
import { LEASE_CLEARED, leasedWork, withTarget, type Candidates } from './leased-work.js';
import type { ReminderAudience } from '../rules/reminders/subject.js';
import type { ClaimedReminder, StoredReminder, ReminderKey, ReminderStore, ReminderTarget } from './reminder-store.js';
import { targetsOf } from './reminder-targets.js';
import type { DatabaseSchema, ReminderLedgerTable } from './schema.js';

type LedgerMethods = Pick<
  ReminderStore,
  'claimReminders' | 'claimPersonalReminders' | 'markReminderSent' | 'releaseReminder' | 'closeReminder' | 'reminderCounts' | 'personalReminderCounts' | 'remindersOf' | 'remindersToClaim'
>;
type LedgerRow = Selectable<ReminderLedgerTable>;
/** Channel reminders go to the tenant's target; personal ones to the contact's 1:1 chat: the `audience` column says which. */
type Audience = ReminderAudience;

/** The ledger as leased work, claimed oldest due first. */
const ledgerWork = leasedWork({
  table: 'reminder_ledger',
  key: ['tenant_id', 'kind', 'cycle', 'subject'],
  keyValues: (key: ReminderKey) => [key.tenantId, key.kind, key.cycle, key.subject],
  order: ['due_on', 'tenant_id', 'kind', 'cycle', 'subject'],
});

export function reminderLedgerStore(db: Kysely<DatabaseSchema>, kind: DatabaseKind): LedgerMethods {
  /** Of the due reminders, the audience's; channel ones for active targets only. */
  const dueFor = (audience: Audience) => (candidates: Candidates<'reminder_ledger'>) => {
    const ofAudience = candidates.where('candidate.audience', '=', audience);
    return audience === 'channel' ? withTarget(ofAudience, { active: true }) : ofAudience;
  };

  /** Reminder counts per kind and status, of one audience. */
  async function countsOf(audience: Audience) {
    const rows = await db
      .selectFrom('reminder_ledger')
      .select((eb) => ['kind', 'status', eb.fn.countAll().as('count')])
      .where('audience', '=', audience)
      .groupBy(['kind', 'status'])
      .orderBy('kind')
      .orderBy('status')
      .execute();
    // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
    return rows.map((row) => ({ kind: row.kind, status: row.status, count: Number(row.count) }));
  }

  return {
    async claimReminders(options) {
      if (options.limit <= 0) return [];
      return db.transaction().execute(async (trx) => {
        const claimed = await ledgerWork.claim(trx, kind, options, dueFor('channel'));
        if (claimed.length === 0) return [];
        const targetOf = await targetsOf(trx, claimed);
        return claimed.map((row) => claimedReminder(row, targetOf.get(row.tenant_id)));
      });
    },

    async claimPersonalReminders(options) {
      if (options.limit <= 0) return [];
      const claimed = await db.transaction().execute((trx) => ledgerWork.claim(trx, kind, options, dueFor('personal')));
      return claimed.map((row) => ({ ...storedReminder(row), attempts: row.attempts }));
    },

    async remindersToClaim(options) {
      // What claimReminders would take now, read without claiming (a dry run); no page limit.
      const due = { now: options.now, tenantId: options.tenantId, attemptsDueBy: options.now, limit: Number.MAX_SAFE_INTEGER };
      const keysDueFor = (audience: Audience) =>
        dueFor(audience)(ledgerWork.due(db, due))
          .select(['candidate.tenant_id', 'candidate.kind', 'candidate.cycle', 'candidate.subject', 'candidate.audience'])
          .execute();
      const personal = options.personal ? await keysDueFor('personal') : [];
      const rows = [...personal, ...(await keysDueFor('channel'))];
      return rows.map((row) => ({ tenantId: row.tenant_id, kind: row.kind, cycle: row.cycle, subject: row.subject, audience: row.audience }));
    },

    async markReminderSent(key, at) {
      await markSent(db, key, at);
    },

    releaseReminder: (key, options) => ledgerWork.release(db, key, options),

    async closeReminder(key, status, reason, heldBy) {
      await ledgerWork.openRow(db, key, heldBy).set({ status, last_error: reason, ...LEASE_CLEARED }).execute();
    },

    reminderCounts: () => countsOf('channel'),

    personalReminderCounts: () => countsOf('personal'),

    async remindersOf(tenantId) {
      const rows = await db
        .selectFrom('reminder_ledger')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('due_on', 'desc')
        .orderBy('kind')
        .orderBy('cycle')
        .orderBy('subject')
        .execute();
      return rows.map((row) => ({
        ...storedReminder(row),
        status: row.status,
        attempts: row.attempts,
        lastError: row.last_error,
        sentAt: row.sent_at,
      }));
    },
  };
}

/** Marks one reminder sent (also inside the transaction that records the message it posted). */
export async function markSent(db: Kysely<DatabaseSchema>, key: ReminderKey, at: Date): Promise<void> {
  await ledgerWork.row(db, key).set({ status: 'sent', sent_at: at.toISOString(), ...LEASE_CLEARED }).execute();
}

function storedReminder(row: LedgerRow): StoredReminder {
  return {
    tenantId: row.tenant_id,
    kind: row.kind,
    cycle: row.cycle,
    subject: row.subject,
    audience: row.audience,
    dueOn: row.due_on,
    payload: storedJsonObject(row.payload, `The payload of reminder ${row.kind}/${row.cycle}/${row.subject} of tenant "${row.tenant_id}"`),
  };
}

function claimedReminder(row: LedgerRow, target: ReminderTarget | undefined): ClaimedReminder {
  if (!target) throw new Error(`Reminder ${row.kind}/${row.cycle} of tenant "${row.tenant_id}" was claimed without a target`);
  return { ...storedReminder(row), attempts: row.attempts, target };
}
