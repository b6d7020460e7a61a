/** A card as the message activity that carries it: the fields botbuilder's MessageFactory.attachment sets, without the SDK. */
import type { CardAttachment } from './render-card.js';

export interface CardMessage {
  type: 'message';
  attachmentLayout: 'list';
  attachments: CardAttachment[];
  inputHint: 'acceptingInput';
}

export function cardMessage(card: CardAttachment): CardMessage {
  return { type: 'message', attachmentLayout: 'list', attachments: [card], inputHint: 'acceptingInput' };
}
