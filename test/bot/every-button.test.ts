/**
 * Every button on every card the bot sends works, through the real HTTP edge and CloudAdapter with
 * the local connector: starting from each typed question and each reminder, the walk presses every
 * button of every card it meets (Action.Submit posts its data as Teams and the Agents Playground do,
 * Action.Execute invokes its verb), and each must be answered with a card that is not an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render-card.js';
import { isVerb } from '../../src/bot/routes.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { reminderChannelElsewhereView, remindersNeedChannelView, remindersPostedHereView } from '../../src/rules/reminders/channel-notices.js';
import { personalRemindersSwitchedView } from '../../src/rules/reminders/personal-notices.js';
import { personalReminderView } from '../../src/rules/reminders/personal-view.js';
import { reminderView } from '../../src/rules/reminders/view.js';
import { REMINDER_KINDS } from '../../src/rules/reminders/plan.js';
import { CHART_TYPES, elements, type Json } from '../cards/card-inspection.js';
import { cardText } from '../cards/card-text.js';
import { CONTOSO, contoso, MEGAN, seed } from '../domain/guide-app.js';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-30T12:00:00Z' });
  await seed(t);
});
afterAll(() => t.stop());

const isError = (card: Json) => cardText({ content: card }).includes('Error code');

/** What the Agents Playground and Teams post for an Action.Submit: a message whose value is the button's data. */
async function submit(data: unknown, options: { tenantId?: string; channelTenant?: string } = {}): Promise<Json[]> {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: options.tenantId ?? CONTOSO, aadObjectId: MEGAN, value: data });
  delete activity.text;
  if (options.channelTenant) activity.channelData = { ...activity.channelData, tenant: { id: options.channelTenant } };
  return t.ask(activity);
}

async function ask(text: string): Promise<Json> {
  const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: CONTOSO, aadObjectId: MEGAN, text }));
  expect(cards).toHaveLength(1);
  return cards[0] as Json;
}

async function execute(verb: string, data: unknown): Promise<Json> {
  const activity = makeActivity('personal-invoke-adaptive-card-action', { serviceUrl: t.connector.serviceUrl, tenantId: CONTOSO, aadObjectId: MEGAN, value: { action: { type: 'Action.Execute', verb, data } } });
  const response = await t.post(activity);
  expect(response.status).toBe(200);
  return response.body.value as Json;
}

const TYPED = ['help', 'when is our anniversary', 'requirements', 'who is our program contact', 'how do I get support', 'setup', 'checklist', 'calls', 'calendar link', 'what is the weather'];

describe('charts through the HTTP edge', () => {
  const charts = (card: Json) => elements(card).filter((element) => (CHART_TYPES as readonly unknown[]).includes(element.type));

  it('the anniversary card shows the renewal window as a gauge, the checklist its progress as a donut, the requirements a bar chart per catalog competency; each falls back to words', async () => {
    const found = [
      ...charts(await ask('when is our anniversary')),
      ...charts(await ask('checklist')),
      ...charts(await ask('requirements')),
    ];
    expect(found.map((chart) => chart.type)).toEqual(['Chart.Gauge', 'Chart.Donut', 'Chart.HorizontalBar', 'Chart.HorizontalBar', 'Chart.HorizontalBar']);
    expect(found[0]?.fallback).toMatchObject({ type: 'TextBlock', text: 'Renewal window: 60 of its 90 days left; finishing by February 14, 2027, two weeks before the anniversary, is recommended.' });
    for (const chart of found) expect(cardText({ content: chart.fallback })).not.toBe('');
  });
});

// Pressing "We renewed" moves Contoso to its next cycle: the charts are checked before the walk.
describe('every button on every card', () => {
  it('opens a link, runs a verb the bot handles, or submits data the bot answers; toggles show parts of their own card', async () => {
    const proactive = [
      ...REMINDER_KINDS.map((kind) =>
        reminderView(
          kind === 'reference-expiring'
            ? { kind, payload: { customer: 'Fabrikam', competency: 'cloud-platform', expiresOn: '2027-01-10' }, organizationName: contoso.name, anniversary: '2027-02-28', today: '2026-12-30' }
            : kind === 'requirements-changed'
              ? { kind, payload: { competencyId: 'cloud-platform', level: 'gold', changes: ['Customer references needed: 5 → 6'] }, organizationName: contoso.name, anniversary: '2027-02-28', today: '2026-12-30' }
              : { kind, payload: {}, organizationName: contoso.name, anniversary: '2027-02-28', today: '2026-12-30' },
          defaultCatalog(),
        ),
      ).map((view) => renderCard('reminder', view).content as Json),
      ...[reminderChannelElsewhereView(contoso.name), remindersNeedChannelView(), remindersPostedHereView(contoso.name)].map((view) => renderCard('notice', view).content as Json),
      ...(['two-weeks', 'expired'] as const).map((kind) => {
        const reminder = reminderView({ kind, payload: {}, organizationName: contoso.name, anniversary: '2027-02-28', today: '2026-12-30' }, defaultCatalog());
        return renderCard('reminder', personalReminderView({ org: contoso, reminder, kind, cycle: '2027-02-28', today: '2026-12-30', ticks: [] }, defaultCatalog())).content as Json;
      }),
      ...[personalRemindersSwitchedView(contoso.name, true), personalRemindersSwitchedView(contoso.name, false)].map((view) => renderCard('notice', view).content as Json),
    ];
    const queue: Json[] = [...proactive];
    for (const text of TYPED) queue.push(await ask(text));

    const pressed = new Set<string>();
    const answered: string[] = [];
    while (queue.length > 0) {
      const card = queue.shift() as Json;
      const ids = new Set(elements(card).map((element) => element.id));
      for (const action of elements(card).filter((element) => String(element.type).startsWith('Action.'))) {
        const key = JSON.stringify([action.type, action.title, action.verb, action.data, action.url, action.targetElements]);
        if (pressed.has(key)) continue;
        pressed.add(key);
        switch (action.type) {
          case 'Action.OpenUrl':
            expect(action.url).toMatch(/^(https?:\/\/|mailto:)/);
            break;
          case 'Action.ToggleVisibility':
            for (const target of action.targetElements as string[]) expect(ids).toContain(target);
            break;
          case 'Action.Execute': {
            expect(isVerb(action.verb)).toBe(true);
            const answer = await execute(action.verb as string, action.data);
            expect(isError(answer), `${String(action.verb)} answered with an error`).toBe(false);
            break;
          }
          case 'Action.Submit': {
            expect(JSON.stringify(action.data)).not.toContain('msteams');
            const cards = await submit(action.data);
            expect(cards, `"${String(action.title)}" ${JSON.stringify(action.data)}`).toHaveLength(1);
            expect(isError(cards[0] as Json), `"${String(action.title)}" answered with an error`).toBe(false);
            answered.push(String(action.title));
            queue.push(cards[0] as Json);
            break;
          }
          default:
            throw new Error(`a button no client may support: ${String(action.type)}`);
        }
      }
    }
    for (const title of ['Stop personal reminders', 'Start personal reminders', 'Requirements', 'Program contact', 'Get support', 'Open the checklist', 'We renewed', 'Days until renewal', 'Set up / edit profile', 'Cloud Platform requirements', 'Add to calendar (.ics)']) {
      expect(answered).toContain(title);
    }
  });

  it('answers a question button exactly as the typed question', async () => {
    const [byButton] = await submit({ ask: 'requirements', competencyId: 'cloud-platform', level: 'gold' });
    expect(byButton).toEqual(await ask('what are the requirements for cloud platform gold'));
    const [contactByButton] = await submit({ ask: 'contact' });
    expect(contactByButton).toEqual(await ask('who is our program contact'));
  });

  it('answers "am I the contact?" only when typed: a contact button says who the contact is, whatever its data claims', async () => {
    const asOther = (fields: { text?: string; value?: unknown }) => t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: CONTOSO, aadObjectId: 'a1b2c3d4-0000-4000-8000-00000000beef', ...fields }));
    const [typed] = await asOther({ text: 'am I the primary contact?' });
    const [byButton] = await asOther({ value: { ask: 'contact', aboutAsker: true } });
    expect(cardText({ content: typed })).toContain('you are not the Primary Program Contact');
    expect(byButton).toEqual((await asOther({ value: { ask: 'contact' } }))[0]);
    expect(cardText({ content: byButton })).not.toContain('you are not the Primary Program Contact');
  });

  it('refuses an unknown or malformed question button with a card saying so, and changes nothing', async () => {
    const before = await t.app.storage.getOrganization(CONTOSO);
    for (const data of [{ ask: 'delete everything' }, { ask: 'requirements', level: 'platinum' }, { ask: 'requirements', competencyId: 'x'.repeat(500) }]) {
      const [card] = await submit(data);
      expect(cardText({ content: card })).toContain('I do not know that button');
      expect(cardText({ content: card })).toContain('ask.unknown');
    }
    expect(await t.app.storage.getOrganization(CONTOSO)).toEqual(before);
  });

  it('checks the tenant of a question button as of any message', async () => {
    const [card] = await submit({ ask: 'anniversary' }, { channelTenant: 'another-tenant' });
    expect(cardText({ content: card })).toContain('This message names two different tenants');
  });
});
