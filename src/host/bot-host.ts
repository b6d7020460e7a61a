/**
 * The Bot Framework host, built one way for the server and the CLI: the adapter inbound turns run
 * through, and the proactive sender for reminders and message updates, sharing its credentials and
 * its connector clients' token.
 */
import type { Dispatch } from '../bot/dispatcher.js';
import { createAdapter } from './adapter.js';
import type { ServiceUrlAllowlist } from '../bot/service-url-allowlist.js';
import { botFrameworkSettings, serviceUrlAllowlistOf, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { InboundHost, ProactiveSender } from './contract.js';
import { createInboundHost } from './inbound.js';
import { createProactiveSender } from './sender.js';

export interface BotHost {
  /** The host of inbound turns, each handed to `dispatch`. */
  inbound(dispatch: Dispatch): InboundHost;
  sender: ProactiveSender;
}

/** `serviceUrls`: the allowlist the caller also checks inbound activities against (default: the configured one). */
export function createBotHost(config: Config, log: Logger, serviceUrls: ServiceUrlAllowlist = serviceUrlAllowlistOf(config)): BotHost {
  const adapter = createAdapter(botFrameworkSettings(config), log);
  const sender = createProactiveSender(adapter, config.MicrosoftAppId, config.REMINDER_SEND_TIMEOUT_MS, serviceUrls);
  return { inbound: (dispatch) => createInboundHost(adapter, dispatch, log), sender };
}
