/**
 * Card build cost: renderCard (template expansion) against building the same JSON by hand, and
 * every sample card's serialized size against Teams' 28 KB message limit.
 */
import { isDeepStrictEqual } from 'node:util';
import { cardMessage } from '../src/host/adapter.js';
import { cardNames, renderCard, type CardAttachment, type CardName, type CardViews } from '../src/cards/render-card.js';
import type { Suggestion } from '../src/rules/questions/suggestions.js';
import type { WelcomeView } from '../src/rules/help/welcome.js';
import type { AnniversaryView } from '../src/rules/cycle/anniversary-view.js';
import * as samples from '../test/cards/sample-views.js';
import { median } from './stats.js';

export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;

const CARD_HEAD = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', msteams: { width: 'Full' } } as const;

const suggestionActions = (suggestions: Suggestion[]) =>
  suggestions.map((suggestion) => ({ type: 'Action.Submit', title: suggestion.title, data: suggestion.data }));

/** cards/anniversary.json, written out by hand. */
export function handAnniversary(view: AnniversaryView): CardAttachment {
  const body: unknown[] = [
    { type: 'TextBlock', text: view.organizationName, isSubtle: true, wrap: true },
    {
      type: 'Container',
      style: view.phaseStyle,
      bleed: true,
      items: [
        { type: 'TextBlock', text: view.phaseLabel, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: view.headline, size: 'Large', weight: 'Bolder', wrap: true, spacing: 'Small' },
      ],
    },
    {
      type: 'Chart.Gauge',
      title: view.cycleGauge.title,
      min: view.cycleGauge.min,
      max: view.cycleGauge.max,
      value: view.cycleGauge.value,
      valueFormat: 'Fraction',
      subLabel: view.cycleGauge.subLabel,
      showMinMax: true,
      showLegend: true,
      segments: view.cycleGauge.segments,
      fallback: { type: 'TextBlock', text: view.cycleGauge.summary, wrap: true },
    },
    { type: 'FactSet', facts: view.facts.map((fact) => ({ title: fact.title, value: fact.value })) },
  ];
  if (view.standingNote) body.push({ type: 'TextBlock', text: view.standingNote, weight: 'Bolder', wrap: true });
  if (view.nextSteps.length > 0) {
    body.push({
      type: 'Container',
      items: [
        { type: 'TextBlock', text: 'Next steps', weight: 'Bolder', wrap: true },
        ...view.nextSteps.map((step) => ({
          type: 'ColumnSet',
          spacing: 'Small',
          columns: [
            { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '•' }] },
            { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: step, wrap: true }] },
          ],
        })),
      ],
    });
  }
  if (view.programNotices.length > 0) {
    body.push({
      type: 'Container',
      items: [
        { type: 'TextBlock', text: 'What Microsoft sends you', weight: 'Bolder', wrap: true },
        ...view.programNotices.map((notice) => ({ type: 'TextBlock', text: notice, isSubtle: true, spacing: 'Small', wrap: true })),
      ],
    });
  }
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: { ...CARD_HEAD, msteams: { width: 'Full' }, body, actions: suggestionActions(view.suggestions) } };
}

/** cards/welcome.json, written out by hand. */
export function handWelcome(view: WelcomeView): CardAttachment {
  const body: unknown[] = [];
  if (view.notUnderstood) body.push({ type: 'Container', style: 'warning', bleed: true, items: [{ type: 'TextBlock', text: view.notUnderstood, wrap: true }] });
  body.push({ type: 'TextBlock', text: view.title, size: 'Large', weight: 'Bolder', wrap: true }, { type: 'TextBlock', text: view.intro, wrap: true }, { type: 'TextBlock', text: view.remindersNote, isSubtle: true, size: 'Small', wrap: true });
  if (!view.isSetUp) body.push({ type: 'TextBlock', text: view.setupHint, weight: 'Bolder', color: 'accent', wrap: true });
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: { ...CARD_HEAD, msteams: { width: 'Full' }, body, actions: suggestionActions(view.suggestions) } };
}

/** Microseconds per call: median over `batches` timed batches, each sized to take about `batchMs`. */
function microsPerCall(work: () => unknown, batchMs: number, batches: number): number {
  let iterations = 1;
  for (;;) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) work();
    const elapsed = performance.now() - started;
    if (elapsed >= batchMs / 4) {
      iterations = Math.max(1, Math.round((iterations * batchMs) / elapsed));
      break;
    }
    iterations *= 4;
  }
  const perCall: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) work();
    perCall.push(((performance.now() - started) * 1000) / iterations);
  }
  return median(perCall);
}

export interface CardCost {
  card: CardName;
  renderMicros: number;
  handMicros?: number;
  ratio?: number;
}

export interface CardSize {
  sample: string;
  card: CardName;
  contentBytes: number;
  activityBytes: number;
  percentOfLimit: number;
}

/** Every sample view in test/cards/sample-views.ts, named, with the card it binds. */
function allSamples(): { sample: string; card: CardName; view: unknown }[] {
  const list: { sample: string; card: CardName; view: unknown }[] = cardNames.map((card) => ({ sample: card, card, view: samples.sampleViews[card] }));
  const extra: [string, CardName, unknown][] = [
    ['welcome (not understood)', 'welcome', samples.welcomeNotUnderstoodView],
    ['anniversary (expired)', 'anniversary', samples.anniversaryExpiredView],
    ['requirements (empty)', 'requirements', samples.requirementsEmptyView],
    ['requirements (all 5 competencies)', 'requirements', samples.requirementsAllCompetenciesView],
    ['setup-form (with errors)', 'setup-form', samples.setupFormWithErrorsView],
    ...Object.entries(samples.reminderViews).map(([kind, view]): [string, CardName, unknown] => [`reminder (${kind})`, 'reminder', view]),
    // The personal reminder shares the reminder's template; its sample keeps the name it had as a card of its own.
    ['personal-reminder', 'reminder', samples.personalReminderViews.twoWeeks],
  ];
  for (const [sample, card, view] of extra) list.push({ sample, card, view });
  return list;
}

const render = (card: CardName, view: unknown) => renderCard(card, view as CardViews[CardName]);

export function benchCards(options: { batchMs: number; batches: number }): { costs: CardCost[]; sizes: CardSize[]; equal: Record<string, boolean> } {
  const hand: Partial<Record<CardName, (view: never) => CardAttachment>> = { anniversary: handAnniversary, welcome: handWelcome };
  const equal: Record<string, boolean> = {};
  for (const { sample, card, view } of allSamples()) {
    const builder = hand[card];
    if (builder) equal[sample] = isDeepStrictEqual(builder(view as never), render(card, view));
  }
  const mismatched = Object.entries(equal).filter(([, same]) => !same).map(([sample]) => sample);
  if (mismatched.length > 0) throw new Error(`hand-built cards differ from renderCard for: ${mismatched.join(', ')}`);

  // Warm-up: every card (and both hand builders) runs until the JIT has settled before any timing.
  for (const card of cardNames) microsPerCall(() => render(card, samples.sampleViews[card]), options.batchMs / 2, 1);
  for (const [card, builder] of Object.entries(hand)) microsPerCall(() => builder(samples.sampleViews[card as CardName] as never), options.batchMs / 2, 1);

  const costs: CardCost[] = cardNames.map((card) => {
    const view = samples.sampleViews[card];
    const renderMicros = microsPerCall(() => render(card, view), options.batchMs, options.batches);
    const builder = hand[card];
    if (!builder) return { card, renderMicros };
    const handMicros = microsPerCall(() => builder(view as never), options.batchMs, options.batches);
    return { card, renderMicros, handMicros, ratio: renderMicros / handMicros };
  });

  const sizes: CardSize[] = allSamples().map(({ sample, card, view }) => {
    const attachment = render(card, view);
    const contentBytes = Buffer.byteLength(JSON.stringify(attachment.content));
    const activityBytes = Buffer.byteLength(JSON.stringify(cardMessage(attachment)));
    return { sample, card, contentBytes, activityBytes, percentOfLimit: (activityBytes / TEAMS_MESSAGE_LIMIT_BYTES) * 100 };
  });
  return { costs, sizes, equal };
}
