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

/** The elements a person sees before showing anything: subtrees with `isVisible: false` are left out. */
export function visibleElements(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((item) => visibleElements(item, found));
  else if (typeof node === 'object' && node !== null && (node as Json).isVisible !== false) {
    if (typeof (node as Json).type === 'string') found.push(node as Json);
    for (const [key, value] of Object.entries(node)) if (key !== 'fallback') visibleElements(value, found);
  }
  return found;
}

/** Teams chart elements: not in the official SDK, so every one must carry a fallback it can render. */
export const CHART_TYPES = ['Chart.Gauge', 'Chart.Donut', 'Chart.HorizontalBar'] as const;

const chartFallsBack = (message: string) => CHART_TYPES.some((type) => message === `Unknown element type "${type}". Fallback will be used if present.`);

/**
 * Parse and validation events of the official SDK targeting version 1.5, as readable lines. The SDK
 * does not know the Teams charts and says it will use their fallback: that one event is expected,
 * for charts only, and only when the chart has a fallback (checked here too).
 */
export function sdkProblems(content: unknown): string[] {
  const problems: string[] = elements(content)
    .filter((element) => (CHART_TYPES as readonly unknown[]).includes(element.type) && typeof element.fallback !== 'object')
    .map((chart) => `chart without a fallback: ${String(chart.type)}`);
  for (const event of sdkEvents(content)) if (!chartFallsBack(event.message)) problems.push(event.line);
  return problems;
}

function sdkEvents(content: unknown): { message: string; line: string }[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const events: { message: string; line: string }[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    events.push({ message: event.message, line: `parse: ${AC.ValidationEvent[event.event]}: ${event.message}` });
  }
  for (const event of card.validateProperties().validationEvents) {
    events.push({ message: event.message, line: `validate: ${AC.ValidationEvent[event.event]}: ${event.message}` });
  }
  return events;
}
