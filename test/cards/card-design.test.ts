/**
 * What issue 15 asked of every card: buttons every client can press, charts that fall back to the
 * same facts in words, emphasis readable on any theme, short requirements with details on demand,
 * and the past shown as past.
 */
import { requirementsAsList, requirementsWithDetailsOnRequest } from '../../src/rules/requirements/requirements.js';
import { describe, expect, it } from 'vitest';
import { renderCard, type CardName, type CardViews } from '../../src/cards/render-card.js';
import { callsAllPastView, callsView } from '../calendar/sample-calls-view.js';
import { CHART_TYPES, elements, visibleElements, type Json } from './card-inspection.js';
import { cardText } from './card-text.js';
import * as samples from './sample-views.js';

const render = <K extends CardName>(name: K, view: CardViews[K]) => renderCard(name, view).content;

const every: [string, Json][] = [
  ['welcome', render('welcome', samples.welcomeView)],
  ['welcome, not understood', render('welcome', samples.welcomeNotUnderstoodView)],
  ['anniversary', render('anniversary', samples.anniversaryView)],
  ['anniversary, expired', render('anniversary', samples.anniversaryExpiredView)],
  ['requirements', render('requirements', samples.requirementsView)],
  ['requirements, five', render('requirements', samples.requirementsAllCompetenciesView)],
  ['requirements, details on request', render('requirements', requirementsWithDetailsOnRequest(samples.requirementsAllCompetenciesView))],
  ['requirements, as a list', render('requirements', requirementsAsList(samples.requirementsAllCompetenciesView))],
  ['contact', render('contact', samples.contactView)],
  ['support', render('support', samples.supportView)],
  ['setup form', render('setup-form', samples.setupFormWithErrorsView)],
  ['setup form, in part', render('setup-form', samples.setupFormInPartView)],
  ['profile saved', render('profile-saved', samples.profileSavedView)],
  ['error', render('error', samples.errorView)],
  ...Object.entries(samples.reminderViews).map(([kind, view]): [string, Json] => [`reminder, ${kind}`, render('reminder', view)]),
  ['notice', render('notice', samples.noticeView)],
  ['checklist', render('checklist', samples.checklistSampleView)],
  ['evidence list', render('evidence-list', samples.evidenceListSampleView)],
  ['calls', render('calls', callsView)],
  ['calls, all past', render('calls', callsAllPastView)],
  ['calendar link, made', render('calendar-link', samples.calendarLinkMadeView)],
  ['calendar link, made earlier', render('calendar-link', samples.calendarLinkExistsView)],
];

const actionsOf = (card: Json) => elements(card).filter((element) => String(element.type).startsWith('Action.'));
const ids = (card: Json) => new Set(elements(card).map((element) => element.id).filter((id) => typeof id === 'string'));

describe.each(every)('%s', (_label, card) => {
  it('has only buttons every client can press: no msteams imBack or messageBack data', () => {
    for (const action of actionsOf(card)) {
      expect(['Action.OpenUrl', 'Action.Execute', 'Action.Submit', 'Action.ToggleVisibility']).toContain(action.type);
      if (action.type === 'Action.Submit') expect(JSON.stringify(action.data ?? {})).not.toContain('msteams');
    }
  });

  it('shows and hides only elements the card has', () => {
    const known = ids(card);
    for (const toggle of actionsOf(card).filter((action) => action.type === 'Action.ToggleVisibility')) {
      expect(toggle.targetElements).not.toHaveLength(0);
      for (const target of toggle.targetElements as string[]) expect(known).toContain(target);
    }
  });

  it('emphasises by container style or text colour, never both, keeps titles in the default colour, and never writes in the warning colour', () => {
    for (const container of elements(card).filter((element) => element.type === 'Container' && typeof element.style === 'string' && element.style !== 'default')) {
      const coloured = elements(container.items).filter((element) => typeof element.color === 'string' && element.color !== 'default');
      expect(coloured).toEqual([]);
    }
    for (const text of elements(card).filter((element) => element.type === 'TextBlock' || element.type === 'TextRun')) {
      expect(text.color).not.toBe('warning');
      if (text.size === 'Large' || text.size === 'Medium') expect(text.color).toBeUndefined();
    }
  });

  it('gives every chart a fallback that says the same in words', () => {
    for (const chart of elements(card).filter((element) => (CHART_TYPES as readonly unknown[]).includes(element.type))) {
      const fallback = chart.fallback as Json;
      expect(['TextBlock', 'FactSet']).toContain(fallback.type);
      expect(cardText({ content: fallback })).not.toBe('');
    }
  });
});

describe('charts', () => {
  const chart = (card: Json, type: string) => elements(card).filter((element) => element.type === type);

  it('anniversary: the renewal window as a gauge of the days left, its last 14 days marked', () => {
    const [gauge] = chart(render('anniversary', samples.anniversaryView), 'Chart.Gauge');
    expect(gauge).toMatchObject({ min: 0, max: 90, value: 85, valueFormat: 'Fraction' });
    expect((gauge?.segments as Json[]).map((segment) => segment.size)).toEqual([14, 76]);
    expect(gauge?.fallback).toMatchObject({ type: 'TextBlock', text: 'Renewal window: 85 of its 90 days left; finishing by February 14, 2027, two weeks before the anniversary, is recommended.' });
  });

  it('anniversary: an empty gauge once the anniversary has passed', () => {
    const [gauge] = chart(render('anniversary', samples.anniversaryExpiredView), 'Chart.Gauge');
    expect(gauge).toMatchObject({ value: 0, subLabel: 'expired 3 days ago' });
  });

  it('checklist: progress as a donut of done and to do, titled and falling back to the count', () => {
    const [donut] = chart(render('checklist', samples.checklistSampleView), 'Chart.Donut');
    const data = donut?.data as Json[];
    const total = samples.checklistSampleView.sections.flatMap((section) => section.items).length;
    expect(data).toEqual([
      { legend: 'Done: 1', value: 1, color: 'good' },
      { legend: `To do: ${total - 1}`, value: total - 1, color: 'neutral' },
    ]);
    expect(donut?.title).toBe(`1 of ${total} done`);
    expect(donut?.fallback).toMatchObject({ type: 'TextBlock', text: `1 of ${total} done` });
  });

  it('requirements: customer references and certified people against what is needed, per catalog competency', () => {
    const bars = chart(render('requirements', samples.requirementsView), 'Chart.HorizontalBar');
    expect(bars).toHaveLength(2); // the competency outside the catalog has no numbers to chart
    expect(bars[0]?.data).toEqual([
      { x: 'References: yours', y: 2, color: 'attention' },
      { x: 'References: needed (to confirm)', y: 3, color: 'neutral' },
      { x: 'Certified: yours', y: 1, color: 'attention' },
      { x: 'Certified: needed', y: 2, color: 'neutral' },
    ]);
    expect(bars[0]?.fallback).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Customer references', value: '2 of 3 needed (to confirm)' },
        { title: 'Certified people', value: '1 of 2 needed' },
      ],
    });
  });
});

describe('requirements: short, details on demand', () => {
  const card = render('requirements', samples.requirementsView);
  const hidden = elements(card).filter((element) => element.isVisible === false);

  it('opens with one line per competency: its level and how many blockers', () => {
    const lines = visibleElements(card.body).filter((element) => element.type === 'RichTextBlock');
    expect(lines.map((line) => cardText({ content: line }))).toEqual([
      'Cloud Platform · Gold (held): 2 blockers (numbers to confirm)',
      'Cloud Productivity · Silver (held): No blockers found; performance not checked',
      'Datacenter · Silver (held): No blockers found; technical credentials not checked',
    ]);
  });

  it("keeps each competency's details, the changes across competencies and the credentials help hidden until asked for", () => {
    expect(hidden.map((element) => element.id)).toEqual(['competency-details-1', 'competency-details-2', 'competency-details-3', 'cross-competency-changes', 'technical-credentials']);
    expect(cardText({ content: hidden[0] })).toContain(samples.longBlocker);
    expect(cardText({ content: hidden[3] })).toContain('Changes that apply across competencies');
    const toggles = actionsOf(card).filter((action) => action.type === 'Action.ToggleVisibility').map((action) => action.title);
    expect(toggles).toEqual(['Details', 'Details', 'Details', 'What changed in 2015–2016', 'For every competency']);
  });
});

describe('the past is past', () => {
  it('calls: once every call has taken place, one line with the dates the series ran and no calendar buttons', () => {
    const card = render('calls', callsAllPastView);
    expect(cardText({ content: card })).toContain('All 5 calls of the series took place, from January 13, 2016 to February 17, 2016.');
    expect(actionsOf(card)).toEqual([]);
    expect(cardText({ content: card })).not.toContain('Past');
  });

  it('calls: only calls still ahead offer "Add to calendar"', () => {
    const card = render('calls', callsView);
    const buttons = actionsOf(card).map((action) => action.url);
    expect(buttons).toEqual(callsView.calls.filter((call) => !call.past).map((call) => call.icsUrl));
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThan(callsView.calls.length);
  });

  it('calendar link: the link just made is a button', () => {
    const actions = render('calendar-link', samples.calendarLinkMadeView).actions as Json[];
    expect(actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Open the calendar (.ics)', url: samples.calendarLinkMadeView.url });
    expect(actionsOf(render('calendar-link', samples.calendarLinkExistsView)).filter((action) => action.type === 'Action.OpenUrl')).toEqual([]);
  });

  it('checklist: only ticked items say who ticked them', () => {
    const items = samples.checklistSampleView.sections.flatMap((section) => section.items);
    expect(items.filter((item) => item.doneLabel !== '').every((item) => item.done)).toBe(true);
    expect(items.find((item) => item.done)?.doneLabel).toMatch(/^Ticked by Alex Wilber, /);
    expect(JSON.stringify(render('checklist', samples.checklistSampleView))).not.toContain('Megan Bowen');
  });
});
