/**
 * Posts a card into a stored conversation through the Bot Connector, the way Teams expects
 * proactive messages: a continuation turn (as CloudAdapter.continueConversationAsync runs it) with the
 * bot's app id. The connector client for a service URL is built once and reused by every send to it;
 * its credentials (one per app id and audience) fetch and renew the token (see shared-credentials.ts).
 * It also opens a 1:1 chat with a member of a team (personal-chat.ts), through the same clients.
 */
import type { TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { BotAdapter } from './adapter.js';
import { keptClients } from './kept-clients.js';
import { isServiceUrlAllowed, type ServiceUrlAllowlist } from '../bot/service-url-allowlist.js';
import { withTimeout } from '../with-timeout.js';
import { connectorId } from './connector-id.js';
import { DeliveryError, type CardDestination, type ProactiveSender } from './contract.js';
import { cardMessage, sdkReference } from './adapter.js';
import { classifyConnectorError } from './delivery-failure.js';
import { openPersonalConversation } from './personal-chat.js';

class SendTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the Bot Connector did not answer within ${timeoutMs} ms`);
    this.name = 'SendTimeoutError';
  }
}

/**
 * The connector client's HTTP pipeline retries 429 and 5xx on its own (up to 3 times, seconds
 * apart). The reminder runner has its own, configurable policy that also feeds the rate limiter
 * and the ledger, so the SDK's retry phase is removed: one send here is one HTTP request.
 */
function withoutSdkRetries(connectorClient: unknown): void {
  const pipeline = (connectorClient as { client?: { pipeline?: { removePolicy?: (options: { phase: 'Retry' }) => unknown } } } | undefined)?.client?.pipeline;
  pipeline?.removePolicy?.({ phase: 'Retry' });
}

/** One connector client per service URL, built on first use, without the SDK's retries; the least recently used goes first. */
function connectorClients(adapter: BotAdapter, appId: string): (serviceUrl: string) => Promise<ConnectorClient> {
  const clients = keptClients<ConnectorClient>();
  return (serviceUrl) =>
    clients(serviceUrl, () =>
      adapter.connectorClientFor(appId, serviceUrl).then((created) => {
        withoutSdkRetries(created);
        return created;
      }),
    );
}

/** A call to the Bot Connector: in a continuation turn of `destination`, or with its client alone. */
export type ConnectorCall = <T>(destination: CardDestination, work: (context: TurnContext, connectorClient: ConnectorClient) => Promise<T>) => Promise<T>;

export function createProactiveSender(adapter: BotAdapter, appId: string, timeoutMs: number, serviceUrls: ServiceUrlAllowlist): ProactiveSender {
  const connectorFor = connectorClients(adapter, appId);

  /**
   * Runs `work` in a continuation turn of the destination, within the timeout. Every call goes
   * through here, so the service URL is checked before the bot's token goes anywhere.
   */
  const call: ConnectorCall = async (destination, work) => {
    // Checked at every call, not only when stored: the list may have changed since, and a row
    // written by hand or by an older version must not get the bot's token either.
    if (!isServiceUrlAllowed(serviceUrls, destination.serviceUrl)) throw new DeliveryError({ kind: 'untrusted', reason: 'the service URL is not in SERVICE_URL_ALLOWLIST' });
    // The newest service URL seen for the tenant wins over the one saved with the reference.
    const reference = sdkReference({ ...destination.conversationReference, serviceUrl: destination.serviceUrl });
    // The outcome is caught inside the turn: thrown from it, the adapter's onTurnError would
    // swallow it and the call would look successful.
    let outcome: { value: Awaited<ReturnType<typeof work>> } | { error: unknown } | undefined;
    const delivery = connectorFor(destination.serviceUrl)
      .then((connectorClient) =>
        adapter.continueConversationWith(connectorClient, appId, reference, async (context) => {
          try {
            outcome = { value: await work(context, connectorClient) };
          } catch (error) {
            outcome = { error };
          }
        }),
      )
      .then(() => {
        if (!outcome) throw new Error('the continuation turn did not run');
        if ('error' in outcome) throw outcome.error;
        return outcome.value;
      });
    return withTimeout(delivery, timeoutMs, () => new SendTimeoutError(timeoutMs));
  };

  return {
    send: (target, card) =>
      classified(async () => {
        const response = await call(target, (context) => context.sendActivity(cardMessage(card)));
        // Without a usable id the message is still sent; it just cannot be updated later.
        return connectorId(response?.id);
      }),
    update: (target, conversationId, activityId, card) =>
      classified(async () => {
        // The message may sit in a thread of the stored conversation: the update goes to the thread's id.
        const inConversation = { ...target, conversationReference: { ...target.conversationReference, conversationId } };
        await call(inConversation, (context) => context.updateActivity({ ...cardMessage(card), id: activityId }));
      }),
    openPersonalChat: (request) => classified(() => openPersonalConversation(call, request)),
  };
}

/** `work`'s result, or a DeliveryError: callers outside the host never see what the SDK threw. */
async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof DeliveryError ? error : new DeliveryError(classifyConnectorError(error), { cause: error });
  }
}
