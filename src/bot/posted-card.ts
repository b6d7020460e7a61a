/**
 * A handler that answers with a card the bot may update later (the checklist card in the reminder
 * channel) asks to hear the id the Bot Connector gives the posted reply. Kept beside the card, not
 * on it: anything on the attachment object would be sent to Teams.
 */
import type { CardAttachment } from '../cards/render-card.js';

const onPosted = new WeakMap<CardAttachment, (activityId: string) => Promise<void>>();

/** Runs `keep` with the posted message's id once `card` has been sent as the turn's reply. */
export function whenPosted(card: CardAttachment, keep: (activityId: string) => Promise<void>): CardAttachment {
  onPosted.set(card, keep);
  return card;
}

/** Called by the switchboard after sending `card`; a reply without an id (some channels) keeps nothing. */
export async function cardPosted(card: CardAttachment, activityId: string | undefined): Promise<void> {
  const keep = onPosted.get(card);
  if (keep && activityId) await keep(activityId);
}
