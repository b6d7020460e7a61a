/** The CloudAdapter, configured from the SDK's own settings, with the last-resort turn error handler. */
import { ActivityEx, BotCallbackHandlerKey, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, TurnContext } from 'botbuilder';
import type { Activity, ChannelAccount, ConversationAccount, ConfigurationBotFrameworkAuthenticationOptions, ConfigurationServiceClientCredentialFactoryOptions, ConversationReference, InvokeResponse } from 'botbuilder';
import { ConnectorFactory, JwtTokenValidation, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type { Logger } from '../logger.js';
import { errorCard, logTurnError } from '../bot/card-errors.js';
import { installKeySetGuard } from './key-set-guard.js';
import { keptClients } from './kept-clients.js';
import { SharedCredentialsFactory } from './shared-credentials.js';
import type { CardAttachment } from '../cards/render-card.js';
import type { ConversationRef } from '../conversation-ref.js';

/** The only channel this bot answers: its tokens' signing keys must be endorsed for it. */
const TEAMS_CHANNEL = 'msteams';

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

  /**
   * The token checked from the headers alone, before a byte of body is read: signature, issuer,
   * audience (this bot's app id), expiry and the `msteams` endorsement of its signing key. It is the
   * SDK's own check (the one it runs for streaming requests, which carry no activity), without the
   * service-URL claim, which `authenticate` checks once the body is parsed.
   */
  async verifyTeamsToken(authHeader: string): Promise<void> {
    await this.botFrameworkAuthentication.authenticateStreamingRequest(authHeader, TEAMS_CHANNEL);
  }

  /** Connector clients for turn replies, per (app id, audience, service URL); they keep the SDK's retries. */
  private readonly replyClients = keptClients<ConnectorClient>();

  /**
   * processActivity with the turn's connector client taken from a cache instead of built anew: the
   * credentials behind it are already shared per app id and audience (SharedCredentialsFactory), so
   * two turns with the same app id, audience and service URL would build identical clients.
   */
  handleActivity(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const built = authenticated.connectorFactory;
    if (!built) return this.processActivity(authenticated, activity, logic); // the SDK reports the missing factory
    const connectorFactory = new KeptConnectorFactory(built, appIdOf(authenticated.claimsIdentity), this.replyClients);
    return this.processActivity({ ...authenticated, connectorFactory }, activity, logic);
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

/** The app id a turn acts as (from its claims; empty with authentication off). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

/** A turn's connector factory whose clients come from `kept` (built by the turn's own factory the first time). */
class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly built: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: (key: string, build: () => Promise<ConnectorClient>) => Promise<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept(JSON.stringify([this.appId, audience ?? null, serviceUrl]), () => this.built.create(serviceUrl, audience));
  }
}

/** The SDK's authentication with one user-token client per app id instead of one per turn (this bot never signs users in). */
class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = keptClients<UserTokenClient>();

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

export function createAdapter(settings: Record<string, string>, log: Logger): BotAdapter {
  installKeySetGuard({ timeoutMs: KEY_SET_TIMEOUT_MS, log });
  // One credentials object (one MSAL client, one token) per app id and audience, for turns and sends alike.
  const credentials = new SharedCredentialsFactory(new ConfigurationServiceClientCredentialFactory(settings as ConfigurationServiceClientCredentialFactoryOptions));
  const auth = new KeptClientsAuthentication(settings as ConfigurationBotFrameworkAuthenticationOptions, credentials);
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Handlers answer their own errors; reaching here means the reply itself failed or a bug escaped.
    const code = logTurnError(error, log, { activityType: context.activity.type, conversationId: context.activity.conversation?.id });
    if (context.activity.type === 'message') {
      await context.sendActivity(cardMessage(errorCard(code, error))).catch((sendError: unknown) => log.warn({ err: sendError }, 'error card not delivered'));
    }
  };
  return adapter;
}

/** A card as the message activity that carries it: the fields botbuilder's MessageFactory.attachment sets. */
interface CardMessage {
  type: 'message';
  attachmentLayout: 'list';
  attachments: CardAttachment[];
  inputHint: 'acceptingInput';
}

export function cardMessage(card: CardAttachment): CardMessage {
  return { type: 'message', attachmentLayout: 'list', attachments: [card], inputHint: 'acceptingInput' };
}

/**
 * Our ConversationRef as the SDK's ConversationReference, for a continuation turn: the only place
 * the two shapes meet. Teams needs no more than this to post into a conversation; `user` is left
 * out (a proactive message names no recipient).
 */
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
