/** The CloudAdapter, configured from the SDK's own settings, with the last-resort turn error handler. */
import { ActivityEx, BotCallbackHandlerKey, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, ConfigurationServiceClientCredentialFactoryOptions, ConversationReference, InvokeResponse } from 'botbuilder';
import type { AuthenticateRequestResult, ConnectorClient } from 'botframework-connector';
import type { Logger } from '../logger.js';
import { errorCard, logTurnError } from './card-errors.js';
import { installKeySetGuard } from './key-set-guard.js';
import { SharedCredentialsFactory } from './shared-credentials.js';

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

  /**
   * A connector client for outbound calls as `appId` to `serviceUrl`, as continueConversationAsync builds one.
   * Not named createConnectorClient: TeamsInfo takes an adapter with that method for the old
   * BotFrameworkAdapter and calls it instead of using the turn's client.
   */
  connectorClientFor(appId: string, serviceUrl: string): Promise<ConnectorClient> {
    return this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(appId)).create(serviceUrl, undefined);
  }

  /**
   * continueConversationAsync(appId, reference, logic) with a connector client the caller keeps and
   * reuses across sends: the same continuation activity, turn state and middleware, without building a
   * connector client (and the user-token client, which a proactive card never uses) per call.
   */
  async continueConversationWith(connectorClient: ConnectorClient, appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, ActivityEx.getContinuationActivity(reference));
    context.turnState.set(this.BotIdentityKey, this.createClaimsIdentity(appId));
    context.turnState.set(this.ConnectorClientKey, connectorClient);
    context.turnState.set(BotCallbackHandlerKey, logic);
    context.turnState.set(this.OAuthScopeKey, undefined);
    await this.runMiddleware(context, logic);
  }
}

export function createAdapter(settings: Record<string, string>, log: Logger): BotAdapter {
  installKeySetGuard({ timeoutMs: KEY_SET_TIMEOUT_MS, log });
  // One credentials object (one MSAL client, one token) per app id and audience, for turns and sends alike.
  const credentials = new SharedCredentialsFactory(new ConfigurationServiceClientCredentialFactory(settings as ConfigurationServiceClientCredentialFactoryOptions));
  const auth = new ConfigurationBotFrameworkAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions, credentials);
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
