/**
 * The seam: what the rest of the bot asks of its host, without any SDK type. Inbound, the HTTP edge
 * has a channel token checked from the headers, then an activity authenticated and its turn run
 * (inbound.ts); outbound, src/reminders/ posts or updates a card in a stored conversation and opens a
 * 1:1 chat with a team member (sender.ts). Nothing outside src/host/ imports an SDK, and src/http/
 * and src/reminders/ depend on this file only.
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

/** What a failure says, for the log and the ledger: its message, at most 200 characters. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

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

// Inbound: the HTTP edge (src/http/server.ts).

/** A request the host will not serve: its token was refused (401), or cannot be checked right now (503). */
export interface Refusal {
  refused: 'unauthorized' | 'unavailable';
  /** Why, for the log (at most 200 characters). */
  reason: string;
}

/** An activity as the edge validated it (src/http/inbound-activity.ts); its fields are checked again per turn. */
export interface WireActivity {
  type: string;
  serviceUrl: string;
  [field: string]: unknown;
}

/** An authenticated activity, ready to run. */
export interface AuthenticatedTurn {
  /** Runs the turn: an invoke's answer is its status and body, any other activity's is 200 without a body. */
  run(): Promise<{ status: number; body?: unknown }>;
}

export interface InboundHost {
  /** The token checked from the headers alone (signature, issuer, audience, expiry, channel), before any body is read. */
  verifyToken(authHeader: string): Promise<Refusal | undefined>;
  /** The full check of the token with the activity it came with (its service URL among the claims). */
  authenticate(authHeader: string, activity: WireActivity): Promise<AuthenticatedTurn | Refusal>;
}
