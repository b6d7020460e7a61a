/**
 * Opens the bot's 1:1 chat with a Primary Program Contact who never wrote to it, as Teams' proactive
 * messaging asks: the member is looked up by Azure AD object id in a team the bot is installed in
 * (TeamsInfo.getTeamMember: GET /v3/conversations/{teamId}/members/{id}), then the conversation is
 * created with that member in the contact's tenant (POST /v3/conversations, what
 * CloudAdapter.createConversationAsync calls). Teams answers with the existing 1:1 chat when there
 * is one, so opening twice does not make two chats. Both calls go through the proactive sender's
 * call (allowlist, shared connector client without SDK retries, timeout).
 */
import { TeamsInfo, type ConversationParameters } from 'botbuilder';
import type { PersonalConversation } from '../storage/personal-chats.js';
import { connectorId } from './connector-id.js';
import type { PersonalChatRequest } from './contract.js';
import { sdkBot } from './adapter.js';
import type { ConnectorCall } from './sender.js';

export async function openPersonalConversation(call: ConnectorCall, request: PersonalChatRequest): Promise<PersonalConversation> {
  const { tenantId, aadObjectId, team } = request;
  const member = await call(team, (context) => TeamsInfo.getTeamMember(context, team.teamId, aadObjectId));
  const botId = team.conversationReference.botId;
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: sdkBot({ botId }),
    members: [{ id: member.id, name: member.name ?? '' }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  } as ConversationParameters;
  const created = await call(team, (_context, connectorClient) => connectorClient.conversations.createConversation(parameters));
  const conversationId = connectorId(created.id);
  if (!conversationId) throw new Error('Teams created the personal conversation without a usable id');
  return {
    conversationId,
    serviceUrl: team.serviceUrl,
    conversationReference: { serviceUrl: team.serviceUrl, conversationId, tenantId, botId, scope: 'personal' },
  };
}
