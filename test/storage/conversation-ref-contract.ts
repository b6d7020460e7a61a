/**
 * Conversation references stored before 0008 (the Bot Framework SDK's own ConversationReference
 * objects) read back as our ConversationRef after the migration, on every back end, and a card
 * still reaches the conversation they name.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/host/adapter.js';
import { serviceUrlAllowlist } from '../../src/bot/service-url-allowlist.js';
import { createProactiveSender } from '../../src/host/sender.js';
import { createLogger } from '../../src/logger.js';
import { runMigrations } from '../../src/storage/migrations.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import type { MakeStorage, StorageUnderTest } from './storage-contract.js';

const T0 = new Date('2027-02-14T08:00:00.000Z');
const CHANNEL = '19:general@thread.tacv2';
const CHAT = 'a:megan-chat';
const CARD = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } };

export function runConversationRefContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} conversation references`, () => {
    let subject: StorageUnderTest;
    let connector: FakeConnector;
    beforeEach(async () => {
      subject = await makeStorage({ now: () => T0 });
      connector = await startFakeConnector();
    });
    afterEach(async () => {
      await connector.close();
      await subject.cleanup();
    });

    it('rewrites the SDK references stored before 0008 into ConversationRef, and a card still reaches them', async () => {
      const { storage, db } = subject;
      const serviceUrl = connector.serviceUrl;
      await runMigrations(db, storage.kind, { to: '0007-reminder-audience' });
      const sdkReference = (id: string, conversationType: string) =>
        JSON.stringify({ activityId: 'x', user: { id: '29:megan' }, bot: { id: '28:renewal-bot', name: 'Renewal Bot' }, conversation: { id, isGroup: conversationType !== 'personal', conversationType, tenantId: 'tenant-a' }, channelId: 'msteams', serviceUrl, locale: 'en-US' });
      const old = db as Kysely<any>;
      await old
        .insertInto('reminder_targets')
        .values({ tenant_id: 'tenant-a', team_id: 'team-1', conversation_id: CHANNEL, service_url: serviceUrl, conversation_reference: sdkReference(CHANNEL, 'channel'), active: 1, inactive_reason: '', updated_at: T0.toISOString() })
        .execute();
      await old
        .insertInto('personal_conversations')
        .values({ tenant_id: 'tenant-a', aad_object_id: 'aad-megan', conversation_id: CHAT, service_url: serviceUrl, conversation_reference: sdkReference(CHAT, 'personal'), updated_at: T0.toISOString() })
        .execute();
      // A contact only marked unreachable has no conversation, and keeps its empty reference.
      await old.insertInto('personal_conversations').values({ tenant_id: 'tenant-a', aad_object_id: 'aad-alex', unreachable_reason: 'HTTP 403', updated_at: T0.toISOString() }).execute();

      await runMigrations(db, storage.kind);

      const target = await storage.getReminderTarget('tenant-a');
      expect(target?.conversationReference).toEqual({ serviceUrl, conversationId: CHANNEL, tenantId: 'tenant-a', botId: '28:renewal-bot', scope: 'channel' });
      const chat = await storage.getPersonalChat('tenant-a', 'aad-megan');
      expect(chat?.conversation?.conversationReference).toEqual({ serviceUrl, conversationId: CHAT, tenantId: 'tenant-a', botId: '28:renewal-bot', scope: 'personal' });
      expect((await storage.getPersonalChat('tenant-a', 'aad-alex'))?.conversation).toBeUndefined();

      const log = createLogger('silent');
      const sender = createProactiveSender(createAdapter({}, log), '', 5_000, serviceUrlAllowlist({ authenticationDisabled: true }));
      await sender.send(target!, CARD as never);
      await sender.send(chat!.conversation!, CARD as never);
      const posts = connector.sent.filter((sent) => sent.method === 'POST');
      expect(posts.map((sent) => sent.conversationId)).toEqual([CHANNEL, CHAT]);
      expect(posts.every((sent) => sent.path.includes('/activities'))).toBe(true);
      expect(posts.map((sent) => sent.body.from)).toEqual([{ id: '28:renewal-bot' }, { id: '28:renewal-bot' }]);
    });
  });
}
