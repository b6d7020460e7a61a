/** ALLOWED_TENANTS: other tenants get a polite refusal card and touch no data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ALLOWED = 'aaaaaaaa-0000-0000-0000-00000000000a';
const STRANGER = 'cccccccc-0000-0000-0000-00000000000c';

describe('an allow-list of tenants', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOWED_TENANTS: ` ${ALLOWED.toUpperCase()}, 11111111-2222-3333-4444-555555555555` } });
  });
  afterAll(() => t.stop());

  it('answers a listed tenant as usual', async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: ALLOWED, text: 'help' }));
    expect(cardText({ content: cards[0] })).toContain('Renewal Bot');
  });

  it('refuses every other tenant politely, in messages, installs and card actions, storing nothing', async () => {
    const serviceUrl = t.connector.serviceUrl;
    const replies = [
      ...(await t.ask(makeActivity('personal-message', { serviceUrl, tenantId: STRANGER, text: 'when is our anniversary' }))),
      ...(await t.ask(makeActivity('team-installation-add', { serviceUrl, tenantId: STRANGER }))),
      ...(await t.ask(makeActivity('personal-card-submit', { serviceUrl, tenantId: STRANGER, value: { form: 'profile', name: 'X', partnerId: '1', anniversaryDate: '2027-01-01', contactName: 'Y', contactEmail: 'y@x.example' } }))),
    ];
    expect(replies).toHaveLength(3);
    for (const card of replies) expect(cardText({ content: card })).toContain('Renewal Bot is not available for your organization');
    const invoke = await t.post(
      makeActivity('personal-invoke-adaptive-card-action', { serviceUrl, tenantId: STRANGER, value: { action: { type: 'Action.Execute', verb: 'checklist.refresh', data: { tenantId: STRANGER, cycle: '2027-01-01' } } } }),
    );
    expect(cardText({ content: invoke.body.value })).toContain('Renewal Bot is not available for your organization');
    expect(await t.app.storage.getOrganization(STRANGER)).toBeUndefined();
    expect(await t.app.storage.getReminderTarget(STRANGER)).toBeUndefined();
  });
});
