/**
 * The switchboard: maps Teams events to handlers and their cards to replies. It keeps no state
 * between turns; everything a turn needs comes from the activity and the dependencies.
 */
import { MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue } from 'botbuilder';
import type { CardAttachment } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import { PROFILE_FORM_VERB } from '../rules/profile-form.js';
import { welcomeView } from '../rules/welcome.js';
import { AppError } from './app-error.js';
import { errorCardFor } from './card-errors.js';
import type { BotDependencies } from './dependencies.js';
import { createQuestionHandler } from './handlers/answer-question.js';
import { createProfileSubmitHandler } from './handlers/setup-form.js';
import { recognizeIntent } from './intents.js';
import { turnIdentity, type TurnIdentity } from './turn-identity.js';

export class RenewalBot extends TeamsActivityHandler {
  private readonly answerQuestion;
  private readonly saveProfile;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.answerQuestion = createQuestionHandler(deps);
    this.saveProfile = createProfileSubmitHandler(deps);

    this.onMessage(async (context, next) => {
      await this.reply(context, (identity) => this.onMessageTurn(context, identity));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.reply(context, (identity) => this.welcome(identity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams also sends installationUpdate, which greets; other channels (the emulator) only send this.
      const botAdded = context.activity.membersAdded?.some((member) => member.id === context.activity.recipient?.id);
      if (botAdded && context.activity.channelId !== 'msteams') {
        await this.reply(context, (identity) => this.welcome(identity));
      }
      await next();
    });
  }

  private async onMessageTurn(context: TurnContext, identity: TurnIdentity): Promise<CardAttachment> {
    const value = context.activity.value as unknown;
    if (value !== undefined && value !== null) {
      // Action.Submit lands here as a message carrying the card's data.
      return this.onCardData(value, identity);
    }
    return this.answerQuestion(recognizeIntent(context.activity.text ?? '', this.deps.catalog), identity);
  }

  private async onCardData(data: unknown, identity: TurnIdentity): Promise<CardAttachment> {
    if (isRecord(data) && (data.form === 'profile' || data.verb === PROFILE_FORM_VERB)) return this.saveProfile(data, identity);
    throw new AppError('input.invalid', { reason: 'unknown card data' });
  }

  private async welcome(identity: TurnIdentity): Promise<CardAttachment> {
    const org = await this.deps.storage.getOrganization(identity.tenantId);
    return renderCard('welcome', welcomeView({ organizationName: org?.name }));
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.cardOrError(context, (identity) => {
      const verb = invokeValue?.action?.verb;
      if (verb === PROFILE_FORM_VERB) return this.saveProfile(asRecord(invokeValue.action.data), identity);
      throw new AppError('input.invalid', { reason: 'unknown verb' });
    });
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content };
  }

  /** Runs a handler and sends its card, or the error card if it refused or failed. */
  private async reply(context: TurnContext, handler: (identity: TurnIdentity) => Promise<CardAttachment>): Promise<void> {
    const card = await this.cardOrError(context, handler);
    await context.sendActivity(MessageFactory.attachment(card));
  }

  private async cardOrError(context: TurnContext, handler: (identity: TurnIdentity) => Promise<CardAttachment>): Promise<CardAttachment> {
    let identity: TurnIdentity | undefined;
    try {
      identity = turnIdentity(context.activity, { authenticationDisabled: this.deps.authenticationDisabled });
      return await handler(identity);
    } catch (error) {
      return errorCardFor(error, this.deps.log, { tenantId: identity?.tenantId, activityType: context.activity.type });
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
