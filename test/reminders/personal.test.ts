/**
 * Personal reminders to the Primary Program Contact through the real HTTP edge and CloudAdapter,
 * with the local connector playing Teams (roster lookup, conversation creation, 403 for a blocked
 * bot). The guide makes the contact the one who renews: "Your company's Primary Program Contact is
 * typically the person authorized to ... manage the renewal" (renewal-guidance-2016.txt line 8), and
 * two weeks before the anniversary the renewal should be complete (line 41).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { cardText } from '../cards/card-text.js';
import { actAsTeams, connectorCalls, personalChatOf, type FakeTeams } from '../support/fake-teams.js';
import type { SentActivity } from '../support/fake-connector.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { CHANNEL, channelPosts, FAST_REMINDERS, postedTitles, startReminderApp, TENANT, titleOf } from './reminder-app.js';
import type { Organization } from '../../src/rules/organization/organization.js';

let t: TestApp;
afterEach(() => t?.stop());

// Anniversary 2027-02-28 in Berlin: two weeks before is 2027-02-14, from 09:00 there (08:00 UTC).
const TWO_WEEKS = new Date('2027-02-14T08:00:00Z');
const DAY_AFTER = new Date('2027-03-01T08:00:00Z');
const WINDOW_OPENS = new Date('2026-11-30T08:00:00Z');
const MEGAN = 'aad-megan';
const MEGAN_USER = '29:megan';
/** The 1:1 chat of the personal-message fixture, where Megan writes to the bot. */
const MEGANS_CHAT = '13e171d5-cd3c-4518-9645-23ca6f3d00d6';

async function start(options: { now: Date; org?: Partial<Organization>; env?: Record<string, string> }): Promise<FakeTeams> {
  t = await startReminderApp({ now: options.now.toISOString(), org: options.org, env: options.env });
  return actAsTeams(t.connector, { 'team-id': { [MEGAN]: MEGAN_USER, 'aad-alex': '29:alex' } });
}

/** The contact (or whoever `aadObjectId` is) writes `text` in their 1:1 chat with the bot; returns the cards answered. */
async function sayInPersonalChat(text: string, aadObjectId = MEGAN, conversationId = MEGANS_CHAT): Promise<string[]> {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId, text });
  activity.conversation.id = conversationId;
  const before = t.connector.sent.length;
  await t.ask(activity);
  const answers = t.connector.sent.slice(before);
  t.connector.sent.length = before; // the test's own conversation is not what it checks
  return answers.map((sent) => cardText({ contentType: 'application/vnd.microsoft.card.adaptive', content: (sent.body.attachments as any[])[0].content }));
}

const pass = (now: Date) => t.app.reminders.runPass({ now });
const textOf = (sent: SentActivity | undefined) => (sent ? cardText({ contentType: 'application/vnd.microsoft.card.adaptive', content: (sent.body.attachments as any[])[0].content }) : '');
const personalRows = async () => (await t.app.storage.remindersOf(TENANT)).filter((row) => row.subject.startsWith('personal:'));

describe('personal reminders to the Primary Program Contact', () => {
  it('reach a contact who wrote to the bot in that 1:1 chat, with the open checklist items and the blockers, once', async () => {
    await start({ now: TWO_WEEKS });
    await sayInPersonalChat('help');
    await t.app.storage.markChecklistItem(TENANT, '2027-02-28', { itemId: 'two-weeks:renew-license-keys', done: true, changedByName: 'Alex', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' });

    const report = await pass(TWO_WEEKS);
    const calls = connectorCalls(t.connector);
    expect(calls.lookups).toEqual([]);
    expect(calls.creates).toEqual([]);
    const [personal, ...more] = calls.messagesTo(MEGANS_CHAT);
    expect(more).toEqual([]);
    const text = textOf(personal);
    expect(titleOf(personal!)).toBe('Two weeks left: complete the renewal now');
    expect(text).toContain('Megan Bowen, you are the Primary Program Contact of Contoso Ltd');
    expect(text).toContain('Still open on the renewal checklist: 8 of 9'); // 4 + 3 of the guide (lines 40-41), 1 references item and 1 certification item
    expect(text).toContain('Finish the online renewal early'); // still open (guide line 41)
    expect(text).not.toContain('Renew the internal use license keys'); // ticked
    expect(text).toContain('Still blocking the renewal');
    expect(text).toContain('Cloud Platform (Gold): 5 more customer references needed');
    expect(text).toContain('stop personal reminders');
    expect(postedTitles(t)).toEqual(['Two weeks left: complete the renewal now']);
    expect(report.counts.sent).toBe(2);

    t.connector.reset();
    actAsTeams(t.connector);
    expect((await pass(new Date('2027-02-14T15:00:00Z'))).counts.sent).toBe(0);
    expect(t.connector.sent).toEqual([]);
  });

  it('open a new 1:1 chat with a contact who never wrote: the member is looked up in the team, the chat created in the tenant and kept', async () => {
    await start({ now: TWO_WEEKS });
    await pass(TWO_WEEKS);
    const calls = connectorCalls(t.connector);
    expect(calls.lookups.map((call) => call.path)).toEqual([`/_connector/v3/conversations/team-id/members/${MEGAN}`]);
    expect(calls.creates.map((call) => call.body)).toEqual([
      expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: MEGAN_USER })], tenantId: TENANT, channelData: { tenant: { id: TENANT } } }),
    ]);
    expect(calls.messagesTo(personalChatOf(MEGAN_USER)).map(titleOf)).toEqual(['Two weeks left: complete the renewal now']);
    expect((await t.app.storage.getPersonalChat(TENANT, MEGAN))?.conversation?.conversationId).toBe(personalChatOf(MEGAN_USER));

    // The next personal reminder goes to the chat kept, without another lookup.
    t.connector.sent.length = 0;
    t.setNow(DAY_AFTER.toISOString());
    await pass(DAY_AFTER);
    expect(connectorCalls(t.connector).lookups).toEqual([]);
    expect(connectorCalls(t.connector).messagesTo(personalChatOf(MEGAN_USER)).map(titleOf)).toEqual(['The membership expired on February 28, 2027']);
  });

  it('record a contact who blocked the bot (403) as unreachable, and the channel reminder says so', async () => {
    const teams = await start({ now: TWO_WEEKS });
    await sayInPersonalChat('help');
    teams.blocked.add(MEGANS_CHAT);
    const report = await pass(TWO_WEEKS);
    expect(report.counts).toMatchObject({ sent: 1, inactive: 1 });
    const [row] = await personalRows();
    expect(row).toMatchObject({ status: 'inactive', kind: 'two-weeks' });
    expect(row?.lastError).toMatch(/^HTTP 403: Teams refused the message in the contact's 1:1 chat/);
    expect((await t.app.storage.getPersonalChat(TENANT, MEGAN))?.unreachableReason).toBe(row?.lastError);
    expect(textOf(channelPosts(t)[0])).toContain('Megan Bowen, the Primary Program Contact, could not be reached in a personal chat: HTTP 403');
    expect((await t.app.storage.getReminderTarget(TENANT))?.active).toBe(true); // the channel is not the one that failed

    // Once the contact writes again, the mark goes and the next channel reminder no longer carries it.
    teams.blocked.clear();
    await sayInPersonalChat('help');
    t.connector.sent.length = 0;
    await pass(DAY_AFTER);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT).map(titleOf)).toEqual(['The membership expired on February 28, 2027']);
    expect(textOf(channelPosts(t)[0])).not.toContain('could not be reached');
  });

  it('record a contact Teams cannot find in the team (404) as unreachable', async () => {
    const teams = await start({ now: TWO_WEEKS });
    teams.rosters.get('team-id')?.delete(MEGAN);
    await pass(TWO_WEEKS);
    expect(connectorCalls(t.connector).creates).toEqual([]);
    const [row] = await personalRows();
    expect(row).toMatchObject({ status: 'inactive' });
    expect(row?.lastError).toMatch(/^HTTP 404: Teams could not find the contact/);
    expect(textOf(channelPosts(t)[0])).toContain('could not be reached in a personal chat: HTTP 404');
  });

  it('record a contact without an Azure AD object id as unreachable, and call nothing for them', async () => {
    await start({ now: TWO_WEEKS, org: { primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example' } } });
    await pass(TWO_WEEKS);
    expect(connectorCalls(t.connector).lookups).toEqual([]);
    expect(t.connector.sent.filter((sent) => sent.conversationId !== CHANNEL)).toEqual([]);
    const [row] = await personalRows();
    expect(row).toMatchObject({ status: 'inactive', subject: 'personal:unidentified' });
    expect(row?.lastError).toContain('no Azure AD object id');
    expect(textOf(channelPosts(t)[0])).toContain('Megan Bowen, the Primary Program Contact, could not be reached in a personal chat: the profile gives the Primary Program Contact no Azure AD object id');
  });

  it('go out for the customer reference and the passed anniversary too, but not for the window opening while there is a channel', async () => {
    await start({ now: WINDOW_OPENS, org: { customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] } });
    await sayInPersonalChat('help');
    await pass(WINDOW_OPENS);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT).map(titleOf)).toEqual(['A customer reference expires before your anniversary']);
    expect(postedTitles(t).sort()).toEqual(['A customer reference expires before your anniversary', 'The renewal window is open']);
  });

  it('bring the window opening to the contact when the organization has no channel', async () => {
    await start({ now: WINDOW_OPENS });
    await t.app.storage.deactivateReminderTarget(TENANT, 'the app was removed from the team');
    await sayInPersonalChat('help');
    await pass(WINDOW_OPENS);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT).map(titleOf)).toEqual(['The renewal window is open']);
    expect(channelPosts(t)).toEqual([]);
  });

  it('send nothing once every checklist item is ticked and the renewal is marked done', async () => {
    await start({ now: TWO_WEEKS, org: { competencies: [], customerReferences: [] } });
    await sayInPersonalChat('help');
    for (const itemId of ['review-requirements', 'review-notifications', 'schedule-exams', 'budget-fees'].map((id) => `window-open:${id}`).concat(['finish-renewal', 'renew-license-keys', 'move-reminder'].map((id) => `two-weeks:${id}`))) {
      await t.app.storage.markChecklistItem(TENANT, '2027-02-28', { itemId, done: true, changedByName: 'Megan', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' });
    }
    expect(await sayInPersonalChat('mark renewal done')).toEqual([expect.stringContaining('February 28, 2028')]);
    await pass(TWO_WEEKS);
    expect(t.connector.sent).toEqual([]);
  });

  it('tell a contact with everything ticked and nothing blocking that only marking the renewal done is left', async () => {
    await start({ now: TWO_WEEKS, org: { competencies: [], customerReferences: [] } });
    await sayInPersonalChat('help');
    for (const id of ['review-requirements', 'review-notifications', 'schedule-exams', 'budget-fees']) {
      await t.app.storage.markChecklistItem(TENANT, '2027-02-28', { itemId: `window-open:${id}`, done: true, changedByName: 'Megan', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' });
    }
    for (const id of ['finish-renewal', 'renew-license-keys', 'move-reminder']) {
      await t.app.storage.markChecklistItem(TENANT, '2027-02-28', { itemId: `two-weeks:${id}`, done: true, changedByName: 'Megan', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' });
    }
    await pass(TWO_WEEKS);
    const text = textOf(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)[0]);
    expect(text).toContain('Every item of the renewal checklist is ticked and the bot found no blockers.');
    expect(text).not.toContain('nothing blocks');
    expect(text).not.toContain('Still open');
    expect(text).not.toContain('Still blocking');
  });
});

describe('the contact controls personal reminders', () => {
  it('stops them with "stop personal reminders" in the 1:1 chat and starts them again with "start personal reminders"', async () => {
    await start({ now: TWO_WEEKS });
    expect(await sayInPersonalChat('stop personl reminders')).toEqual([expect.stringContaining('Personal reminders stopped')]);
    expect(await t.app.storage.personalRemindersStopped(TENANT, MEGAN)).toBe(true);
    const report = await pass(TWO_WEEKS);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toEqual([]);
    expect(report.entries.find((entry) => entry.subject === `personal:${MEGAN}`)).toMatchObject({ outcome: 'skipped', reason: 'the Primary Program Contact stopped personal reminders' });
    expect(postedTitles(t)).toEqual(['Two weeks left: complete the renewal now']); // the channel still gets it

    expect(await sayInPersonalChat('start personal reminders')).toEqual([expect.stringContaining('Personal reminders are on')]);
    t.connector.sent.length = 0;
    await pass(DAY_AFTER);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT).map(titleOf)).toEqual(['The membership expired on February 28, 2027']);
  });

  it('refuses the switch from someone who is not the contact, and in a channel, writing nothing', async () => {
    await start({ now: TWO_WEEKS });
    expect(await sayInPersonalChat('stop personal reminders', 'aad-alex', 'alex-chat')).toEqual([expect.stringContaining('Only the Primary Program Contact gets personal reminders')]);
    const inChannel = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: MEGAN, text: 'stop personal reminders' });
    expect(JSON.stringify(await t.ask(inChannel))).toContain('Personal reminders are switched in a 1:1 chat');
    expect(await t.app.storage.personalRemindersStopped(TENANT, MEGAN)).toBe(false);
    expect(await t.app.storage.personalRemindersStopped(TENANT, 'aad-alex')).toBe(false);
    expect(await t.app.storage.getPersonalChat(TENANT, 'aad-alex')).toBeUndefined(); // not the contact: their chat is not kept
  });

  it('move to the new contact when the profile changes: the old contact gets nothing more', async () => {
    await start({ now: TWO_WEEKS });
    await sayInPersonalChat('help');
    await pass(TWO_WEEKS);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toHaveLength(1);

    const org = (await t.app.storage.getOrganization(TENANT))!;
    await t.app.storage.saveOrganization({ ...org, primaryContact: { name: 'Alex Wilber', email: 'alex@contoso.example', aadObjectId: 'aad-alex' } });
    t.connector.sent.length = 0;
    await pass(new Date('2027-02-15T08:00:00Z'));
    // Alex gets this cycle's two-week reminder in a new chat; Megan nothing.
    expect(connectorCalls(t.connector).messagesTo(personalChatOf('29:alex')).map(titleOf)).toEqual(['13 days left: complete the renewal now']);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toEqual([]);
    t.connector.sent.length = 0;
    await pass(DAY_AFTER);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toEqual([]);
    expect(connectorCalls(t.connector).messagesTo(personalChatOf('29:alex')).map(titleOf)).toEqual(['The membership expired on February 28, 2027']);
  });
});

describe('personal reminders keep the guarantees of channel reminders', () => {
  it('leave a throttled or failing personal send pending with the reason and send it at the next pass', async () => {
    const teams = await start({ now: TWO_WEEKS });
    await sayInPersonalChat('help');
    teams.otherwise = (request) => (request.conversationId === MEGANS_CHAT ? { status: 503 } : { status: 200, body: { id: 'x' } });
    const first = await pass(TWO_WEEKS);
    expect(first.entries.find((entry) => entry.subject.startsWith('personal:'))).toMatchObject({ outcome: 'pending', reason: 'HTTP 503' });
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toHaveLength(3); // REMINDER_MAX_ATTEMPTS
    teams.otherwise = () => ({ status: 200, body: { id: 'x' } });
    t.connector.sent.length = 0;
    t.setNow('2027-02-14T09:00:00Z');
    await pass(new Date('2027-02-14T09:00:00Z'));
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT).map(titleOf)).toEqual(['Two weeks left: complete the renewal now']);
  });

  it('never use a chat the same person has in another tenant', async () => {
    await start({ now: TWO_WEEKS });
    await sayInPersonalChat('help'); // Megan's chat in TENANT
    const otherTenant = 'bbbbbbbb-0000-0000-0000-00000000000b';
    await t.app.storage.rememberPersonalChat(otherTenant, 'aad-alex', { conversationId: 'alex-in-other-tenant', serviceUrl: t.connector.serviceUrl, conversationReference: { serviceUrl: t.connector.serviceUrl, conversationId: 'alex-in-other-tenant', tenantId: otherTenant, botId: 'bot', scope: 'personal' } });
    const org = (await t.app.storage.getOrganization(TENANT))!;
    await t.app.storage.saveOrganization({ ...org, primaryContact: { name: 'Alex Wilber', email: 'alex@contoso.example', aadObjectId: 'aad-alex' } });
    await pass(TWO_WEEKS);
    expect(t.connector.sent.filter((sent) => sent.conversationId === 'alex-in-other-tenant')).toEqual([]);
    expect(connectorCalls(t.connector).creates.map((call) => call.body.tenantId)).toEqual([TENANT]);
  });

  it('are not sent to a 1:1 chat whose service URL is not trusted, pass after pass', async () => {
    // The connector is on loopback, which an explicit SERVICE_URL_ALLOWLIST does not include: the
    // chat stands for one stored before the operator narrowed the list (or written by hand).
    t = await startTestApp({ now: WINDOW_OPENS.toISOString(), env: { ...FAST_REMINDERS, SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/' } });
    actAsTeams(t.connector);
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28', timeZone: 'Europe/Berlin', customerReferences: [] }));
    await t.app.storage.rememberPersonalChat(TENANT, MEGAN, { conversationId: MEGANS_CHAT, serviceUrl: t.connector.serviceUrl, conversationReference: { serviceUrl: t.connector.serviceUrl, conversationId: MEGANS_CHAT, tenantId: TENANT, botId: 'bot', scope: 'personal' } });
    for (const now of [WINDOW_OPENS, new Date('2026-11-30T09:00:00Z')]) {
      t.setNow(now.toISOString());
      const report = await pass(now);
      expect(report.entries).toEqual([expect.objectContaining({ subject: `personal:${MEGAN}`, outcome: 'pending', reason: 'the service URL is not in SERVICE_URL_ALLOWLIST' })]);
    }
    expect(t.connector.sent).toEqual([]);
  });

  it('are off with PERSONAL_REMINDERS=off: the channel alone is reminded', async () => {
    await start({ now: TWO_WEEKS, env: { PERSONAL_REMINDERS: 'off' } });
    await sayInPersonalChat('help');
    expect(await t.app.storage.getPersonalChat(TENANT, MEGAN)).toBeUndefined(); // the contact's chat is not kept
    expect((await sayInPersonalChat('start personal reminders')).join(' ')).toContain('No personal reminders here');
    expect(await personalRows()).toEqual([]);
    await pass(TWO_WEEKS);
    expect(connectorCalls(t.connector).messagesTo(MEGANS_CHAT)).toEqual([]);
    expect(await personalRows()).toEqual([]);
    expect(postedTitles(t)).toEqual(['Two weeks left: complete the renewal now']);
  });
});
