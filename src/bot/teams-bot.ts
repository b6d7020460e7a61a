/**
 * The switchboard: maps Teams events to handlers and their cards to replies. It keeps no state
 * between turns; everything a turn needs comes from the activity and the dependencies.
 */
import { MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, InvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import { CHECKLIST_REFRESH_VERB, CHECKLIST_TOGGLE_VERB } from '../rules/checklist.js';
import { PROFILE_FORM_VERB } from '../rules/profile-form.js';
import { reminderChannelElsewhereView } from '../rules/reminder-channel.js';
import { welcomeView } from '../rules/welcome.js';
import { AppError, errorView } from './app-error.js';
import { errorCardFor } from './card-errors.js';
import type { BotDependencies } from './dependencies.js';
import { createQuestionHandler } from './handlers/answer-question.js';
import { createCalendarHandlers } from './handlers/calendar.js';
import { createChecklistHandlers } from './handlers/checklist.js';
import { createMarkRenewedHandler } from './handlers/mark-renewed.js';
import { createReminderChannelHandlers } from './handlers/reminder-channel.js';
import { createProfileSubmitHandler } from './handlers/setup-form.js';
import { recognizeIntent } from './intents.js';
import { isServiceUrlAllowed } from './service-url-allowlist.js';
import { isTeamsActivity, turnIdentity, type TurnIdentity } from './turn-identity.js';

const UniversalActionSchema = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(200) }).loose() }).loose();

export class RenewalBot extends TeamsActivityHandler {
  private readonly answerQuestion;
  private readonly saveProfile;
  private readonly reminderChannel;
  private readonly markRenewed;
  private readonly checklist;
  private readonly calendar;
  /**
   * Last service URL stored per tenant, so an unchanged one costs no database write. Bounded: past
   * the limit the oldest tenants are forgotten, which only costs them one more read.
   */
  private readonly knownServiceUrls = new Map<string, string>();
  private static readonly KNOWN_SERVICE_URLS_KEPT = 10_000;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.calendar = createCalendarHandlers(deps);
    this.checklist = createChecklistHandlers(deps);
    this.answerQuestion = createQuestionHandler(deps);
    this.saveProfile = createProfileSubmitHandler(deps);
    this.reminderChannel = createReminderChannelHandlers(deps);
    this.markRenewed = createMarkRenewedHandler(deps);

    this.onMessage(async (context, next) => {
      await this.reply(context, (identity) => this.onMessageTurn(context, identity));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.reply(context, async (identity) => {
        if ((await this.reminderChannel.onAddedToTeam(context.activity, identity)) !== 'elsewhere') return this.welcome(identity);
        const org = await this.deps.storage.getOrganization(identity.tenantId);
        return renderCard('notice', reminderChannelElsewhereView(org?.name));
      });
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.quietly(context, (identity) => this.reminderChannel.onRemovedFromTeam(context.activity, identity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends installationUpdate too, which greets: this one only records the team.
      if (isBotAmong(context.activity.membersAdded, context)) {
        await this.quietly(context, async (identity) => {
          await this.reminderChannel.onAddedToTeam(context.activity, identity);
        });
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (isBotAmong(context.activity.membersRemoved, context)) {
        await this.quietly(context, (identity) => this.reminderChannel.onRemovedFromTeam(context.activity, identity));
      }
      await next();
    });
  }

  /** Teams only: anything else is told where the bot works, and nothing is read or written for it. */
  override async run(context: TurnContext): Promise<void> {
    if (isTeamsActivity(context.activity)) return super.run(context);
    this.deps.log.info({ channelId: String(context.activity.channelId).slice(0, 64), type: context.activity.type }, 'activity from outside Teams answered with the Teams-only card');
    const card = renderCard('error', errorView('channel.unsupported'));
    if (context.activity.type === 'message' || (context.activity.type === 'conversationUpdate' && isBotAmong(context.activity.membersAdded, context))) {
      await context.sendActivity(MessageFactory.attachment(card));
    } else if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } } });
    }
  }

  private async onMessageTurn(context: TurnContext, identity: TurnIdentity): Promise<CardAttachment> {
    const value = context.activity.value as unknown;
    if (value !== undefined && value !== null) {
      // Action.Submit lands here as a message carrying the card's data.
      return this.onCardData(value, identity);
    }
    const intent = recognizeIntent(context.activity.text ?? '', this.deps.catalog);
    if (intent.kind === 'reminders-here') return this.reminderChannel.postRemindersHere(context.activity, identity);
    if (intent.kind === 'mark-renewed') return this.markRenewed(identity);
    if (intent.kind === 'checklist') return this.checklist.show(identity, context.activity);
    if (intent.kind === 'calls') return this.calendar.showCalls(identity, context.activity);
    if (intent.kind === 'calendar-link') return this.calendar.calendarLink(identity, intent.rotate);
    return this.answerQuestion(intent, identity);
  }

  private async onCardData(data: unknown, identity: TurnIdentity): Promise<CardAttachment> {
    if (isRecord(data) && (data.form === 'profile' || data.verb === PROFILE_FORM_VERB)) return this.saveProfile(data, identity);
    throw new AppError('input.invalid', { reason: 'unknown card data' });
  }

  private async welcome(identity: TurnIdentity): Promise<CardAttachment> {
    const org = await this.deps.storage.getOrganization(identity.tenantId);
    return renderCard('welcome', welcomeView({ organizationName: org?.name }));
  }

  /**
   * Only Universal Actions are invoked on this bot (its manifest declares no other feature). The SDK
   * answers any other invoke name with 501; a 400 says more truthfully that the request is unusable.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      // A malformed Universal Action gets the error card, like any other unusable input.
      if (!UniversalActionSchema.safeParse(context.activity.value).success) {
        const card = errorCardFor(new AppError('input.invalid', { reason: 'malformed adaptiveCard/action' }), this.deps.log);
        return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } };
      }
      return super.onInvokeActivity(context);
    }
    this.deps.log.warn({ name: String(context.activity.name).slice(0, 100) }, 'unsupported invoke');
    return { status: 400, body: { code: 'unsupported-invoke', message: 'This bot only handles adaptiveCard/action invokes.' } };
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.cardOrError(context, (identity) => {
      const verb = invokeValue?.action?.verb;
      const data = invokeValue?.action?.data;
      if (verb === PROFILE_FORM_VERB) return this.saveProfile(asRecord(data), identity);
      if (verb === CHECKLIST_TOGGLE_VERB) return this.checklist.toggle(data, identity, context.activity);
      if (verb === CHECKLIST_REFRESH_VERB) return this.checklist.refresh(data, identity, context.activity);
      throw new AppError('input.invalid', { reason: 'unknown verb' });
    });
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content };
  }

  /** Runs a handler and sends its card, or the error card if it refused or failed. */
  private async reply(context: TurnContext, handler: (identity: TurnIdentity) => Promise<CardAttachment>): Promise<void> {
    const card = await this.cardOrError(context, handler);
    await context.sendActivity(MessageFactory.attachment(card));
  }

  /** Runs a handler that answers nothing (lifecycle events); failures are only logged. */
  private async quietly(context: TurnContext, handler: (identity: TurnIdentity) => Promise<void>): Promise<void> {
    try {
      await handler(await this.identify(context));
    } catch (error) {
      errorCardFor(error, this.deps.log, { activityType: context.activity.type });
    }
  }

  private async identify(context: TurnContext): Promise<TurnIdentity> {
    const identity = turnIdentity(context.activity);
    if (!this.deps.isTenantAllowed(identity.tenantId)) throw new AppError('tenant.not-allowed');
    const serviceUrl = context.activity.serviceUrl;
    // The HTTP edge refuses these before the SDK sees them; checked again here because every handler
    // that stores a target or a service URL (installs, "post reminders here", the line below) runs
    // after this, so no other way in can store one either.
    if (!isServiceUrlAllowed(this.deps.serviceUrls, serviceUrl)) throw new AppError('input.invalid', { reason: 'service URL not in SERVICE_URL_ALLOWLIST' });
    if (serviceUrl && this.knownServiceUrls.get(identity.tenantId) !== serviceUrl) {
      // Teams may move a tenant to another service URL; proactive sends must follow it.
      await this.deps.storage.rememberServiceUrl(identity.tenantId, serviceUrl);
      this.knownServiceUrls.delete(identity.tenantId);
      this.knownServiceUrls.set(identity.tenantId, serviceUrl);
      if (this.knownServiceUrls.size > RenewalBot.KNOWN_SERVICE_URLS_KEPT) this.knownServiceUrls.delete(this.knownServiceUrls.keys().next().value as string);
    }
    return identity;
  }

  private async cardOrError(context: TurnContext, handler: (identity: TurnIdentity) => Promise<CardAttachment>): Promise<CardAttachment> {
    let identity: TurnIdentity | undefined;
    try {
      identity = await this.identify(context);
      return await handler(identity);
    } catch (error) {
      return errorCardFor(error, this.deps.log, { tenantId: identity?.tenantId, activityType: context.activity.type });
    }
  }
}

function isBotAmong(members: { id: string }[] | undefined, context: TurnContext): boolean {
  return members?.some((member) => member.id === context.activity.recipient?.id) ?? false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
