/**
 * cards/calls.json bound to CallSeriesView and checked with the official Adaptive Cards SDK, the
 * same way test/cards/cards.test.ts checks the registered cards.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import type { CallSeriesView } from '../../src/rules/call-series.js';
import { cardText } from '../cards/card-text.js';
import { callsAllPastView, callsView } from './sample-calls-view.js';

// The package's lib/ entry is ESM without "type": "module"; the UMD bundle loads fine under require.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
const template = new ACData.Template(JSON.parse(readFileSync(new URL('../../cards/calls.json', import.meta.url), 'utf8')));

type Json = Record<string, unknown>;

function render(view: CallSeriesView): Json {
  return template.expand({ $root: view }) as Json;
}

function elements(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((item) => elements(item, found));
  else if (typeof node === 'object' && node !== null) {
    if (typeof (node as Json).type === 'string') found.push(node as Json);
    Object.values(node).forEach((value) => elements(value, found));
  }
  return found;
}

function sdkProblems(content: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  return problems;
}

describe.each([
  ['mixed past and upcoming, Berlin', callsView],
  ['all past, UTC', callsAllPastView],
])('the calls card (%s)', (_label, view) => {
  const card = render(view);

  it('is an Adaptive Card 1.5 the official SDK parses without warnings', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(sdkProblems(card)).toEqual([]);
  });

  it('binds every field', () => {
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('shows each call with its time in the chosen zone and the published time', () => {
    const text = cardText({ content: card });
    expect(text).toContain(view.zoneLabel);
    for (const call of view.calls) {
      expect(text).toContain(call.competency);
      expect(text).toContain(call.whenLabel);
    }
    expect(text).toContain('9:30 AM Pacific, 60 minutes');
  });

  it('marks past calls with a subtle "Past", and only those', () => {
    const markers = elements(card).filter((element) => element.type === 'TextBlock' && element.text === 'Past');
    expect(markers).toHaveLength(view.calls.filter((call) => call.past).length);
    for (const marker of markers) expect(marker).toMatchObject({ isSubtle: true });
  });

  it('offers "Add to calendar" for each call, opening its .ics URL', () => {
    const actions = elements(card).filter((element) => element.type === 'Action.OpenUrl');
    expect(actions).toEqual(view.calls.map((call) => ({ type: 'Action.OpenUrl', title: 'Add to calendar', url: call.icsUrl })));
  });

  it('fits in a Teams message (under 28 KB)', () => {
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });
});

it('shows the reader times of the sample: Berlin evening, past calls marked', () => {
  const text = cardText({ content: render(callsView) });
  expect(text).toContain('Wednesday, January 13, 2016, 6:30 PM');
  expect(text).toContain('Times in Europe/Berlin, your Teams time zone.');
  expect(callsView.calls.map((call) => call.status)).toEqual(['Past', 'Past', 'Happening now', 'Upcoming', 'Upcoming']);
});
