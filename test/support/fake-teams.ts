/**
 * The local Bot Connector answering as Teams does for personal messages: a team's roster looked up
 * by Azure AD object id (GET /v3/conversations/{teamId}/members/{id}, what TeamsInfo.getTeamMember
 * calls), 1:1 conversations created (POST /v3/conversations; the same member always gets the same
 * chat back, as Teams does), and 403 for a chat whose member blocked the bot.
 */
import { ok, type FakeConnector, type ScriptedReply, type SentActivity } from './fake-connector.js';

export interface FakeTeams {
  /** Members per team: Azure AD object id → the Teams user id (29:…). */
  rosters: Map<string, Map<string, string>>;
  /** Conversation ids whose messages Teams refuses with 403 (the user blocked the bot). */
  blocked: Set<string>;
  /** The answer to anything else (e.g. a 429 or a hang); 200 by default. */
  otherwise: (request: SentActivity) => ScriptedReply;
}

/** The 1:1 chat Teams keeps for a member: created on first use, the same afterwards. */
export const personalChatOf = (userId: string) => `a:1on1-${userId}`;

const MEMBER = /^\/_connector\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

/** Makes the connector answer as Teams; returns the roster and blocks to arrange per test. */
export function actAsTeams(connector: FakeConnector, rosters: Record<string, Record<string, string>> = {}): FakeTeams {
  const teams: FakeTeams = {
    rosters: new Map(Object.entries(rosters).map(([team, members]) => [team, new Map(Object.entries(members))])),
    blocked: new Set(),
    otherwise: () => ok(),
  };
  connector.respond = (request) => {
    const member = MEMBER.exec(request.path);
    if (request.method === 'GET' && member) {
      const [, teamId, aadObjectId] = member as unknown as [string, string, string];
      const userId = teams.rosters.get(teamId)?.get(aadObjectId);
      return userId
        ? { status: 200, body: { id: userId, name: 'Member', aadObjectId, tenantId: 'from-roster' } }
        : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the team' } } };
    }
    if (request.method === 'POST' && request.path === '/_connector/v3/conversations') {
      const members = (request.body.members as { id: string }[] | undefined) ?? [];
      if (members.length !== 1) return { status: 400, body: { error: { code: 'BadArgument' } } };
      return { status: 201, body: { id: personalChatOf(members[0]!.id) } };
    }
    if (teams.blocked.has(request.conversationId)) return { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } };
    return teams.otherwise(request);
  };
  return teams;
}

/** The calls the connector received, by what they were. */
export function connectorCalls(connector: FakeConnector) {
  const sent = connector.sent;
  return {
    lookups: sent.filter((request) => request.method === 'GET' && MEMBER.test(request.path)),
    creates: sent.filter((request) => request.method === 'POST' && request.path === '/_connector/v3/conversations'),
    messagesTo: (conversationId: string) => sent.filter((request) => request.conversationId === conversationId && request.path.includes('/activities')),
  };
}
