/**
 * The Primary Program Contact's 1:1 chat with the bot, per tenant and Azure AD object id: where a
 * personal reminder goes, why the last one could not get there, and whether the contact stopped
 * them. A contact of two organizations (two tenants) has two rows: nothing is shared across tenants.
 */
import type { Kysely } from 'kysely';
import type { ConversationRef } from '../conversation-ref.js';
import { storedConversationRef } from './json-text.js';
import type { DatabaseSchema } from './schema.js';

export interface PersonalConversation {
  conversationId: string;
  serviceUrl: string;
  /** Where a proactive message to the 1:1 chat goes (stored as JSON). */
  conversationReference: ConversationRef;
}

export interface PersonalChat {
  tenantId: string;
  aadObjectId: string;
  /** Undefined while no 1:1 conversation is known (the contact never wrote, none was created yet). */
  conversation?: PersonalConversation;
  /** Why the last personal reminder could not reach the contact; '' when it did, or none was tried. */
  unreachableReason: string;
}

export interface PersonalChatStore {
  /**
   * Keeps the 1:1 conversation the contact wrote in (or the bot created) and clears any unreachable
   * mark; one read and no write when nothing changed.
   */
  rememberPersonalChat(tenantId: string, aadObjectId: string, conversation: PersonalConversation): Promise<void>;
  getPersonalChat(tenantId: string, aadObjectId: string): Promise<PersonalChat | undefined>;
  /** Records why Teams could not reach the contact (the conversation, if known, is kept). */
  markContactUnreachable(tenantId: string, aadObjectId: string, reason: string): Promise<void>;
  /** "stop personal reminders" (false) or "start personal reminders" (true), for one organization's contact. */
  setPersonalReminders(tenantId: string, aadObjectId: string, on: boolean, at: Date): Promise<void>;
  personalRemindersStopped(tenantId: string, aadObjectId: string): Promise<boolean>;
}

export function personalChatStore(db: Kysely<DatabaseSchema>, now: () => Date): PersonalChatStore {
  const row = (tenantId: string, aadObjectId: string) =>
    db.selectFrom('personal_conversations').selectAll().where('tenant_id', '=', tenantId).where('aad_object_id', '=', aadObjectId).executeTakeFirst();

  return {
    async rememberPersonalChat(tenantId, aadObjectId, conversation) {
      const stored = await row(tenantId, aadObjectId);
      // Every message of the contact comes here: the usual case is this one read.
      if (stored && stored.unreachable_reason === '' && stored.conversation_id === conversation.conversationId && stored.service_url === conversation.serviceUrl) return;
      const values = {
        conversation_id: conversation.conversationId,
        service_url: conversation.serviceUrl,
        conversation_reference: JSON.stringify(conversation.conversationReference),
        unreachable_reason: '',
        updated_at: now().toISOString(),
      };
      await db
        .insertInto('personal_conversations')
        .values({ tenant_id: tenantId, aad_object_id: aadObjectId, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'aad_object_id']).doUpdateSet(values))
        .execute();
    },

    async getPersonalChat(tenantId, aadObjectId) {
      const stored = await row(tenantId, aadObjectId);
      if (!stored) return undefined;
      const what = `The personal conversation of ${aadObjectId} in tenant "${tenantId}"`;
      return {
        tenantId: stored.tenant_id,
        aadObjectId: stored.aad_object_id,
        conversation:
          stored.conversation_id === ''
            ? undefined
            : { conversationId: stored.conversation_id, serviceUrl: stored.service_url, conversationReference: storedConversationRef(stored.conversation_reference, what) },
        unreachableReason: stored.unreachable_reason,
      };
    },

    async markContactUnreachable(tenantId, aadObjectId, reason) {
      const values = { unreachable_reason: reason, updated_at: now().toISOString() };
      await db
        .insertInto('personal_conversations')
        .values({ tenant_id: tenantId, aad_object_id: aadObjectId, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'aad_object_id']).doUpdateSet(values))
        .execute();
    },

    async setPersonalReminders(tenantId, aadObjectId, on, at) {
      if (on) {
        await db.deleteFrom('personal_reminder_opt_outs').where('tenant_id', '=', tenantId).where('aad_object_id', '=', aadObjectId).execute();
        return;
      }
      await db
        .insertInto('personal_reminder_opt_outs')
        .values({ tenant_id: tenantId, aad_object_id: aadObjectId, stopped_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['tenant_id', 'aad_object_id']).doNothing())
        .execute();
    },

    async personalRemindersStopped(tenantId, aadObjectId) {
      const stopped = await db
        .selectFrom('personal_reminder_opt_outs')
        .select('tenant_id')
        .where('tenant_id', '=', tenantId)
        .where('aad_object_id', '=', aadObjectId)
        .executeTakeFirst();
      return stopped !== undefined;
    },
  };
}
