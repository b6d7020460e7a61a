/** Looking inside rendered cards: their elements, and what the official Adaptive Cards SDK says of them. */
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The package's lib/ entry is ESM without "type": "module"; the UMD bundle loads fine under require.
export const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

export type Json = Record<string, unknown>;

/** Every element of the card (any object with a `type`), depth first. */
export function elements(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((item) => elements(item, found));
  else if (typeof node === 'object' && node !== null) {
    if (typeof (node as Json).type === 'string') found.push(node as Json);
    Object.values(node).forEach((value) => elements(value, found));
  }
  return found;
}

/** Parse and validation events of the official SDK targeting version 1.5, as readable lines. */
export function sdkProblems(content: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}
