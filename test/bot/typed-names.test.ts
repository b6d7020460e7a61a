/**
 * Names people type show in Teams exactly as typed, on every card that shows them: an organization,
 * contact, customer, certified person or Teams user named like Markdown gets no link, bold text,
 * heading or list. Through the real server: the cards the bot sends back are read the way Teams
 * renders TextBlocks and facts (test/support/markdown-reading.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render-card.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { reminderView } from '../../src/rules/reminders/view.js';
import { makeActivity, type FixtureName } from '../support/activities.js';
import { activeMarkdown, markdownTexts, shownAsText } from '../support/markdown-reading.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const ORGANIZATION = '[Renew here](https://evil.example) **Contoso**';
const CONTACT = '# Megan <at>Bowen</at>';
const CUSTOMER = '1. _Fabrikam_';
const PERSON = '- Alex `Wilber`';
const OTHER_COMPETENCY = '**Data** [Analytics](https://evil.example)';
const TEAMS_USER = '~~Eve~~ &amp; {{DATE(2017-02-14T06:08:39Z, SHORT)}}';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ now: '2026-12-01T13:00:00Z' });
  await t.app.storage.saveOrganization(
    makeOrganization({
      tenantId: TENANT,
      name: ORGANIZATION,
      primaryContact: { name: CONTACT, email: 'megan_bowen@contoso.example', aadObjectId: 'aad-megan' },
      // Approved long ago: it expires before the anniversary, so the checklist and the blockers name it.
      customerReferences: [{ customer: CUSTOMER, competency: 'cloud-platform', approvedOn: '2025-02-10' }],
      certifications: [{ person: PERSON, exam: '70-533', passedOn: '2026-01-15' }],
      otherCompetencies: [{ name: OTHER_COMPETENCY, level: 'gold' }],
    }),
  );
});
afterEach(() => t.stop());

async function ask(text: string) {
  // "post reminders here" needs a team channel; every other question is asked in a personal chat.
  const where: FixtureName = text === 'post reminders here' ? 'channel-message-with-mention' : 'personal-message';
  const cards = await t.ask(makeActivity(where, { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text, aadObjectId: 'aad-megan' }));
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** The Markdown pieces of a card that show `typed`, after checking none of them formats anything. */
function showing(card: unknown, typed: string): string[] {
  const texts = markdownTexts(card).filter((text) => shownAsText(text).includes(typed));
  expect(texts.flatMap(activeMarkdown), typed).toEqual([]);
  return texts;
}

describe('names people typed, on the cards that show them', () => {
  it.each([
    ['when is our anniversary', [ORGANIZATION]],
    ['who is our program contact', [ORGANIZATION, CONTACT, 'megan_bowen@contoso.example']],
    ['requirements', [ORGANIZATION, CUSTOMER, PERSON, OTHER_COMPETENCY]],
    ['checklist', [ORGANIZATION, CUSTOMER]],
    ['calendar link', [ORGANIZATION]],
    ['help', [ORGANIZATION]],
    ['post reminders here', [ORGANIZATION]],
  ])('"%s" shows %j as typed, and formats nothing', async (question, names) => {
    const card = await ask(question);
    for (const name of names) expect(showing(card, name), name).not.toEqual([]);
  });

  it('shows the Teams name of whoever ticked a checklist item as typed', async () => {
    const activity = makeActivity('personal-invoke-adaptive-card-action', {
      serviceUrl: t.connector.serviceUrl,
      tenantId: TENANT,
      aadObjectId: 'aad-eve',
      value: { action: { type: 'Action.Execute', verb: 'checklist.toggle', data: { tenantId: TENANT, cycle: '2027-02-28', itemId: 'window-open:budget-fees', done: true } } },
    });
    activity.from = { ...activity.from, id: 'user-eve', name: TEAMS_USER };
    const response = await t.post(activity);
    expect(response.status).toBe(200);
    expect(showing(response.body.value, `Ticked by ${TEAMS_USER}`)).toHaveLength(1);
  });

  it('keeps the typed name itself in the setup form, where it is an input value and not Markdown', async () => {
    const form = await ask('setup');
    expect(showing(form, `Edit ${ORGANIZATION}`)).toHaveLength(1);
    const input = (form.body as { id?: string; value?: string }[]).find((element) => element.id === 'name');
    expect(input?.value).toBe(ORGANIZATION);
  });

  it('shows the organization and customer as typed in a reminder posted to the channel', () => {
    const view = reminderView(
      { kind: 'reference-expiring', organizationName: ORGANIZATION, anniversary: '2027-02-28', today: '2026-11-25', payload: { customer: CUSTOMER, competency: 'cloud-platform', expiresOn: '2027-02-10' } },
      defaultCatalog(),
    );
    const card = renderCard('reminder', view).content;
    expect(showing(card, ORGANIZATION)).not.toEqual([]);
    expect(showing(card, `The ${CUSTOMER} reference`)).toHaveLength(1);
  });
});
