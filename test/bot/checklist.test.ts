/**
 * The renewal checklist as a team uses it: opened in chat, ticked with Universal Actions
 * (adaptiveCard/action invokes), answered with the updated card, refreshed for everyone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const OTHER_TENANT = 'bbbbbbbb-0000-0000-0000-00000000000b';
const CYCLE = '2027-02-28';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ now: '2026-12-01T13:00:00Z' }); // renewal window open, 89 days left
  await t.app.storage.saveOrganization(
    makeOrganization({
      tenantId: TENANT,
      customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }],
      certifications: [{ person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' }],
    }),
  );
});
afterEach(() => t.stop());

function invoke(verb: string, data: Record<string, unknown>, user: { id: string; name: string; aadObjectId: string } = { id: 'user-alex', name: 'Alex Wilber', aadObjectId: 'aad-alex' }, tenantId = TENANT) {
  const activity = makeActivity('personal-invoke-adaptive-card-action', {
    serviceUrl: t.connector.serviceUrl,
    tenantId,
    aadObjectId: user.aadObjectId,
    value: { action: { type: 'Action.Execute', verb, data } },
  });
  activity.from = { ...activity.from, id: user.id, name: user.name };
  activity.localTimezone = 'Asia/Tokyo';
  return t.post(activity);
}
const tick = (itemId: string, done = true, user?: Parameters<typeof invoke>[2], tenantId = TENANT) =>
  invoke('checklist.toggle', { tenantId, cycle: CYCLE, itemId, done }, user, tenantId);

async function openChecklist(text = 'checklist') {
  const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text }));
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

describe('the renewal checklist', () => {
  it('opens on "open the renewal checklist" with the 90-day list first and items from the organization\'s data', async () => {
    const card = await openChecklist('open the renewal checklist');
    const text = cardText({ content: card });
    expect(text).toContain('Renewal for the anniversary on February 28, 2027');
    expect(text).toContain('0 of 10 done');
    expect(text.indexOf('Start the renewal')).toBeLessThan(text.indexOf('Complete the renewal'));
    expect(text).toContain('Budget ahead for any applicable competency fees or exam fees');
    expect(text).toContain('Renew the internal use license keys');
    expect(text).toContain('Replace the Fabrikam reference for Cloud Platform: it expires on February 10, 2027');
    expect(text).toContain('Get 3 more people certified for Cloud Platform (Gold)');
    // Missing customer references are named as missing certified people are (the requirements card's blocker).
    expect(text).toContain('Find 4 more customer references for Cloud Platform (Gold) (to confirm on the Cloud Platform competency page, Requirements → Gold)');
    expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'checklist.refresh', data: { tenantId: TENANT, cycle: CYCLE } });
  });

  it('says, once "move the reminder to next year" is ticked, that ticking moves nothing and what does', async () => {
    const before = cardText({ content: (await tick('two-weeks:renew-license-keys')).body.value });
    expect(before).not.toContain('Ticking this moves nothing');
    const text = cardText({ content: (await tick('two-weeks:move-reminder')).body.value });
    expect(text).toContain('Move your calendar reminder to next year');
    expect(text).toContain("Ticking this moves nothing by itself: the calendar file has next year's reminders for your calendar.");
    expect(text).toContain('The bot\'s own reminders move to next year when someone answers "We renewed", or by themselves 30 days after the anniversary.');
  });

  it('names a competency outside the catalog that no customer reference counts for, as the requirements card blocks it', async () => {
    const org = await t.app.storage.getOrganization(TENANT);
    await t.app.storage.saveOrganization({ ...org!, otherCompetencies: [{ name: 'Datacenter', level: 'silver' }, { name: 'Identity', level: 'gold' }], customerReferences: [...org!.customerReferences, { customer: 'Woodgrove', competency: 'Identity', approvedOn: '2026-01-05' }] });
    const text = cardText({ content: await openChecklist() });
    expect(text).toContain('Find a customer reference for Datacenter: none counts for it');
    expect(text).not.toContain('Find a customer reference for Identity');
  });

  it('puts the 2-week list first once two weeks are left', async () => {
    t.setNow('2027-02-20T10:00:00Z');
    const text = cardText({ content: await openChecklist() });
    expect(text.indexOf('Complete the renewal')).toBeLessThan(text.indexOf('Start the renewal'));
  });

  it('answers a tick with the updated card in the invoke response, saying who ticked it and when in the reader\'s zone', async () => {
    const response = await tick('window-open:budget-fees');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const text = cardText({ content: response.body.value });
    expect(text).toContain('1 of 10 done');
    expect(text).toContain('Ticked by Alex Wilber, Dec 1, 2026, 10:00 PM');
    // The time zone once for the card, not after every tick.
    expect(text.match(/Asia\/Tokyo/g)).toHaveLength(1);
    expect(text).toContain('Times in Asia/Tokyo.');
    expect(response.body.value.refresh.userIds).toContain('user-alex');
    expect(t.connector.sent).toHaveLength(0); // no extra message in the chat
  });

  it('keeps both ticks when two people tick different items at the same moment', async () => {
    const megan = { id: 'user-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
    await Promise.all([tick('window-open:review-requirements'), tick('window-open:schedule-exams', true, megan)]);
    const text = cardText({ content: await openChecklist() });
    expect(text).toContain('2 of 10 done');
    expect(text).toContain('Ticked by Alex Wilber');
    expect(text).toContain('Ticked by Megan Bowen');
  });

  it('unticks, and an unticked item says nothing of who ticked or unticked it', async () => {
    await tick('two-weeks:renew-license-keys');
    const response = await tick('two-weeks:renew-license-keys', false, { id: 'user-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' });
    const text = cardText({ content: response.body.value });
    expect(text).toContain('0 of 10 done');
    expect(text).not.toContain('Megan Bowen');
    expect(text).not.toContain('Alex Wilber');
    expect(text).not.toContain('Unticked');
  });

  it('refreshes a stale card to the latest state', async () => {
    await tick('window-open:review-notifications');
    const response = await invoke('checklist.refresh', { tenantId: TENANT, cycle: CYCLE }, { id: 'user-lee', name: 'Lee Gu', aadObjectId: 'aad-lee' });
    expect(cardText({ content: response.body.value })).toContain('1 of 10 done');
  });

  it('refuses a tick carrying another tenant, and changes nothing anywhere', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: OTHER_TENANT, name: 'Other Org' }));
    // A card from tenant A, replayed from tenant B.
    const response = await invoke('checklist.toggle', { tenantId: TENANT, cycle: CYCLE, itemId: 'window-open:budget-fees', done: true }, undefined, OTHER_TENANT);
    expect(response.status).toBe(200);
    expect(cardText({ content: response.body.value })).toContain('I cannot tell which organization this is');
    expect(await t.app.storage.checklistMarks(TENANT, CYCLE)).toEqual([]);
    expect(await t.app.storage.checklistMarks(OTHER_TENANT, CYCLE)).toEqual([]);
  });

  it('refuses an item that is not on the checklist, and malformed data', async () => {
    expect(cardText({ content: (await tick('drop-table')).body.value })).toContain('I cannot use that card');
    const malformed = await invoke('checklist.toggle', { tenantId: TENANT, cycle: 'yesterday', itemId: 'x', done: 'yes' });
    expect(cardText({ content: malformed.body.value })).toContain('I cannot use that card');
    expect(await t.app.storage.checklistMarks(TENANT, CYCLE)).toEqual([]);
  });

  it('starts a new cycle fresh and keeps the earlier one readable', async () => {
    await tick('window-open:budget-fees');
    await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-megan', text: 'mark renewal done' }));
    const fresh = cardText({ content: await openChecklist() });
    expect(fresh).toContain('Renewal for the anniversary on February 28, 2028');
    expect(fresh).toContain('0 of');
    const earlier = await invoke('checklist.refresh', { tenantId: TENANT, cycle: CYCLE });
    const earlierText = cardText({ content: earlier.body.value });
    expect(earlierText).toContain('1 of 10 done');
    expect(earlierText).toContain("This is an earlier renewal's checklist");
    expect(earlierText).not.toContain('Untick');
    // Ticking on the old card changes nothing.
    await tick('window-open:schedule-exams');
    expect((await t.app.storage.checklistMarks(TENANT, CYCLE)).map((mark) => mark.itemId)).toEqual(['window-open:budget-fees']);
  });
});
