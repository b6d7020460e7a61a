/** The CloudAdapter, configured from the SDK's own settings, with the last-resort turn error handler. */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../logger.js';
import { errorCard, logTurnError } from './card-errors.js';
import { installKeySetGuard } from './key-set-guard.js';

/** Longest a request waits for the channel's signing keys before it is answered 503. */
const KEY_SET_TIMEOUT_MS = 5_000;

/**
 * CloudAdapter with its two steps exposed: the HTTP edge authenticates first (a rejected request
 * never waits for a turn slot, and is told apart from a failed turn), then runs the turn with the
 * result, answering without the SDK's own response writing.
 */
export class BotAdapter extends CloudAdapter {
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  handleActivity(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createAdapter(settings: Record<string, string>, log: Logger): BotAdapter {
  installKeySetGuard({ timeoutMs: KEY_SET_TIMEOUT_MS, log });
  const auth = new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Handlers answer their own errors; reaching here means the reply itself failed or a bug escaped.
    const code = logTurnError(error, log, { activityType: context.activity.type, conversationId: context.activity.conversation?.id });
    if (context.activity.type === 'message') {
      await context.sendActivity(MessageFactory.attachment(errorCard(code))).catch((sendError: unknown) => log.warn({ err: sendError }, 'error card not delivered'));
    }
  };
  return adapter;
}
