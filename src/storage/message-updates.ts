/**
 * Posted messages and the updates they need, as durable work. Whatever makes a posted card out of
 * date (a newer reminder on its topic, the renewal recorded, a checklist tick) queues its update in
 * the same transaction as the change itself; runners claim queued updates under a lease, as they
 * claim reminders (leased-work.ts), so each goes out once across restarts and replicas.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChecklistTick } from '../rules/checklist/checklist.js';
import { supersedes } from '../rules/reminders/message-updates.js';
import type { RenewalOutcome } from '../rules/cycle/renewal-answer.js';
import type { Organization } from '../rules/organization/organization.js';
import type { ReminderKind } from '../rules/reminders/payloads.js';
import { writeChecklistMark } from './checklist-store.js';
import type { DatabaseKind } from './database.js';
import { storedJsonObject } from './json-text.js';
import { ATTEMPT_NOW, LEASE_CLEARED, leasedWork, withTarget, type LeaseClaim } from './leased-work.js';
import { validOrganization, writeOrganization } from './organization-row.js';
import { markSent } from './reminder-ledger.js';
import type { ReminderKey, ReminderTarget } from './reminder-store.js';
import { targetsOf } from './reminder-targets.js';
import type { DatabaseSchema, MessageUpdatePurpose, MessageUpdateStatus, PostedCard, PostedMessagesTable, PostedMessageState } from './schema.js';

/** One posted message: the conversation it is in and the id the Bot Connector gave it. */
export interface MessageKey {
  tenantId: string;
  conversationId: string;
  activityId: string;
}

export interface PostedMessage extends MessageKey {
  card: PostedCard;
  cycle: string;
  reminderKind: ReminderKind | '';
  reminderSubject: string;
  postedAt: string;
  state: PostedMessageState;
}

export interface ClaimedMessageUpdate extends MessageKey {
  purpose: MessageUpdatePurpose;
  payload: Record<string, unknown>;
  /** The version claimed: finishing it counts only if no newer change was queued meanwhile. */
  version: number;
  attempts: number;
  message: PostedMessage;
  /** The tenant's reminder target: its service URL and conversation reference reach the message. */
  target: ReminderTarget;
}

export interface MessageUpdateRow extends MessageKey {
  purpose: MessageUpdatePurpose;
  status: MessageUpdateStatus;
  version: number;
  attempts: number;
  lastError: string;
  doneAt: string | null;
}

export interface MessageUpdateStore {
  /**
   * In one transaction: marks the reminder sent, keeps the id of the message it posted, and queues
   * a "superseded" update for each earlier live reminder of the same cycle and topic in that channel.
   */
  recordReminderPosted(key: ReminderKey, at: Date, posted: { conversationId: string; activityId: string }): Promise<void>;
  /**
   * In one transaction: saves the organization with the answer to "did you renew?" (moved to its next
   * cycle, or stopped as not renewed), and queues a "recorded" update for every live reminder of that
   * cycle (and a refresh of its channel checklist card). `outcome` defaults to renewed.
   */
  recordRenewal(renewed: Organization, recorded: { cycle: string; byName: string; at: Date; outcome?: RenewalOutcome }): Promise<void>;
  /** Keeps the checklist card posted in the reminder channel; it replaces the cycle's earlier one there. */
  recordChecklistPosted(tenantId: string, posted: { conversationId: string; channelId: string; activityId: string; cycle: string; at: Date }): Promise<void>;
  /**
   * The one way to tick or untick a checklist item (who and when; other items untouched): in the same
   * transaction it queues a refresh of the cycle's checklist card in the channel.
   */
  markChecklistItem(tenantId: string, cycle: string, mark: ChecklistTick): Promise<void>;
  /** Takes up to `limit` queued updates (pending and due, or under an expired lease), like claimReminders. */
  claimMessageUpdates(options: LeaseClaim): Promise<ClaimedMessageUpdate[]>;
  /** Closes a claimed update; when a newer change was queued meanwhile it goes back to pending instead. */
  finishMessageUpdate(key: MessageKey, version: number, status: 'done' | 'gone' | 'failed' | 'skipped', reason: string, at: Date): Promise<void>;
  releaseMessageUpdate(key: MessageKey, options: { reason: string; retryAt: Date }): Promise<void>;
  postedMessagesOf(tenantId: string): Promise<PostedMessage[]>;
  messageUpdatesOf(tenantId: string): Promise<MessageUpdateRow[]>;
}

export function messageUpdateStore(db: Kysely<DatabaseSchema>, kind: DatabaseKind, now: () => Date): MessageUpdateStore {
  return {
    async recordReminderPosted(key, at, posted) {
      await db.transaction().execute(async (trx) => {
        await markSent(trx, key, at);
        const latest = { kind: key.kind, subject: key.subject };
        const earlier = await liveMessages(trx, key.tenantId, key.cycle, 'reminder')
          .where('channel_id', '=', posted.conversationId)
          .execute();
        const superseded = earlier.filter((row) => row.activity_id !== posted.activityId && supersedes(latest, { kind: row.reminder_kind as ReminderKind, subject: row.reminder_subject }));
        await trx
          .insertInto('posted_messages')
          .values({ ...messageRow(key.tenantId, posted.conversationId, posted.activityId, posted.conversationId, at), card: 'reminder', cycle: key.cycle, reminder_kind: key.kind, reminder_subject: key.subject, state: 'live' })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const payload = { by: { ...latest, postedAt: at.toISOString() } };
        await queueUpdates(trx, superseded, 'superseded', payload, 'superseded', at);
      });
    },

    async recordRenewal(renewed, recorded) {
      const valid = validOrganization(renewed, `The organization of tenant "${renewed.tenantId}"`);
      await db.transaction().execute(async (trx) => {
        await writeOrganization(trx, valid, now());
        const live = await liveMessages(trx, valid.tenantId, recorded.cycle, 'reminder').execute();
        const outcome = recorded.outcome ?? 'renewed';
        await queueUpdates(trx, live, 'recorded', { byName: recorded.byName, at: recorded.at.toISOString(), outcome }, 'recorded', recorded.at);
        await queueChecklistRefresh(trx, valid.tenantId, recorded.cycle, recorded.at);
      });
    },

    async recordChecklistPosted(tenantId, posted) {
      await db.transaction().execute(async (trx) => {
        const earlier = await liveMessages(trx, tenantId, posted.cycle, 'checklist').where('channel_id', '=', posted.channelId).execute();
        for (const row of earlier) {
          await updateMessage(trx, row).set({ state: 'replaced' }).execute();
          await updateWork.row(trx, row).set({ status: 'skipped', last_error: 'a newer checklist card was posted', ...LEASE_CLEARED }).where('status', '=', 'pending').execute();
        }
        await trx
          .insertInto('posted_messages')
          .values({ ...messageRow(tenantId, posted.conversationId, posted.activityId, posted.channelId, posted.at), card: 'checklist', cycle: posted.cycle, state: 'live' })
          .onConflict((oc) => oc.doNothing())
          .execute();
      });
    },

    async markChecklistItem(tenantId, cycle, mark) {
      await db.transaction().execute(async (trx) => {
        await writeChecklistMark(trx, tenantId, cycle, mark);
        await queueChecklistRefresh(trx, tenantId, cycle, new Date(mark.changedAt));
      });
    },

    async claimMessageUpdates(options) {
      if (options.limit <= 0) return [];
      return db.transaction().execute(async (trx) => {
        const claimed = await updateWork.claim(trx, kind, options, (candidates) => withTarget(candidates, { active: false }));
        if (claimed.length === 0) return [];
        const targetOf = await targetsOf(trx, claimed);
        // Only the claimed updates' own messages: a tenant's posted messages grow with every reminder.
        const messages = await trx
          .selectFrom('posted_messages')
          .selectAll()
          .where((eb) => eb(eb.refTuple('tenant_id', 'conversation_id', 'activity_id'), 'in', claimed.map((row) => eb.tuple(row.tenant_id, row.conversation_id, row.activity_id))))
          .execute();
        return claimed.map((row) => {
          const message = messages.find((candidate) => sameMessage(candidate, row));
          const target = targetOf.get(row.tenant_id);
          if (!message || !target) throw new Error(`The update of message ${row.activity_id} of tenant "${row.tenant_id}" was claimed without its message or target`);
          return {
            ...keyOf(row),
            purpose: row.purpose,
            payload: storedJsonObject(row.payload, `The update of message ${row.activity_id} of tenant "${row.tenant_id}"`),
            version: row.version,
            attempts: row.attempts,
            message: postedMessage(message),
            target,
          };
        });
      });
    },

    async finishMessageUpdate(key, version, status, reason, at) {
      await db.transaction().execute(async (trx) => {
        const result = await updateWork.row(trx, key)
          .set({ status, last_error: reason, ...LEASE_CLEARED, done_at: at.toISOString() })
          .where('status', '=', 'sending')
          .where('version', '=', version)
          .executeTakeFirst();
        if (result.numUpdatedRows > 0n) {
          // A deleted message is not updated again, whatever is ticked later.
          if (status === 'gone') await updateMessage(trx, { tenant_id: key.tenantId, conversation_id: key.conversationId, activity_id: key.activityId }).set({ state: 'gone' }).execute();
          return;
        }
        // A newer change was queued while this update was in flight: the card must go out again.
        await updateWork.row(trx, key).set({ status: 'pending', ...LEASE_CLEARED, next_attempt_at: ATTEMPT_NOW }).where('status', '=', 'sending').execute();
      });
    },

    releaseMessageUpdate: (key, options) => updateWork.release(db, key, options),

    async postedMessagesOf(tenantId) {
      const rows = await db.selectFrom('posted_messages').selectAll().where('tenant_id', '=', tenantId).orderBy('posted_at').orderBy('activity_id').execute();
      return rows.map(postedMessage);
    },

    async messageUpdatesOf(tenantId) {
      const rows = await db.selectFrom('message_updates').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('activity_id').execute();
      return rows.map((row) => ({ ...keyOf(row), purpose: row.purpose, status: row.status, version: row.version, attempts: row.attempts, lastError: row.last_error, doneAt: row.done_at }));
    },
  };
}

type Db = Kysely<DatabaseSchema>;
type MessageRowKey = { tenant_id: string; conversation_id: string; activity_id: string };

function messageRow(tenantId: string, conversationId: string, activityId: string, channelId: string, at: Date) {
  return { tenant_id: tenantId, conversation_id: conversationId, activity_id: activityId, channel_id: channelId, posted_at: at.toISOString() };
}

function liveMessages(db: Db, tenantId: string, cycle: string, card: PostedCard) {
  return db.selectFrom('posted_messages').selectAll().where('tenant_id', '=', tenantId).where('cycle', '=', cycle).where('state', '=', 'live').where('card', '=', card);
}

function updateMessage(db: Db, row: MessageRowKey) {
  return db.updateTable('posted_messages').where('tenant_id', '=', row.tenant_id).where('conversation_id', '=', row.conversation_id).where('activity_id', '=', row.activity_id);
}

/** Queued updates as leased work, claimed oldest first. */
const updateWork = leasedWork({
  table: 'message_updates',
  key: ['tenant_id', 'conversation_id', 'activity_id'],
  keyValues: (key: MessageKey | MessageRowKey) => {
    const { tenantId, conversationId, activityId } = 'tenantId' in key ? key : keyOf(key);
    return [tenantId, conversationId, activityId];
  },
  order: ['created_at', 'tenant_id', 'activity_id'],
});

/** Moves the messages to `state` and queues one update each; a message already queued keeps its update. */
async function queueUpdates(db: Db, rows: readonly MessageRowKey[], purpose: MessageUpdatePurpose, payload: object, state: PostedMessageState, at: Date): Promise<void> {
  for (const row of rows) {
    await updateMessage(db, row).set({ state }).execute();
    await db
      .insertInto('message_updates')
      .values({ ...pickKey(row), purpose, payload: JSON.stringify(payload), status: 'pending', next_attempt_at: ATTEMPT_NOW, created_at: at.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Queues a refresh of the cycle's live checklist card in the channel. Ticks coalesce: while one is
 * queued, another only raises its version; while one is in flight, the raise sends it once more after.
 */
async function queueChecklistRefresh(db: Db, tenantId: string, cycle: string, at: Date): Promise<void> {
  for (const row of await liveMessages(db, tenantId, cycle, 'checklist').execute()) {
    await db
      .insertInto('message_updates')
      .values({ ...pickKey(row), purpose: 'checklist', payload: '{}', status: 'pending', next_attempt_at: ATTEMPT_NOW, created_at: at.toISOString() })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'conversation_id', 'activity_id']).doUpdateSet({
          version: sql<number>`message_updates.version + 1`,
          status: sql<MessageUpdateStatus>`case when message_updates.status = 'sending' then 'sending' else 'pending' end`,
          attempts: 0,
          last_error: '',
          next_attempt_at: ATTEMPT_NOW,
        }),
      )
      .execute();
  }
}

function pickKey(row: MessageRowKey): MessageRowKey {
  return { tenant_id: row.tenant_id, conversation_id: row.conversation_id, activity_id: row.activity_id };
}

function keyOf(row: MessageRowKey): MessageKey {
  return { tenantId: row.tenant_id, conversationId: row.conversation_id, activityId: row.activity_id };
}

function sameMessage(a: MessageRowKey, b: MessageRowKey): boolean {
  return a.tenant_id === b.tenant_id && a.conversation_id === b.conversation_id && a.activity_id === b.activity_id;
}

function postedMessage(row: Selectable<PostedMessagesTable>): PostedMessage {
  return {
    ...keyOf(row),
    card: row.card,
    cycle: row.cycle,
    reminderKind: row.reminder_kind as ReminderKind | '',
    reminderSubject: row.reminder_subject,
    postedAt: row.posted_at,
    state: row.state,
  };
}
