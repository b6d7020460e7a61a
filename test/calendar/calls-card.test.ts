/**
 * The call series card as people read it: every call in their zone, past ones marked, each one still
 * ahead with its calendar file; once the series is over, one line saying when it ran (test/cards/cards.test.ts also checks it with the SDK like every card).
 */
import { describe, expect, it } from 'vitest';
import type { CallSeriesView } from '../../src/rules/calendar/call-series.js';
import { renderCard } from '../../src/cards/render-card.js';
import { cardText } from '../cards/card-text.js';
import { elements, sdkProblems, type Json } from '../cards/card-inspection.js';
import { callsAllPastView, callsView } from './sample-calls-view.js';

function render(view: CallSeriesView): Json {
  return renderCard('calls', view).content as Json;
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

  it('shows each call with its time in the chosen zone and the published time, until every call has taken place', () => {
    const text = cardText({ content: card });
    if (view.allPast) {
      expect(text).toContain(view.summary);
      for (const call of view.calls) expect(text).not.toContain(call.whenLabel);
      return;
    }
    expect(text).toContain(view.zoneLabel);
    for (const call of view.calls) {
      expect(text).toContain(call.competency);
      expect(text).toContain(call.whenLabel);
    }
    expect(text).toContain('9:30 AM Pacific, length not in the guide: 60 minutes in the calendar entry, to confirm');
  });

  it('marks past calls with a subtle "Past", and only those, while some are still ahead', () => {
    const markers = elements(card).filter((element) => element.type === 'TextBlock' && element.text === 'Past');
    expect(markers).toHaveLength(view.allPast ? 0 : view.calls.filter((call) => call.past).length);
    for (const marker of markers) expect(marker).toMatchObject({ isSubtle: true });
  });

  it('offers "Add to calendar" for each call still ahead, opening its .ics URL, and none for a past one', () => {
    const actions = elements(card).filter((element) => element.type === 'Action.OpenUrl');
    const ahead = view.calls.filter((call) => !call.past);
    expect(actions).toEqual(ahead.map((call) => ({ type: 'Action.OpenUrl', title: 'Add to calendar', url: call.icsUrl })));
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
