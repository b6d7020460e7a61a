/**
 * What the rest of the bot asks of the Bot Framework host for outbound calls, without any SDK type:
 * post or update a card in a stored conversation, open a 1:1 chat with a team member. The host
 * (sender.ts) implements it; src/reminders/ depends on this file only.
 */
import type { CardAttachment } from '../cards/render-card.js';
import type { PersonalConversation } from '../storage/personal-chats.js';
import type { ReminderTarget } from '../storage/reminder-store.js';

/** Where a card goes: a reminder channel, or a contact's 1:1 chat. */
export type CardDestination = Pick<ReminderTarget, 'serviceUrl' | 'conversationReference'>;

export interface CardSender {
  /** Resolves with the id of the posted message when the connector accepted the card; rejects with a DeliveryError otherwise. */
  send(target: CardDestination, card: CardAttachment): Promise<string | undefined>;
  /**
   * Replaces the message `activityId` in `conversationId` (the destination's conversation, or a thread
   * in it) with `card`: PUT /v3/conversations/{conversationId}/activities/{activityId}.
   */
  update(target: CardDestination, conversationId: string, activityId: string, card: CardAttachment): Promise<void>;
}

export interface PersonalChatRequest {
  tenantId: string;
  aadObjectId: string;
  /** A team the bot is installed in: the organization's reminder channel. */
  team: Pick<ReminderTarget, 'teamId' | 'serviceUrl' | 'conversationReference'>;
}

export interface PersonalChatOpener {
  /** Resolves with the 1:1 conversation; rejects with a DeliveryError ('gone' when Teams cannot reach the contact). */
  openPersonalChat(request: PersonalChatRequest): Promise<PersonalConversation>;
}

export type ProactiveSender = CardSender & PersonalChatOpener;

/**
 * Why a call to the Bot Connector failed, as the host classified it: Teams' throttling (429, wait as
 * told), a transient failure (retry a few times), a conversation the bot has left or a message that
 * is gone (403/404), any other refusal, or no call at all for a service URL outside the allowlist.
 */
export type DeliveryFailure =
  | { kind: 'throttled'; status: 429; retryAfterMs?: number }
  | { kind: 'transient'; status?: number; reason: string }
  | { kind: 'gone'; status: 403 | 404 }
  | { kind: 'rejected'; status: number; reason: string }
  /** Not sent: the target's service URL is outside SERVICE_URL_ALLOWLIST. */
  | { kind: 'untrusted'; reason: string };

/** What every method of a ProactiveSender rejects with. */
export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    options?: { cause?: unknown },
  ) {
    super('reason' in failure ? failure.reason : `HTTP ${failure.status}`, options);
    this.name = 'DeliveryError';
  }
}
