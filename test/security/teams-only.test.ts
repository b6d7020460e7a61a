/**
 * Only Teams says which tenant an activity belongs to. Web Chat, Direct Line, the Emulator, or a
 * Teams-shaped activity without conversation.tenantId are told the bot works in Microsoft Teams,
 * and nothing is read or written for them, whatever tenant their channelData claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity, type Activity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const STORED_SERVICE_URL = 'http://127.0.0.1:1/_stored';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, name: 'Contoso Ltd' }));
  await t.app.storage.saveReminderTarget({
    tenantId: TENANT,
    teamId: '19:team',
    conversationId: '19:team',
    serviceUrl: STORED_SERVICE_URL,
    conversationReference: { serviceUrl: STORED_SERVICE_URL, conversationId: '19:team', tenantId: TENANT, botId: 'bot', scope: 'channel' },
  });
});
afterAll(() => t.stop());

/** The same activity a Teams client would send, moved to another channel or stripped of its tenant. */
function outsideTeams(base: Activity, change: (activity: Activity) => void): Activity {
  change(base);
  return base;
}

const question = () => makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'when is our anniversary' });
const setupSubmit = () =>
  makeActivity('personal-card-submit', {
    serviceUrl: t.connector.serviceUrl,
    tenantId: 'bbbbbbbb-0000-0000-0000-00000000000b',
    value: { form: 'profile', name: 'Mallory', partnerId: '1', anniversaryDate: '2027-01-01', contactName: 'M', contactEmail: 'm@x.example' },
  });

const cases: [string, (activity: Activity) => void][] = [
  ['Web Chat', (activity) => (activity.channelId = 'webchat')],
  ['Direct Line', (activity) => (activity.channelId = 'directline')],
  ['the Emulator', (activity) => (activity.channelId = 'emulator')],
  ['Teams without conversation.tenantId', (activity) => delete activity.conversation.tenantId],
  ['Teams with an empty conversation.tenantId', (activity) => (activity.conversation.tenantId = ' ')],
];

describe.each(cases)('an activity from %s', (_what, change) => {
  it('gets the card saying the bot works in Microsoft Teams, and none of the tenant data its channelData names', async () => {
    const cards = await t.ask(outsideTeams(question(), change));
    recordStat('teamsOnly.refused', 1);
    expect(cards).toHaveLength(1);
    const text = cardText({ content: cards[0] });
    expect(text).toContain('Renewal Bot works in Microsoft Teams');
    expect(text).not.toContain('Contoso');
    expect(text).not.toContain('2027');
  });

  it('writes nothing: no profile saved from a submit, no service URL remembered', async () => {
    await t.ask(outsideTeams(setupSubmit(), change));
    expect(await t.app.storage.countOrganizations()).toBe(1);
    await t.ask(outsideTeams(question(), change));
    expect((await t.app.storage.getReminderTarget(TENANT))?.serviceUrl).toBe(STORED_SERVICE_URL);
  });
});

it('answers a Universal Action invoke from outside Teams with the same card, in the invoke response', async () => {
  const invoke = makeActivity('personal-invoke-adaptive-card-action', {
    serviceUrl: t.connector.serviceUrl,
    tenantId: TENANT,
    value: { action: { type: 'Action.Execute', verb: 'checklist.refresh', data: {} } },
  });
  invoke.channelId = 'webchat';
  const response = await t.post(invoke);
  expect(response.status).toBe(200);
  expect(JSON.stringify(response.body)).toContain('Renewal Bot works in Microsoft Teams');
});

it('still answers Teams itself, from conversation.tenantId', async () => {
  const text = cardText({ content: (await t.ask(question()))[0] });
  expect(text).toContain('February 28, 2027');
});

it('refuses a Teams activity whose channelData names another tenant than its conversation', async () => {
  const activity = question();
  activity.channelData = { ...activity.channelData, tenant: { id: 'bbbbbbbb-0000-0000-0000-00000000000b' } };
  const text = cardText({ content: (await t.ask(activity))[0] });
  expect(text).toContain('I cannot tell which organization this is');
  expect(text).not.toContain('2027');
});
