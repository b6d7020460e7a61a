/**
 * The reminder ledger: one row per reminder, claimed by a runner under a lease, then marked sent,
 * released for a retry or closed. Claims are atomic, so replicas never send the same reminder, and
 * leases expire, so a runner that dies mid-send loses nothing: its reminders are claimed again.
 */
import type { Kysely, Selectable, Transaction, UpdateQueryBuilder } from 'kysely';
import type { DatabaseKind } from './database.js';
import { storedJsonObject } from './json-text.js';
import type { ReminderAudience } from '../rules/reminder-subject.js';
import type { ClaimedReminder, StoredReminder, ReminderKey, ReminderStore, ReminderTarget } from './reminder-store.js';
import { targetFromRow } from './reminder-targets.js';
import type { DatabaseSchema, ReminderLedgerTable } from './schema.js';

type LedgerMethods = Pick<
  ReminderStore,
  'claimReminders' | 'claimPersonalReminders' | 'markReminderSent' | 'releaseReminder' | 'closeReminder' | 'reminderCounts' | 'personalReminderCounts' | 'remindersOf' | 'remindersToClaim'
>;
type ClaimOptions = Parameters<ReminderStore['claimReminders']>[0];
type LedgerRow = Selectable<ReminderLedgerTable>;
/** Channel reminders go to the tenant's target; personal ones to the contact's 1:1 chat: the `audience` column says which. */
type Audience = ReminderAudience;

export function reminderLedgerStore(db: Kysely<DatabaseSchema>, kind: DatabaseKind): LedgerMethods {
  const updateReminder = (key: ReminderKey) => updateLedgerRow(db, key);

  /** Marks the claimed rows `sending` under the runner's lease and returns them, oldest due first. */
  async function claimRows(trx: Transaction<DatabaseSchema>, options: ClaimOptions, audience: Audience): Promise<LedgerRow[]> {
    const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
    const candidates = lockForClaim(claimCandidates(trx, options, audience), kind);
    const claimed = await trx
      .updateTable('reminder_ledger')
      .set((eb) => ({
        status: 'sending' as const,
        claimed_by: options.runnerId,
        lease_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where((eb) =>
        eb(
          eb.refTuple('tenant_id', 'kind', 'cycle', 'subject'),
          'in',
          candidates.clearSelect().select(['candidate.tenant_id', 'candidate.kind', 'candidate.cycle', 'candidate.subject']).$asTuple('tenant_id', 'kind', 'cycle', 'subject'),
        ),
      )
      .returningAll()
      .execute();
    // RETURNING comes back in no particular order: oldest due first, as they were picked.
    return claimed.sort(byDueThenKey);
  }

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
        const claimed = await claimRows(trx, options, 'channel');
        if (claimed.length === 0) return [];
        const targets = await trx
          .selectFrom('reminder_targets')
          .selectAll()
          .where('tenant_id', 'in', [...new Set(claimed.map((row) => row.tenant_id))])
          .execute();
        const targetOf = new Map(targets.map((row) => [row.tenant_id, targetFromRow(row)] as const));
        return claimed.map((row) => claimedReminder(row, targetOf.get(row.tenant_id)));
      });
    },

    async claimPersonalReminders(options) {
      if (options.limit <= 0) return [];
      const claimed = await db.transaction().execute((trx) => claimRows(trx, options, 'personal'));
      return claimed.map((row) => ({ ...storedReminder(row), attempts: row.attempts }));
    },

    async remindersToClaim(options) {
      // What claimReminders would take now, read without claiming (a dry run); no page limit.
      const due = { now: options.now, tenantId: options.tenantId, attemptsDueBy: options.now, limit: Number.MAX_SAFE_INTEGER };
      const personal = options.personal ? await claimCandidates(db, due, 'personal').execute() : [];
      const rows = [...personal, ...(await claimCandidates(db, due, 'channel').execute())];
      return rows.map((row) => ({ tenantId: row.tenant_id, kind: row.kind, cycle: row.cycle, subject: row.subject, audience: row.audience }));
    },

    async markReminderSent(key, at) {
      await markSent(db, key, at);
    },

    async releaseReminder(key, options) {
      await stillOpen(
        updateReminder(key).set({
          status: 'pending',
          last_error: options.reason,
          next_attempt_at: options.retryAt.toISOString(),
          claimed_by: null,
          lease_until: null,
        }),
      ).execute();
    },

    async closeReminder(key, status, reason) {
      await stillOpen(updateReminder(key).set({ status, last_error: reason, claimed_by: null, lease_until: null })).execute();
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
  await updateLedgerRow(db, key).set({ status: 'sent', sent_at: at.toISOString(), claimed_by: null, lease_until: null }).execute();
}

/** An UPDATE of the one ledger row `key` names. */
function updateLedgerRow(db: Kysely<DatabaseSchema>, key: ReminderKey) {
  return db
    .updateTable('reminder_ledger')
    .where('tenant_id', '=', key.tenantId)
    .where('kind', '=', key.kind)
    .where('cycle', '=', key.cycle)
    .where('subject', '=', key.subject);
}

/**
 * The keys a claim takes: pending and due for an attempt, or sending under an expired lease (its
 * runner died or hung); of the audience's reminders, channel ones for active targets only; oldest
 * due first, at most `limit`.
 */
function claimCandidates(trx: Kysely<DatabaseSchema>, options: Omit<ClaimOptions, 'runnerId' | 'leaseMs'>, audience: Audience) {
  const at = options.now.toISOString();
  const dueBy = (options.attemptsDueBy ?? options.now).toISOString();
  let query = trx
    .selectFrom('reminder_ledger as candidate')
    .select(['candidate.tenant_id', 'candidate.kind', 'candidate.cycle', 'candidate.subject', 'candidate.audience'])
    .where((eb) =>
      eb.or([
        eb.and([eb('candidate.status', '=', 'pending'), eb('candidate.next_attempt_at', '<=', dueBy)]),
        eb.and([eb('candidate.status', '=', 'sending'), eb('candidate.lease_until', '<=', at)]),
      ]),
    );
  if (options.tenantId !== undefined) query = query.where('candidate.tenant_id', '=', options.tenantId);
  query = query.where('candidate.audience', '=', audience);
  if (audience === 'channel') {
    query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('reminder_targets').select('reminder_targets.tenant_id').whereRef('reminder_targets.tenant_id', '=', 'candidate.tenant_id').where('reminder_targets.active', '=', 1)),
      );
  }
  return query
    .orderBy('candidate.due_on')
    .orderBy('candidate.tenant_id')
    .orderBy('candidate.kind')
    .orderBy('candidate.cycle')
    .orderBy('candidate.subject')
    .limit(options.limit);
}

/**
 * The one dialect difference of the ledger: how a claim keeps two runners off the same row.
 *
 * PostgreSQL runs claimers' transactions concurrently, so the candidates are locked as they are
 * picked, `FOR UPDATE OF candidate SKIP LOCKED`: a row another claimer holds is passed over (not
 * waited for), and a row it has just claimed is re-checked against the WHERE and dropped. Only the
 * ledger rows are locked, not the targets, so claiming never blocks saving a target.
 *
 * SQLite has no FOR UPDATE and needs none: it serializes writers, so the single
 * `UPDATE ... WHERE key IN (SELECT ... LIMIT n) RETURNING *` runs alone from start to finish.
 */
function lockForClaim(candidates: ReturnType<typeof claimCandidates>, kind: DatabaseKind): ReturnType<typeof claimCandidates> {
  return kind === 'postgres' ? candidates.forUpdate('candidate').skipLocked() : candidates;
}

/**
 * Restricts an update to a reminder that is still open (pending or sending): a late release or
 * close, from a runner whose lease expired while another sent the reminder, must not reopen it.
 */
function stillOpen<O>(update: UpdateQueryBuilder<DatabaseSchema, 'reminder_ledger', 'reminder_ledger', O>) {
  return update.where('status', 'in', ['pending', 'sending']);
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

function byDueThenKey(a: LedgerRow, b: LedgerRow): number {
  const keyOf = (row: LedgerRow) => [row.due_on, row.tenant_id, row.kind, row.cycle, row.subject];
  const [left, right] = [keyOf(a), keyOf(b)];
  for (let index = 0; index < left.length; index += 1) {
    if (left[index]! < right[index]!) return -1;
    if (left[index]! > right[index]!) return 1;
  }
  return 0;
}
