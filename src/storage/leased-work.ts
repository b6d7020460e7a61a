/**
 * Leased work: rows a runner claims under a lease, then finishes, releases for a retry or loses when
 * its lease expires (it died or hung), so each goes out once across restarts and replicas. The
 * reminder ledger and the message updates are such tables (schema.ts: status, attempts, last_error,
 * claimed_by, lease_until, next_attempt_at); this module holds their claim and release SQL once.
 */
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { DatabaseKind } from './database.js';
import type { DatabaseSchema } from './schema.js';

export type LeasedTable = 'reminder_ledger' | 'message_updates';

/** What a claim asks for; every claim of a pass passes the same runner, lease and page size. */
export interface LeaseClaim {
  runnerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  tenantId?: string;
  /** Only pending work whose next attempt is due by then (default `now`): a pass passes its start, so it never retries what it already left pending. */
  attemptsDueBy?: Date;
}

/** Which work is due, read without claiming it (a dry run reads this too). */
export type DueWork = Omit<LeaseClaim, 'runnerId' | 'leaseMs'>;

type Column<T extends LeasedTable> = keyof DatabaseSchema[T] & string;
type CandidateDb<T extends LeasedTable> = DatabaseSchema & { candidate: DatabaseSchema[T] };

/** The due rows of a table, aliased `candidate`, nothing selected yet: a caller narrows them and picks columns. */
export type Candidates<T extends LeasedTable> = SelectQueryBuilder<CandidateDb<T>, 'candidate', object>;

/** The columns every leased table has, all the module's own SQL touches. */
interface LeaseColumns {
  tenant_id: string;
  status: string;
  attempts: number;
  last_error: string;
  claimed_by: string | null;
  lease_until: string | null;
  next_attempt_at: string;
}
type LeaseDb = { work: LeaseColumns; reminder_targets: DatabaseSchema['reminder_targets'] };
/** An UPDATE of a leased table as its callers see it (their own columns), and as this module writes it (the lease's). */
type RowUpdate<T extends LeasedTable> = UpdateQueryBuilder<DatabaseSchema, T, T, UpdateResult>;
type LeaseUpdate = UpdateQueryBuilder<LeaseDb, 'work', 'work', UpdateResult>;

/** An instant before every real one: work queued with it as its next attempt is due now. */
export const ATTEMPT_NOW = '1970-01-01T00:00:00.000Z';

/** No runner holds the row any more. */
export const LEASE_CLEARED = { claimed_by: null, lease_until: null } as const;

export interface LeasedWorkSpec<T extends LeasedTable, Key> {
  table: T;
  /** The columns naming one row (its primary key). */
  key: readonly Column<T>[];
  /** The values of `key`'s columns for one row, in that order. */
  keyValues: (key: Key) => readonly string[];
  /** The order work is taken in, oldest first; rows of a claim come back in it. */
  order: readonly Column<T>[];
}

export function leasedWork<T extends LeasedTable, Key>(spec: LeasedWorkSpec<T, Key>) {
  const table = spec.table as unknown as 'work';
  const loose = (db: Kysely<DatabaseSchema>) => db as unknown as Kysely<LeaseDb>;

  /** Pending and due for an attempt, or sending under an expired lease; of one tenant when given; `limit` in `order`. */
  function due(db: Kysely<DatabaseSchema>, options: DueWork): Candidates<T> {
    const at = options.now.toISOString();
    const dueBy = (options.attemptsDueBy ?? options.now).toISOString();
    let query = loose(db)
      .selectFrom(`${table} as candidate`)
      .where((eb) =>
        eb.or([
          eb.and([eb('candidate.status', '=', 'pending'), eb('candidate.next_attempt_at', '<=', dueBy)]),
          eb.and([eb('candidate.status', '=', 'sending'), eb('candidate.lease_until', '<=', at)]),
        ]),
      );
    if (options.tenantId !== undefined) query = query.where('candidate.tenant_id', '=', options.tenantId);
    for (const column of spec.order) query = query.orderBy(sql.ref(`candidate.${column}`));
    return query.limit(options.limit) as unknown as Candidates<T>;
  }

  /**
   * The one dialect difference: how a claim keeps two runners off the same row.
   *
   * PostgreSQL runs claimers' transactions concurrently, so the candidates are locked as they are
   * picked, `FOR UPDATE OF candidate SKIP LOCKED`: a row another claimer holds is passed over (not
   * waited for), and a row it has just claimed is re-checked against the WHERE and dropped. Only the
   * candidate rows are locked, not the targets, so claiming never blocks saving a target.
   *
   * SQLite has no FOR UPDATE and needs none: it serializes writers, so the single
   * `UPDATE ... WHERE key IN (SELECT ... LIMIT n) RETURNING *` runs alone from start to finish.
   */
  function locked(candidates: Candidates<T>, kind: DatabaseKind): Candidates<T> {
    return kind === 'postgres' ? candidates.forUpdate('candidate').skipLocked() : candidates;
  }

  /** UPDATE of the one row `key` names. */
  function row(db: Kysely<DatabaseSchema>, key: Key): RowUpdate<T> {
    const values = spec.keyValues(key);
    let update = loose(db).updateTable(table);
    spec.key.forEach((column, index) => {
      update = update.where(sql.ref(column), '=', values[index]);
    });
    return update as unknown as RowUpdate<T>;
  }

  /**
   * UPDATE of the row while it is still open (pending or sending): a late release or close, from a
   * runner whose lease expired while another finished the work, must not reopen it. With `heldBy`,
   * only while that runner still holds the claim: once its lease ran out and another runner claimed
   * the row, a late release or close would undo the other's claim (and the reminder could go out twice).
   */
  function openRow(db: Kysely<DatabaseSchema>, key: Key, heldBy?: string): RowUpdate<T> {
    const open = (row(db, key) as unknown as LeaseUpdate).where('status', 'in', ['pending', 'sending']);
    return (heldBy === undefined ? open : open.where('status', '=', 'sending').where('claimed_by', '=', heldBy)) as unknown as RowUpdate<T>;
  }

  return {
    due,
    row,
    openRow,

    /**
     * Marks up to `limit` due rows `sending` under the runner's lease (one more attempt each) and
     * returns them in `order`. Call inside a transaction; `narrow` restricts the candidates.
     */
    async claim(db: Kysely<DatabaseSchema>, kind: DatabaseKind, options: LeaseClaim, narrow: (candidates: Candidates<T>) => Candidates<T> = (candidates) => candidates): Promise<Selectable<DatabaseSchema[T]>[]> {
      const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
      const keys = (locked(narrow(due(db, options)), kind) as unknown as SelectQueryBuilder<LeaseDb, 'work', object>).select(spec.key.map((column) => sql.ref(`candidate.${column}`).as(column)));
      const claimed = await loose(db)
        .updateTable(table)
        .set((eb) => ({ status: 'sending', claimed_by: options.runnerId, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
        .where(sql<boolean>`(${sql.join(spec.key.map((column) => sql.ref(column)))}) in (${keys})`)
        .returningAll()
        .execute();
      // RETURNING comes back in no particular order: sorted as they were picked.
      const rows = claimed as unknown as Record<string, unknown>[];
      return rows.sort((a, b) => compareBy(spec.order, a, b)) as unknown as Selectable<DatabaseSchema[T]>[];
    },

    /** Back to pending for a later attempt, with the reason kept (only while still open). */
    async release(db: Kysely<DatabaseSchema>, key: Key, options: { reason: string; retryAt: Date; heldBy?: string }): Promise<void> {
      await (openRow(db, key, options.heldBy) as unknown as LeaseUpdate)
        .set({ status: 'pending', last_error: options.reason, next_attempt_at: options.retryAt.toISOString(), ...LEASE_CLEARED })
        .execute();
    },
  };
}

/** Only candidates whose tenant has a reminder target (`active`: an active one). */
export function withTarget<T extends LeasedTable>(candidates: Candidates<T>, options: { active: boolean }): Candidates<T> {
  const loose = candidates as unknown as SelectQueryBuilder<LeaseDb & { candidate: LeaseColumns }, 'candidate', object>;
  return loose.where(({ exists, selectFrom }) => {
    let target = selectFrom('reminder_targets').select('reminder_targets.tenant_id').whereRef('reminder_targets.tenant_id', '=', 'candidate.tenant_id');
    if (options.active) target = target.where('reminder_targets.active', '=', 1);
    return exists(target);
  }) as unknown as Candidates<T>;
}

function compareBy(columns: readonly string[], a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const column of columns) {
    const [left, right] = [a[column] as string, b[column] as string];
    if (left < right) return -1;
    if (left > right) return 1;
  }
  return 0;
}
