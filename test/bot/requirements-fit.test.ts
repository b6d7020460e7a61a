/**
 * The requirements card always fits in one Teams message (28 KB for the activity): an organization with
 * many competencies gets each competency's details one button away, and one with dozens a list to
 * choose from; every way leads to the competency's own card, with its details. Through the HTTP edge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_BYTES_BUDGET } from '../../src/cards/render-card.js';
import { cardText } from '../cards/card-text.js';
import { elements, type Json } from '../cards/card-inspection.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TENANT = '00000000-0000-0000-0000-0000000000f1';
/** Teams refuses an activity over 28 KB. */
const TEAMS_ACTIVITY_LIMIT = 28 * 1024;
const CATALOG = ['cloud-platform', 'small-midmarket-cloud-solutions', 'cloud-productivity', 'cloud-crm', 'enterprise-mobility-management'];

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ now: '2026-12-02T10:00:00Z' });
});
afterEach(() => t.stop());

async function save(otherCount: number, nameLength = 20): Promise<void> {
  const otherCompetencies = Array.from({ length: otherCount }, (_, index) => ({ name: `Other competency ${index + 1} `.padEnd(nameLength, 'x'), level: 'gold' as const }));
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28', competencies: CATALOG.map((id) => ({ id, level: 'gold' as const })), otherCompetencies }));
}

/** Sends a message (text or card data) and returns the one card answered, checking the activity's size at the connector. */
async function answer(message: { text?: string; value?: unknown }): Promise<Json> {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, ...message });
  if (!message.text) delete activity.text;
  const before = t.connector.sent.length;
  const cards = await t.ask(activity);
  expect(cards).toHaveLength(1);
  const [sent] = t.connector.sent.slice(before);
  expect(Buffer.byteLength(JSON.stringify(sent!.body))).toBeLessThan(TEAMS_ACTIVITY_LIMIT);
  expect(Buffer.byteLength(JSON.stringify(cards[0]))).toBeLessThanOrEqual(CARD_BYTES_BUDGET);
  return cards[0] as Json;
}

const buttons = (card: Json) => elements(card).filter((element) => String(element.type).startsWith('Action.'));
const detailsButtons = (card: Json) => buttons(card).filter((action) => action.title === 'Details');

describe('the requirements card fits in one Teams message', () => {
  it('with the five catalog competencies and four more, each "Details" asks for that competency\'s own card, which shows its blockers', async () => {
    await save(4, 60);
    const card = await answer({ text: 'requirements' });
    const details = detailsButtons(card);
    expect(details.map((action) => action.type)).toEqual(Array(9).fill('Action.Submit'));
    expect(details.slice(0, 5).map((action) => action.data)).toEqual(CATALOG.map((competencyId) => ({ ask: 'requirements', competencyId })));
    // The details themselves are not on the card: they are what the button brings.
    expect(cardText({ content: card })).not.toContain('Blockers');

    const own = await answer({ value: details[0]!.data });
    expect(cardText({ content: own })).toContain('Cloud Platform');
    expect(cardText({ content: own })).toContain('Blockers');
    expect(detailsButtons(own).map((action) => action.type)).toEqual(['Action.ToggleVisibility']);
  });

  it('a competency outside the catalog is one button away too, with the general rules (guide lines 31 and 33)', async () => {
    await save(3);
    const card = await answer({ text: 'requirements' });
    const other = detailsButtons(card).find((action) => String((action.data as Json).competencyId).startsWith('other:'));
    expect(other?.data).toEqual({ ask: 'requirements', competencyId: 'other:other competency 1 x' });
    const own = await answer({ value: other!.data });
    const text = cardText({ content: own });
    expect(text).toContain('Other competency 1');
    expect(text).toContain('General rules');
    expect(text).not.toContain('Cloud Platform ·');
  });

  it('with dozens of competencies (the profile allows 50 besides the catalog\'s, names up to 120 characters), lists them with what blocks each and offers one to choose', async () => {
    await save(50, 120);
    const card = await answer({ text: 'requirements' });
    const chooser = elements(card).find((element) => element.type === 'Input.ChoiceSet');
    const choices = chooser?.choices as { title: string; value: string }[];
    expect(choices).toHaveLength(55);
    expect(choices[0]).toEqual({ title: 'Cloud Platform · Gold: 2 blockers (numbers to confirm)', value: 'cloud-platform' });
    expect(detailsButtons(card)).toHaveLength(0);
    const show = buttons(card).find((action) => action.title === 'Show its requirements');
    // A client submits the button's data with the inputs' values merged in.
    const own = await answer({ value: { ...(show!.data as Json), competencyId: choices[54]!.value } });
    expect(cardText({ content: own })).toContain('Other competency 50');
    expect(cardText({ content: own })).toContain('General rules');
  });

  it('keeps the details on the card while they fit (two competencies)', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28' }));
    const card = await answer({ text: 'requirements' });
    expect(detailsButtons(card).every((action) => action.type === 'Action.ToggleVisibility')).toBe(true);
    expect(cardText({ content: card })).toContain('Blockers');
  });
});
