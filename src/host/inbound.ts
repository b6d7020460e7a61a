/**
 * The InboundHost over the Bot Framework SDK: its two-step authenticate and processActivity, with the
 * SDK's errors told apart into our own refusals.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { BotAdapter } from './adapter.js';
import type { InboundHost, Refusal } from './inbound-host.js';
import { KeySetUnavailableError } from './key-set-guard.js';

export function createInboundHost(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>): InboundHost {
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
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  return { refused: error instanceof KeySetUnavailableError ? 'unavailable' : 'unauthorized', reason };
}
