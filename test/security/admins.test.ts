/**
 * Who becomes an admin, through the real HTTP edge with the local connector playing Teams' member
 * lookups: the first profile's author must be a member of the tenant (Teams' `userRole`, asked
 * before the save, fail-closed when Teams does not say); afterwards admins and the Primary Program
 * Contact add admins from the conversation's members (chosen or by email) and remove them, never
 * the last, and every change is logged with who made it. Nobody else, and no other tenant, changes them.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { elements } from '../cards/card-inspection.js';
import { makeActivity, type Activity, type FixtureName } from '../support/activities.js';
import type { FakePerson, ScriptedReply } from '../support/fake-connector.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';
import type { Organization } from '../../src/rules/organization/organization.js';
import { profileFormData } from '../support/profile-form.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const OTHER_TENANT = 'bbbbbbbb-0000-0000-0000-00000000000b';

const MEGAN = { id: '29:megan', aadObjectId: 'aad-megan', name: 'Megan Bowen', email: 'megan@contoso.example', userRole: 'user' } satisfies FakePerson;
const ALEX = { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex Wilber', email: 'alex@contoso.example', userRole: 'user' } satisfies FakePerson;
const NESTOR = { id: '29:nestor', aadObjectId: 'aad-nestor', name: 'Nestor Wilke', email: 'nestor@contoso.example', userPrincipalName: 'nestorw@contoso.example', userRole: 'user' } satisfies FakePerson;
const MALLORY = { id: '29:mallory', aadObjectId: 'aad-mallory', name: 'Mallory Moe', email: 'mallory@contoso.example', userRole: 'user' } satisfies FakePerson;
const GINA_GUEST = { id: '29:gina', aadObjectId: 'aad-gina', name: 'Gina Guest', email: 'gina@fabrikam.example', userRole: 'guest' } satisfies FakePerson;

const profileForm = profileFormData();

let t: TestApp;
let logLines: Record<string, any>[];
afterEach(() => t?.stop());

/** The bot, Teams knowing `people`, and (unless `org` is null) Contoso with Alex as its one admin and Megan as its contact. */
async function start(options: { org?: Partial<Organization> | null; people?: FakePerson[] } = {}) {
  logLines = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, any>) });
  t = await startTestApp({ log });
  for (const person of options.people ?? [MEGAN, ALEX, NESTOR, MALLORY, GINA_GUEST]) t.connector.setPerson(person);
  if (options.org !== null) await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, admins: ['aad-alex'], adminNames: { 'aad-alex': 'Alex Wilber' }, ...options.org }));
}

/** An activity of `who` in a channel of the team (the fixtures' team-id), or in their 1:1 chat. */
function activityOf(fixture: FixtureName, who: FakePerson, options: { tenantId?: string; text?: string; value?: unknown; inChannel?: boolean } = {}): Activity {
  const activity = makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: options.tenantId ?? TENANT, aadObjectId: who.aadObjectId, userId: who.id, userName: who.name, text: options.text, value: options.value });
  if (options.inChannel) {
    activity.conversation = { ...activity.conversation, conversationType: 'channel', isGroup: true, id: 'team-id;messageid=1795549364495' };
    activity.channelData = { ...activity.channelData, team: { id: 'team-id' }, teamsTeamId: 'team-id', teamsChannelId: 'team-id' };
  }
  return activity;
}

/** Presses a card's Action.Execute button as `who`: the card Teams shows in its place. */
async function press(verb: string, data: Record<string, unknown>, who: FakePerson, options: { tenantId?: string; inChannel?: boolean } = {}): Promise<Record<string, any>> {
  const response = await t.post(activityOf('personal-invoke-adaptive-card-action', who, { ...options, value: { action: { type: 'Action.Execute', verb, data } } }));
  expect(response.status).toBe(200);
  return response.body.value as Record<string, any>;
}

const textOf = (card: Record<string, any>) => cardText({ content: card });
const admins = async (tenantId = TENANT) => (await t.app.storage.getOrganization(tenantId))?.admins;
const adminChanges = () => logLines.filter((line) => line.msg === 'admins changed');
const lookups = (kind: 'members' | 'pagedmembers') => t.connector.sent.filter((request) => request.method === 'GET' && request.path.includes(`/${kind}`));
const add = (who: FakePerson, choice: { newAdmin?: string; newAdminEmail?: string }, options: { tenantId?: string; dataTenantId?: string; inChannel?: boolean } = {}) =>
  press('admins.add', { tenantId: options.dataTenantId ?? TENANT, newAdmin: '', newAdminEmail: '', ...choice }, who, { inChannel: options.inChannel ?? true, tenantId: options.tenantId });
const remove = (who: FakePerson, aadObjectId: string) => press('admins.remove', { tenantId: TENANT, aadObjectId }, who, { inChannel: true });

describe('the first profile', () => {
  it("is refused to a guest of the tenant, with a card that says why, and nothing is written", async () => {
    await start({ org: null });
    const card = await press('profile.save', profileForm, GINA_GUEST);
    const text = textOf(card);
    expect(text).toContain('Only members of the organization can set it up');
    expect(text).toContain('Teams says you are a guest here');
    expect(text).toContain('I saved nothing');
    expect(await t.app.storage.countOrganizations()).toBe(0);
    // Teams was asked about this person, in this conversation, before anything was written.
    expect(lookups('members').map((request) => request.path)).toEqual(['/_connector/v3/conversations/13e171d5-cd3c-4518-9645-23ca6f3d00d6/members/29:gina']);
    // The form itself is refused up front, not after a guest filled it in.
    const [typed] = await t.ask(activityOf('personal-message', GINA_GUEST, { text: 'setup' }));
    expect(textOf(typed!)).toContain('Only members of the organization can set it up');
    recordStat('admins.firstSaveRefused', 2);
  });

  it('is refused to an anonymous meeting visitor', async () => {
    await start({ org: null, people: [{ id: '29:anon', name: 'Anon1 (Guest)', userRole: 'anonymous' }] });
    const text = textOf(await press('profile.save', profileForm, { id: '29:anon', aadObjectId: 'aad-anon', name: 'Anon1 (Guest)' }));
    expect(text).toContain('Only members of the organization can set it up');
    expect(await t.app.storage.countOrganizations()).toBe(0);
    recordStat('admins.firstSaveRefused', 1);
  });

  it("is saved for a member of the tenant, who becomes its admin by name, and the change is logged with who made it", async () => {
    await start({ org: null });
    const card = await press('profile.save', profileForm, NESTOR);
    expect(textOf(card)).toContain('Profile saved');
    expect(card.actions.map((action: any) => action.title)).toContain('Admins');
    expect(await t.app.storage.getOrganization(TENANT)).toMatchObject({ admins: ['aad-nestor'], adminNames: { 'aad-nestor': 'Nestor Wilke' } });
    expect(adminChanges()).toEqual([expect.objectContaining({ tenantId: TENANT, by: 'aad-nestor', added: ['aad-nestor'], removed: [], reason: 'first profile' })]);
    recordStat('admins.changesLogged', 1);
  });

  it.each<[string, ScriptedReply]>([
    ['Teams answers 404', { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } }],
    ['Teams answers 503', { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } }],
    ['Teams gives no role', { status: 200, body: { id: '29:nestor', name: 'Nestor Wilke', aadObjectId: 'aad-nestor' } }],
  ])('is refused, fail-closed, when %s: the card says the role could not be confirmed, nothing is written', async (_case, reply) => {
    await start({ org: null });
    t.connector.respond = (request) => (request.method === 'GET' && request.path.includes('/members/') ? reply : { status: 200, body: { id: 'activity-1' } });
    const text = textOf(await press('profile.save', profileForm, NESTOR));
    expect(text).toContain('I could not confirm your role in Teams');
    expect(text).toContain('Please try again in a minute');
    expect(await t.app.storage.countOrganizations()).toBe(0);
    recordStat('admins.firstSaveRefused', 1);
  });
});

describe('the Admins card', () => {
  it('lists the admins by name and offers the members of the team, without guests or admins, and an email field', async () => {
    await start();
    const [card] = await t.ask(activityOf('channel-message-with-mention', ALEX, { text: 'manage admins', inChannel: true }));
    const text = textOf(card!);
    expect(text).toContain('Admins (1)');
    expect(text).toContain('Alex Wilber\nalex@contoso.example');
    const choice = elements(card).find((element) => element.id === 'newAdmin');
    expect((choice?.choices as { title: string; value: string }[]).map((option) => option.value)).toEqual(['aad-mallory', 'aad-megan', 'aad-nestor']);
    expect(elements(card).find((element) => element.id === 'newAdminEmail')).toMatchObject({ type: 'Input.Text', style: 'Email' });
    // The last admin has no Remove button (and a stale card's is refused, below).
    expect(elements(card).filter((element) => element.title === 'Remove')).toEqual([]);
    expect(lookups('pagedmembers').map((request) => request.path)).toEqual(['/_connector/v3/conversations/team-id/pagedmembers?pageSize=500']);
  });

  it('shows anyone else of the tenant who the admins are, without controls and without asking Teams', async () => {
    await start();
    const [card] = await t.ask(activityOf('personal-message', MALLORY, { text: 'admins' }));
    expect(textOf(card!)).toContain('Only they can change this list: ask one of them.');
    expect(elements(card).filter((element) => String(element.type).startsWith('Input.'))).toEqual([]);
    expect(lookups('pagedmembers')).toEqual([]);
  });
});

describe('changing admins', () => {
  it('an admin adds a member chosen from the people list: stored, shown, logged with who made it', async () => {
    await start();
    const card = await add(ALEX, { newAdmin: 'aad-nestor' });
    expect(textOf(card)).toContain('Nestor Wilke is now an admin.');
    expect(textOf(card)).toContain('Admins (2)');
    expect(await t.app.storage.getOrganization(TENANT)).toMatchObject({ admins: ['aad-alex', 'aad-nestor'], adminNames: { 'aad-alex': 'Alex Wilber', 'aad-nestor': 'Nestor Wilke' } });
    expect(adminChanges()).toEqual([expect.objectContaining({ tenantId: TENANT, by: 'aad-alex', added: ['aad-nestor'], removed: [], admins: 2 })]);
    recordStat('admins.changesLogged', 1);
  });

  it('an admin adds a member by email (any case, or their user principal name)', async () => {
    await start();
    expect(textOf(await add(ALEX, { newAdminEmail: 'Nestor@Contoso.example' }))).toContain('Nestor Wilke is now an admin.');
    expect(textOf(await add(ALEX, { newAdminEmail: 'MALLORY@contoso.example' }, { inChannel: false }))).toContain('Mallory Moe is now an admin.');
    expect(await admins()).toEqual(['aad-alex', 'aad-nestor', 'aad-mallory']);
    expect(adminChanges().map((line) => line.added)).toEqual([['aad-nestor'], ['aad-mallory']]);
    recordStat('admins.changesLogged', 2);
  });

  it.each<[string, { newAdmin?: string; newAdminEmail?: string }, string]>([
    ['an email nobody here has', { newAdminEmail: 'nobody@contoso.example' }, 'No one with the email nobody@contoso.example is in this team, so I added no one.'],
    ['a guest, by email', { newAdminEmail: 'gina@fabrikam.example' }, 'Teams says Gina Guest is a guest here, not a member of the organization, and only members can be admins.'],
    ['an id nobody here has (a crafted submit)', { newAdmin: 'aad-eve' }, 'That person is not in this team (any more), so I added no one.'],
    ['a guest, by a crafted id', { newAdmin: 'aad-gina' }, 'Teams says Gina Guest is a guest here'],
    ['someone already an admin', { newAdminEmail: 'alex@contoso.example' }, 'Alex Wilber is already an admin.'],
    ['nothing', {}, 'Choose a person or type their email, then press Add admin.'],
    ['both a person and an email', { newAdmin: 'aad-nestor', newAdminEmail: 'mallory@contoso.example' }, 'Choose a person or type an email, not both'],
    ['text that is not an email', { newAdminEmail: 'nestor' }, 'That is not an email address'],
  ])('refuses %s with a card that says so, and writes nothing', async (_case, choice, why) => {
    await start();
    expect(textOf(await add(ALEX, choice))).toContain(why);
    expect(await admins()).toEqual(['aad-alex']);
    expect(adminChanges()).toEqual([]);
    recordStat('admins.changesRefused', 1);
  });

  it('the Primary Program Contact, not an admin, may add and remove admins', async () => {
    await start();
    expect(textOf(await add(MEGAN, { newAdmin: 'aad-nestor' }))).toContain('Nestor Wilke is now an admin.');
    expect(textOf(await remove(MEGAN, 'aad-alex'))).toContain('Alex Wilber is no longer an admin.');
    expect(await t.app.storage.getOrganization(TENANT)).toMatchObject({ admins: ['aad-nestor'], adminNames: { 'aad-nestor': 'Nestor Wilke' } });
    expect(adminChanges().map(({ by, added, removed }) => ({ by, added, removed }))).toEqual([
      { by: 'aad-megan', added: ['aad-nestor'], removed: [] },
      { by: 'aad-megan', added: [], removed: ['aad-alex'] },
    ]);
    recordStat('admins.changesLogged', 2);
  });

  it('refuses anyone who is neither admin nor Primary Program Contact, before asking Teams, and changes nothing', async () => {
    await start();
    for (const card of [await add(MALLORY, { newAdmin: 'aad-mallory' }), await remove(MALLORY, 'aad-alex')]) {
      expect(textOf(card)).toContain('Only admins can change the admins');
    }
    expect(await admins()).toEqual(['aad-alex']);
    expect(lookups('pagedmembers')).toEqual([]);
    expect(adminChanges()).toEqual([]);
    recordStat('admins.changesRefused', 2);
  });

  it('never removes the last admin: the card says why', async () => {
    await start();
    const text = textOf(await remove(ALEX, 'aad-alex'));
    expect(text).toContain('Alex Wilber is the only admin, and the organization always keeps at least one: add another admin first');
    expect(await admins()).toEqual(['aad-alex']);
    expect(adminChanges()).toEqual([]);
    recordStat('admins.changesRefused', 1);
  });

  it('two admins removing each other at once leave one admin: the second sees that it is no longer one', async () => {
    await start({ org: { admins: ['aad-alex', 'aad-nestor'], primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' } } });
    const cards = await Promise.all([remove(ALEX, 'aad-nestor'), remove(NESTOR, 'aad-alex')]);
    const texts = cards.map(textOf);
    expect(texts.filter((text) => text.includes('is no longer an admin.'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Only admins can change the admins'))).toHaveLength(1);
    expect(await admins()).toHaveLength(1);
    expect(adminChanges()).toHaveLength(1);
  });

  it("an admin of another tenant never changes this tenant's admins, whatever the card says", async () => {
    await start();
    // Alex's own id is an admin of another organization too, which presses cards naming this tenant.
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: OTHER_TENANT, name: 'Fabrikam', admins: ['aad-alex'] }));
    const foreign = { ...ALEX, id: '29:alex-elsewhere' };
    const refused = [
      await add(foreign, { newAdmin: 'aad-nestor' }, { tenantId: OTHER_TENANT }),
      await press('admins.remove', { tenantId: TENANT, aadObjectId: 'aad-alex' }, foreign, { tenantId: OTHER_TENANT, inChannel: true }),
    ];
    for (const card of refused) expect(textOf(card)).toContain('I cannot tell which organization this is');
    expect(await admins(TENANT)).toEqual(['aad-alex']);
    expect(await admins(OTHER_TENANT)).toEqual(['aad-alex']);
    expect(adminChanges()).toEqual([]);
    // With its own tenant's id in the data, it changes its own organization only.
    expect(textOf(await add(foreign, { newAdmin: 'aad-nestor' }, { tenantId: OTHER_TENANT, dataTenantId: OTHER_TENANT }))).toContain('Nestor Wilke is now an admin.');
    expect(await admins(OTHER_TENANT)).toEqual(['aad-alex', 'aad-nestor']);
    expect(await admins(TENANT)).toEqual(['aad-alex']);
    expect(adminChanges().map((line) => line.tenantId)).toEqual([OTHER_TENANT]);
    recordStat('admins.changesRefused', 2);
    recordStat('isolation.attempts', 2);
  });

  it('keeps the admins changed in the bot when the profile is saved afterwards', async () => {
    await start();
    await add(ALEX, { newAdmin: 'aad-nestor' });
    expect(textOf(await press('profile.save', { ...profileForm, name: 'Contoso Group' }, MEGAN))).toContain('Profile saved');
    expect(await t.app.storage.getOrganization(TENANT)).toMatchObject({ name: 'Contoso Group', admins: ['aad-alex', 'aad-nestor'] });
  });
});
