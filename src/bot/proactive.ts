/**
 * Posts a card into a stored conversation through the Bot Connector, the way Teams expects
 * proactive messages: a continuation turn (as CloudAdapter.continueConversationAsync runs it) with the
 * bot's app id. The connector client for a service URL is built once and reused by every send to it;
 * its credentials (one per app id and audience) fetch and renew the token (see shared-credentials.ts).
 */
import { MessageFactory, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CardAttachment } from '../cards/render-card.js';
import type { ReminderTarget } from '../storage/reminder-store.js';
import type { BotAdapter } from './adapter.js';
import { keptClients } from './kept-clients.js';
import { isServiceUrlAllowed, UntrustedServiceUrlError, type ServiceUrlAllowlist } from './service-url-allowlist.js';

export interface CardSender {
  /** Resolves when the connector accepted the card; rejects with the connector's error otherwise. */
  send(target: ReminderTarget, card: CardAttachment): Promise<void>;
}

export class SendTimeoutError extends Error {
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
      adapter.createConnectorClient(appId, serviceUrl).then((created) => {
        withoutSdkRetries(created);
        return created;
      }),
    );
}

export function createProactiveSender(adapter: BotAdapter, appId: string, timeoutMs: number, serviceUrls: ServiceUrlAllowlist): CardSender {
  const connectorFor = connectorClients(adapter, appId);
  return {
    async send(target, card) {
      // Checked at every send, not only when stored: the list may have changed since, and a row
      // written by hand or by an older version must not get the bot's token either.
      if (!isServiceUrlAllowed(serviceUrls, target.serviceUrl)) throw new UntrustedServiceUrlError();
      // The newest service URL seen for the tenant wins over the one saved with the reference.
      const reference = { ...target.conversationReference, serviceUrl: target.serviceUrl } as Partial<ConversationReference>;
      // The failure is caught inside the turn: thrown from it, the adapter's onTurnError would
      // swallow it and the send would look successful.
      let failure: { error: unknown } | undefined;
      const delivery = connectorFor(target.serviceUrl)
        .then((connectorClient) =>
          adapter.continueConversationWith(connectorClient, appId, reference, async (context) => {
            try {
              await context.sendActivity(MessageFactory.attachment(card));
            } catch (error) {
              failure = { error };
            }
          }),
        )
        .then(() => {
          if (failure) throw failure.error;
        });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SendTimeoutError(timeoutMs)), timeoutMs);
      });
      try {
        await Promise.race([delivery, timeout]);
      } finally {
        clearTimeout(timer);
        delivery.catch(() => {}); // a late failure after the timeout is already accounted for
      }
    },
  };
}
