/**
 * JSON kept in text columns (payloads, conversation references, what an organization was told).
 * Reading one back checks it is an object, so a damaged row fails loudly, naming what it belongs to.
 */
import { ConversationRefSchema, type ConversationRef } from '../conversation-ref.js';

/** A stored conversation reference, checked against ConversationRefSchema; `what` names the row. */
export function storedConversationRef(text: string, what: string): ConversationRef {
  const parsed = ConversationRefSchema.safeParse(storedJsonObject(text, what));
  if (!parsed.success) throw new Error(`${what} is corrupted: not a conversation reference (${parsed.error.issues.map((issue) => issue.path.join('.') || 'value').join(', ')})`);
  return parsed.data;
}

/** Parses a stored JSON object; `what` names the row in the error ("the reminder target of tenant ..."). */
export function storedJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is corrupted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is corrupted: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}
