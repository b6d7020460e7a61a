/**
 * The InboundHost over the Bot Framework SDK: its two-step authenticate and processActivity, with the
 * SDK's errors told apart into our own refusals, and each turn handed to the dispatcher as our own
 * values (an Inbound activity and a Reply port), without the SDK's ActivityHandler chain.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Dispatch, Reply } from '../bot/dispatcher.js';
import type { Inbound } from '../bot/turn.js';
import type { Logger } from '../logger.js';
import { cardMessage, type BotAdapter } from './adapter.js';
import { reasonOf, type InboundHost, type Refusal } from './contract.js';
import { KeySetUnavailableError } from './key-set-guard.js';
import { teamsMemberDirectory } from './member-directory.js';
import type { MemberDirectory } from '../bot/member-directory.js';

export function createInboundHost(adapter: BotAdapter, dispatch: Dispatch, log: Logger): InboundHost {
  const logic = teamsTurn(dispatch, log);
  return {
    verifyToken: (authHeader) => adapter.verifyTeamsToken(authHeader).then(() => undefined, refusalOf),
    async authenticate(authHeader, wire) {
      const activity = wire as unknown as Activity;
      const authenticated = await adapter.authenticate(authHeader, activity).catch(refusalOf);
      if ('refused' in authenticated) return authenticated;
      return {
        async run() {
          const answer = await adapter.handleActivity(authenticated, activity, logic);
          return { status: answer?.status ?? 200, body: answer?.body };
        },
      };
    },
  };
}

/** 503 when the token could not be checked at all (the signing keys are out of reach), 401 otherwise. */
function refusalOf(error: unknown): Refusal {
  return { refused: error instanceof KeySetUnavailableError ? 'unavailable' : 'unauthorized', reason: reasonOf(error) };
}

/** The SDK's turn, dispatched: what the adapter runs for every activity. */
export function teamsTurn(dispatch: Dispatch, log: Logger): (context: TurnContext) => Promise<void> {
  return (context) => dispatch(inboundOf(context, log), replyTo(context));
}

function inboundOf(context: TurnContext, log: Logger): Inbound {
  const { activity } = context;
  // Read only for a conversationUpdate, as the SDK's dispatch reads them: members added first, members
  // removed only when none were added (any other activity may carry anything in these fields).
  const update = activity.type === 'conversationUpdate';
  const anyAdded = (activity.membersAdded?.length ?? 0) > 0;
  let members: MemberDirectory | undefined;
  const botAmong = (members?: { id: string }[]) => !!members && members.length > 0 && members.some((member) => member.id === activity.recipient?.id);
  return {
    type: activity.type,
    text: activity.text,
    value: activity.value,
    name: activity.name,
    action: activity.action,
    botAdded: update && botAmong(activity.membersAdded),
    botRemoved: update && !anyAdded && botAmong(activity.membersRemoved),
    envelope: activity,
    // Built when a handler asks who is in the conversation, not for every activity.
    get members() {
      return (members ??= teamsMemberDirectory(context, log));
    },
  };
}

function replyTo(context: TurnContext): Reply {
  return {
    card: async (card) => (await context.sendActivity(cardMessage(card)))?.id,
    // The adapter answers the HTTP request with the invokeResponse activity's value.
    invoke: async (status, body) => {
      await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
    },
  };
}
