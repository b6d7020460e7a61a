/**
 * Our ConversationRef as the SDK's ConversationReference, for a continuation turn: the only place
 * the two shapes meet. Teams needs no more than this to post into a conversation; `user` is left
 * out (a proactive message names no recipient).
 */
import type { ChannelAccount, ConversationAccount, ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../conversation-ref.js';

export function sdkReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    bot: sdkBot(ref),
    conversation: { id: ref.conversationId, tenantId: ref.tenantId, conversationType: ref.scope, isGroup: ref.scope !== 'personal' } as ConversationAccount,
  };
}

/** The bot's account in the conversation; Teams knows its name, so none is sent. */
export function sdkBot(ref: Pick<ConversationRef, 'botId'>): ChannelAccount {
  return { id: ref.botId } as ChannelAccount;
}
