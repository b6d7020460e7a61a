/**
 * Who may move or stop an organization's reminders: installing the app in another team does not
 * move them (that team is told where they go and who can move them), and removing the app from a
 * chat or another team does not stop them. Only the target's own team, or "post reminders here" by
 * an admin or the Primary Program Contact, changes where they go.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity, type Activity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
let t: TestApp;

beforeEach(async () => {
  t = await startTestApp();
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, name: 'Contoso Ltd', primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' }, admins: ['aad-megan'] }));
});
afterEach(() => t.stop());

function installation(fixture: 'team-installation-add' | 'personal-installation-add' | 'group-installation-add', action: 'add' | 'remove', teamId = 'team-a'): Activity {
  const activity = makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-someone' });
  activity.action = action;
  if (fixture === 'team-installation-add') {
    activity.conversation.id = teamId;
    activity.channelData = { ...activity.channelData, team: { ...activity.channelData.team, id: teamId, name: teamId }, channel: { id: teamId } };
  }
  return activity;
}

const target = () => t.app.storage.getReminderTarget(TENANT);

it('keeps reminders in the first team when a member installs the app in another, and tells that team who can move them', async () => {
  await t.ask(installation('team-installation-add', 'add', 'team-a'));
  const cards = await t.ask(installation('team-installation-add', 'add', 'team-b'));
  recordStat('targets.moveRefused', 1);
  expect(await target()).toMatchObject({ teamId: 'team-a', active: true });
  const text = cardText({ content: cards[0] });
  expect(text).toContain('Reminders for Contoso Ltd go to another channel');
  expect(text).toContain('An admin or the Primary Program Contact can move them');
  expect(text).toContain('post reminders here');
});

it.each([
  ['a personal chat', () => installation('personal-installation-add', 'remove')],
  ['a group chat', () => installation('group-installation-add', 'remove')],
  ['another team', () => installation('team-installation-add', 'remove', 'team-b')],
])('keeps reminders going when the app is removed from %s', async (_where, removal) => {
  await t.ask(installation('team-installation-add', 'add', 'team-a'));
  expect((await t.post(removal())).status).toBe(200);
  recordStat('targets.stopRefused', 1);
  expect(await target()).toMatchObject({ teamId: 'team-a', active: true });
});

it("stops reminders when the app is removed from the target's own team, and the next install takes them", async () => {
  await t.ask(installation('team-installation-add', 'add', 'team-a'));
  await t.post(installation('team-installation-add', 'remove', 'team-a'));
  expect(await target()).toMatchObject({ teamId: 'team-a', active: false });
  const cards = await t.ask(installation('team-installation-add', 'add', 'team-b'));
  expect(await target()).toMatchObject({ teamId: 'team-b', active: true });
  expect(cardText({ content: cards[0] })).toContain('Reminders go to one channel');
});

it('moves reminders when the Primary Program Contact says "post reminders here" in the other team, and only then', async () => {
  await t.ask(installation('team-installation-add', 'add', 'team-a'));
  const inTeamB = (aadObjectId: string) => {
    const message = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId, text: '<at>Renewal Bot</at> post reminders here' });
    message.channelData = { ...message.channelData, team: { id: 'team-b' } };
    return message;
  };
  const refused = cardText({ content: (await t.ask(inTeamB('aad-someone')))[0] });
  expect(refused).toContain('Only an admin or the Primary Program Contact can move the reminders');
  expect(refused).toContain('say "post reminders here" in this channel');
  expect((await target())?.teamId).toBe('team-a');
  const moved = cardText({ content: (await t.ask(inTeamB('aad-megan')))[0] });
  expect(moved).toContain('Reminders will be posted here');
  expect((await target())?.teamId).toBe('team-b');
});

it('keeps reminders in the channel an admin chose when the app is reinstalled or upgraded in the same team', async () => {
  await t.ask(installation('team-installation-add', 'add', 'team-a'));
  const message = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-megan', text: '<at>Renewal Bot</at> post reminders here' });
  message.conversation.id = '19:chosen-channel@thread.tacv2';
  message.channelData = { ...message.channelData, team: { id: 'team-a' }, channel: { id: '19:chosen-channel@thread.tacv2' } };
  await t.ask(message);
  expect((await target())?.conversationId).toBe('19:chosen-channel@thread.tacv2');
  for (const action of ['add-upgrade', 'add'] as const) {
    const reinstall = installation('team-installation-add', 'add', 'team-a');
    reinstall.action = action;
    expect((await t.post(reinstall)).status).toBe(200);
    recordStat('targets.moveRefused', 1);
    expect(await target()).toMatchObject({ teamId: 'team-a', conversationId: '19:chosen-channel@thread.tacv2', active: true });
  }
  const upgradeRemoval = installation('team-installation-add', 'remove', 'team-a');
  upgradeRemoval.action = 'remove-upgrade';
  await t.post(upgradeRemoval);
  recordStat('targets.stopRefused', 1);
  expect((await target())?.active).toBe(true);
});
