/**
 * The switchboard: turns Teams events into a Turn, routes it (routes.ts) and sends the card back.
 * It keeps no turn's state for another (only memories of answers that cannot differ: intent-memory.ts,
 * service-url-memory.ts, answer-cards.ts), and it is the one place where a turn's errors are caught.
 */
import { ActivityTypes, MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, InvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import type { Organization } from '../rules/organization.js';
import { reminderChannelElsewhereView } from '../rules/reminder-channel.js';
import { welcomeView } from '../rules/welcome.js';
import { AppError } from './app-error.js';
import { errorCard, logTurnError } from './card-errors.js';
import { handlerDependencies, type BotDependencies, type HandlerDependencies } from './dependencies.js';
import { intentOfAsk, isAskData } from './asks.js';
import type { Intent } from './intents.js';
import { intentMemory } from './intent-memory.js';
import { createRoutes, isVerb, verbOfSubmit } from './routes.js';
import { cardPosted } from './posted-card.js';
import { isServiceUrlAllowed } from './service-url-allowlist.js';
import { serviceUrlMemory } from './service-url-memory.js';
import { isTeamsActivity, turnFrom, type Turn } from './turn.js';
import { teamsMemberDirectory } from '../host/member-directory.js';

const UniversalActionSchema = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(200) }).loose() }).loose();

type Work<T> = (turn: Turn, org: Organization | undefined) => Promise<T>;

export class RenewalBot extends TeamsActivityHandler {
  private readonly deps: HandlerDependencies;
  private readonly routes;
  private readonly rememberServiceUrl: (tenantId: string, serviceUrl: string) => Promise<void>;
  private readonly intentOf: (text: string) => Intent;

  constructor(deps: BotDependencies) {
    super();
    this.deps = handlerDependencies(deps);
    this.routes = createRoutes(this.deps);
    this.intentOf = intentMemory(deps.catalog);
    this.rememberServiceUrl = serviceUrlMemory((tenantId, serviceUrl) => deps.storage.rememberServiceUrl(tenantId, serviceUrl));
    const channel = this.routes.reminderChannel;

    this.onInstallationUpdateAdd(async (context, next) => {
      // An app upgrade ('add-upgrade') is not a new install: nothing to greet, and the target stays.
      if (context.activity.action !== 'add') return next();
      await this.reply(context, async (turn, org) => {
        if ((await channel.onAddedToTeam(turn)) === 'elsewhere') return renderCard('notice', reminderChannelElsewhereView(org?.name));
        return renderCard('welcome', welcomeView({ organizationName: org?.name }));
      });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      // 'remove-upgrade' is part of an upgrade, not a removal.
      if (context.activity.action === 'remove') await this.quietly(context, (turn) => channel.onRemovedFromTeam(turn));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends installationUpdate too, which greets: this one only records the team.
      if (isBotAmong(context.activity.membersAdded, context)) {
        await this.quietly(context, async (turn) => {
          await channel.onAddedToTeam(turn);
        });
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (isBotAmong(context.activity.membersRemoved, context)) await this.quietly(context, (turn) => channel.onRemovedFromTeam(turn));
      await next();
    });
  }

  /** Teams only: anything else is told where the bot works, and nothing is read or written for it. */
  override async run(context: TurnContext): Promise<void> {
    if (isTeamsActivity(context.activity)) {
      // A message is answered here, not through the SDK's dispatch (ActivityHandler's chain of handler
      // lists, with no handler but this one: 35-50 µs of CPU per turn in the bench's profile).
      if (context.activity.type === ActivityTypes.Message) {
        return this.reply(context, (turn, org) => this.onMessageTurn(context.activity.text ?? '', context.activity.value, turn, org));
      }
      return super.run(context);
    }
    this.deps.log.info({ channelId: String(context.activity.channelId).slice(0, 64), type: context.activity.type }, 'activity from outside Teams answered with the Teams-only card');
    const card = errorCard('channel.unsupported');
    if (context.activity.type === 'message' || (context.activity.type === 'conversationUpdate' && isBotAmong(context.activity.membersAdded, context))) {
      await context.sendActivity(MessageFactory.attachment(card));
    } else if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: invokeCard(card) } });
    }
  }

  private onMessageTurn(text: string, value: unknown, turn: Turn, org: Organization | undefined): Promise<CardAttachment> {
    // Action.Submit lands here as a message carrying the card's data.
    if (value !== undefined && value !== null) {
      const data = asRecord(value);
      // A question button: answered exactly as the typed question.
      if (isAskData(data)) return this.routes.answer(intentOfAsk(data), turn, org);
      const verb = verbOfSubmit(data);
      if (!verb) throw new AppError('input.invalid', { reason: 'unknown card data' });
      return this.routes.act(verb, data, turn, org);
    }
    return this.routes.answer(this.intentOf(text), turn, org);
  }

  /**
   * Only Universal Actions are invoked on this bot (its manifest declares no other feature). The SDK
   * answers any other invoke name with 501; a 400 says more truthfully that the request is unusable.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      // A malformed Universal Action gets the error card, like any other unusable input.
      if (!UniversalActionSchema.safeParse(context.activity.value).success) {
        const code = logTurnError(new AppError('input.invalid', { reason: 'malformed adaptiveCard/action' }), this.deps.log, { activityType: 'invoke' });
        return { status: 200, body: invokeCard(errorCard(code)) };
      }
      return super.onInvokeActivity(context);
    }
    this.deps.log.warn({ name: String(context.activity.name).slice(0, 100) }, 'unsupported invoke');
    return { status: 400, body: { code: 'unsupported-invoke', message: 'This bot only handles adaptiveCard/action invokes.' } };
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.answer(context, async (turn, org) => {
      const verb = invokeValue?.action?.verb;
      if (!isVerb(verb)) throw new AppError('input.invalid', { reason: 'unknown verb' });
      return this.routes.act(verb, asRecord(invokeValue.action.data), turn, org);
    });
    return invokeCard(card);
  }

  /** Runs a handler and sends its card (the error card if it refused or failed). */
  private async reply(context: TurnContext, work: Work<CardAttachment>): Promise<void> {
    const card = await this.answer(context, work);
    const response = await context.sendActivity(MessageFactory.attachment(card));
    try {
      await cardPosted(card, response?.id);
    } catch (error) {
      // The reply is out; failing to keep its id only means it will not be updated later.
      this.deps.log.warn({ err: error, tenantId: context.activity.conversation?.tenantId }, 'posted card not kept for updates');
    }
  }

  /** The single catch: every turn's refusal or failure is logged here and becomes the error card. */
  private async answer(context: TurnContext, work: Work<CardAttachment>): Promise<CardAttachment> {
    let turn: Turn | undefined;
    try {
      turn = this.beginTurn(context);
      return await work(turn, await this.prepare(turn));
    } catch (error) {
      return errorCard(logTurnError(error, this.deps.log, { tenantId: turn?.tenantId, activityType: context.activity.type }), error);
    }
  }

  /** Runs a handler that answers nothing (lifecycle events); failures are only logged. */
  private async quietly(context: TurnContext, work: Work<void>): Promise<void> {
    let turn: Turn | undefined;
    try {
      turn = this.beginTurn(context);
      await work(turn, await this.prepare(turn));
    } catch (error) {
      logTurnError(error, this.deps.log, { tenantId: turn?.tenantId, activityType: context.activity.type });
    }
  }

  /** The turn, once the tenant may use the bot and the service URL may be called. */
  private beginTurn(context: TurnContext): Turn {
    const turn = turnFrom(context.activity, teamsMemberDirectory(context, this.deps.log));
    if (!this.deps.isTenantAllowed(turn.tenantId)) throw new AppError('tenant.not-allowed');
    // The HTTP edge refuses these before the SDK sees them; checked again here so that nothing a
    // handler stores (a reminder target, the service URL below) can come from another way in.
    if (!isServiceUrlAllowed(this.deps.serviceUrls, turn.serviceUrl)) throw new AppError('input.invalid', { reason: 'service URL not in SERVICE_URL_ALLOWLIST' });
    return turn;
  }

  /**
   * Before the handler: Teams may move a tenant to another service URL, and proactive sends must
   * follow it (asked only when the URL is new to this process, see service-url-memory.ts); then the
   * organization, read once per turn; and the Primary Program Contact's 1:1 chat when they write in it
   * (for personal reminders).
   */
  private async prepare(turn: Turn): Promise<Organization | undefined> {
    if (turn.serviceUrl) await this.rememberServiceUrl(turn.tenantId, turn.serviceUrl);
    const org = await this.deps.storage.getOrganization(turn.tenantId);
    // Not worth the contact's answer: a failed write is retried at their next message.
    await this.routes.rememberContactChat(turn, org).catch((error: unknown) => this.deps.log.warn({ err: error, tenantId: turn.tenantId }, "the contact's 1:1 chat could not be kept"));
    return org;
  }
}

function invokeCard(card: CardAttachment): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content as Record<string, unknown> };
}

function isBotAmong(members: { id: string }[] | undefined, context: TurnContext): boolean {
  return members?.some((member) => member.id === context.activity.recipient?.id) ?? false;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
