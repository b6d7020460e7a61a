/**
 * The switchboard: one table from every kind of activity the bot handles to what it does; messages
 * and card actions go on to the intent and verb tables of routes.ts. Nothing here knows the SDK: the
 * host (src/host/inbound.ts) hands over an Inbound value and a Reply port. It keeps no turn's state
 * for another (only memories of answers that cannot differ: intents.ts, service-url-memory.ts,
 * answer-cards.ts), and it is the one place where a turn's errors are caught.
 */
import { z } from 'zod';
import { renderCard, type CardAttachment } from '../cards/render-card.js';
import type { Organization } from '../rules/organization/organization.js';
import { reminderChannelElsewhereView } from '../rules/reminders/channel-notices.js';
import { welcomeView } from '../rules/help/welcome.js';
import { AppError } from './app-error.js';
import { errorCard, logTurnError } from './card-errors.js';
import { handlerDependencies, type BotDependencies } from './dependencies.js';
import { askOf, isAskData } from './asks.js';
import { intentMemory } from './intents.js';
import { createRoutes, isVerb, verbOfSubmit } from './routes.js';
import { cardPosted } from './posted-card.js';
import { isServiceUrlAllowed } from './service-url-allowlist.js';
import { serviceUrlMemory } from './service-url-memory.js';
import { isTeamsActivity, turnFrom, type Inbound, type Turn } from './turn.js';

/** How the bot answers a turn. */
export interface Reply {
  /** Sends `card` as the turn's reply; resolves with the posted message's id when the channel gives one. */
  card(card: CardAttachment): Promise<string | undefined>;
  /** Answers an invoke with this HTTP status and body. */
  invoke(status: number, body: unknown): Promise<void>;
}

export type Dispatch = (activity: Inbound, reply: Reply) => Promise<void>;

type ActivityKind = 'message' | 'submit' | 'action' | 'invoke' | 'installed' | 'uninstalled' | 'bot-added' | 'bot-removed' | 'outside-teams' | 'ignored';

/** Which entry of the table an activity goes to. */
function kindOf(activity: Inbound): ActivityKind {
  if (!isTeamsActivity(activity.envelope)) return 'outside-teams';
  switch (activity.type) {
    case 'message':
      // Action.Submit lands as a message carrying the card's data.
      return activity.value !== undefined && activity.value !== null ? 'submit' : 'message';
    case 'invoke':
      return activity.name === 'adaptiveCard/action' ? 'action' : 'invoke';
    case 'installationUpdate':
      // An upgrade ('add-upgrade', 'remove-upgrade') is neither a new install nor a removal.
      return activity.action === 'add' ? 'installed' : activity.action === 'remove' ? 'uninstalled' : 'ignored';
    case 'conversationUpdate':
      return activity.botAdded ? 'bot-added' : activity.botRemoved ? 'bot-removed' : 'ignored';
    default:
      return 'ignored';
  }
}

const UniversalActionSchema = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(200), data: z.unknown().optional() }).loose() }).loose();

type Work<T> = (turn: Turn, org: Organization | undefined) => Promise<T>;

export function createDispatcher(deps: BotDependencies): Dispatch {
  const { log } = deps;
  const handlerDeps = handlerDependencies(deps);
  const routes = createRoutes(handlerDeps);
  const intentOf = intentMemory(deps.catalog);
  const rememberServiceUrl = serviceUrlMemory((tenantId, serviceUrl) => deps.storage.rememberServiceUrl(tenantId, serviceUrl));
  const channel = routes.reminderChannel;

  const table: Record<ActivityKind, Dispatch> = {
    message: (activity, reply) => replyWith(activity, reply, (turn, org) => routes.answer(intentOf(activity.text ?? ''), turn, org)),
    submit: (activity, reply) => replyWith(activity, reply, (turn, org) => submitted(asRecord(activity.value), turn, org)),
    action: async (activity, reply) => {
      const invoked = UniversalActionSchema.safeParse(activity.value);
      const card = invoked.success
        ? await answer(activity, (turn, org) => {
            const { verb, data } = invoked.data.action;
            if (!isVerb(verb)) throw new AppError('input.invalid', { reason: 'unknown verb' });
            return routes.act(verb, asRecord(data), turn, org);
          })
        : // A malformed Universal Action gets the error card, like any other unusable input.
          errorCard(logTurnError(new AppError('input.invalid', { reason: 'malformed adaptiveCard/action' }), log, { activityType: 'invoke' }));
      await reply.invoke(200, invokeCard(card));
    },
    // Only Universal Actions are invoked on this bot (its manifest declares no other feature): any other is unusable.
    invoke: async (activity, reply) => {
      log.warn({ name: String(activity.name).slice(0, 100) }, 'unsupported invoke');
      await reply.invoke(400, { code: 'unsupported-invoke', message: 'This bot only handles adaptiveCard/action invokes.' });
    },
    installed: (activity, reply) =>
      replyWith(activity, reply, async (turn, org) => {
        if ((await channel.onAddedToTeam(turn)) === 'elsewhere') return renderCard('notice', reminderChannelElsewhereView(org?.name));
        return renderCard('welcome', welcomeView({ organizationName: org?.name }));
      }),
    uninstalled: (activity) => quietly(activity, (turn) => channel.onRemovedFromTeam(turn)),
    // Teams sends installationUpdate too, which greets: this one only records the team.
    'bot-added': (activity) =>
      quietly(activity, async (turn) => {
        await channel.onAddedToTeam(turn);
      }),
    'bot-removed': (activity) => quietly(activity, (turn) => channel.onRemovedFromTeam(turn)),
    // Teams only: anything else is told where the bot works, and nothing is read or written for it.
    'outside-teams': async (activity, reply) => {
      log.info({ channelId: String(activity.envelope.channelId).slice(0, 64), type: activity.type }, 'activity from outside Teams answered with the Teams-only card');
      const card = errorCard('channel.unsupported');
      if (activity.type === 'message' || (activity.type === 'conversationUpdate' && activity.botAdded)) await reply.card(card);
      else if (activity.type === 'invoke') await reply.invoke(200, invokeCard(card));
    },
    ignored: async () => {},
  };

  function submitted(data: Record<string, unknown>, turn: Turn, org: Organization | undefined): Promise<CardAttachment> {
    // A question button: answered exactly as the typed question.
    if (isAskData(data)) return routes.answer(askOf(data), turn, org);
    const verb = verbOfSubmit(data);
    if (!verb) throw new AppError('input.invalid', { reason: 'unknown card data' });
    return routes.act(verb, data, turn, org);
  }

  /** Runs a handler and sends its card (the error card if it refused or failed). */
  async function replyWith(activity: Inbound, reply: Reply, work: Work<CardAttachment>): Promise<void> {
    const card = await answer(activity, work);
    const postedId = await reply.card(card);
    try {
      await cardPosted(card, postedId);
    } catch (error) {
      // The reply is out; failing to keep its id only means it will not be updated later.
      log.warn({ err: error, tenantId: activity.envelope.conversation?.tenantId }, 'posted card not kept for updates');
    }
  }

  /** The single catch: every turn's refusal or failure is logged here and becomes the error card. */
  async function answer(activity: Inbound, work: Work<CardAttachment>): Promise<CardAttachment> {
    let turn: Turn | undefined;
    try {
      turn = beginTurn(activity);
      return await work(turn, await prepare(turn));
    } catch (error) {
      return errorCard(logTurnError(error, log, { tenantId: turn?.tenantId, activityType: activity.type }), error);
    }
  }

  /** Runs a handler that answers nothing (lifecycle events); failures are only logged. */
  async function quietly(activity: Inbound, work: Work<void>): Promise<void> {
    let turn: Turn | undefined;
    try {
      turn = beginTurn(activity);
      await work(turn, await prepare(turn));
    } catch (error) {
      logTurnError(error, log, { tenantId: turn?.tenantId, activityType: activity.type });
    }
  }

  /** The turn, once the tenant may use the bot and the service URL may be called. */
  function beginTurn(activity: Inbound): Turn {
    const turn = turnFrom(activity);
    if (!deps.isTenantAllowed(turn.tenantId)) throw new AppError('tenant.not-allowed');
    // The HTTP edge refuses these before the host sees them; checked again here so that nothing a
    // handler stores (a reminder target, the service URL below) can come from another way in.
    if (!isServiceUrlAllowed(deps.serviceUrls, turn.serviceUrl)) throw new AppError('input.invalid', { reason: 'service URL not in SERVICE_URL_ALLOWLIST' });
    return turn;
  }

  /**
   * Before the handler: Teams may move a tenant to another service URL, and proactive sends must
   * follow it (asked only when the URL is new to this process, see service-url-memory.ts); then the
   * organization, read once per turn; and the Primary Program Contact's 1:1 chat when they write in it
   * (for personal reminders).
   */
  async function prepare(turn: Turn): Promise<Organization | undefined> {
    // Bookkeeping, not the answer: a failed write (storage trouble, a damaged stored target) is retried at the next turn.
    if (turn.serviceUrl) await rememberServiceUrl(turn.tenantId, turn.serviceUrl).catch((error: unknown) => log.warn({ err: error, tenantId: turn.tenantId }, 'the service URL could not be kept'));
    const org = await deps.storage.getOrganization(turn.tenantId);
    // Not worth the contact's answer: a failed write is retried at their next message.
    await routes.rememberContactChat(turn, org).catch((error: unknown) => log.warn({ err: error, tenantId: turn.tenantId }, "the contact's 1:1 chat could not be kept"));
    return org;
  }

  return (activity, reply) => table[kindOf(activity)](activity, reply);
}

/** A card as the answer to a Universal Action (the SDK's AdaptiveCardInvokeResponse shape). */
function invokeCard(card: CardAttachment): { statusCode: number; type: string; value: Record<string, unknown> } {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content as Record<string, unknown> };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
