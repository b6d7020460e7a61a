/** Who may be an admin and how the admins change: pure rules, no Teams, no storage. */
import { describe, expect, it } from 'vitest';
import { changeAdmins, displayName, firstAdmin, MAX_ADMINS, mayBecomeAdmin, memberByEmail, type Member } from '../../src/rules/people/admins.js';
import { adminName, adminsView, PEOPLE_SHOWN } from '../../src/rules/people/admins-view.js';
import { makeOrganization } from '../support/organizations.js';

const member = (aadObjectId: string, name: string, role: string | undefined = 'user', emails: string[] = []): Member => ({ aadObjectId, name, emails, role });
const NESTOR = member('aad-nestor', 'Nestor Wilke', 'user', ['nestor@contoso.example', 'nestorw@contoso.example']);
// Contoso: Megan is the Primary Program Contact, Alex its one admin.
const org = makeOrganization({ admins: ['aad-alex'], adminNames: { 'aad-alex': 'Alex Wilber' } });

describe('mayBecomeAdmin', () => {
  it.each([
    ['user', true],
    ['guest', false],
    ['anonymous', false],
    [undefined, false],
    ['User', false],
    ['owner', false],
  ])("Teams' role %s: %s", (role, expected) => {
    expect(mayBecomeAdmin(role)).toBe(expected);
  });
});

describe('changeAdmins', () => {
  it('adds a member, keeping their name, when an admin or the Primary Program Contact asks', () => {
    for (const byWhom of [{ aadObjectId: 'aad-alex' }, { aadObjectId: 'aad-megan' }]) {
      const outcome = changeAdmins(org, { kind: 'add', member: NESTOR }, byWhom);
      expect(outcome).toEqual({ ok: true, organization: { ...org, admins: ['aad-alex', 'aad-nestor'], adminNames: { 'aad-alex': 'Alex Wilber', 'aad-nestor': 'Nestor Wilke' } }, added: ['aad-nestor'], removed: [] });
    }
  });

  it('removes an admin and their name, never the last one', () => {
    const two = { ...org, admins: ['aad-alex', 'aad-nestor'], adminNames: { 'aad-alex': 'Alex Wilber', 'aad-nestor': 'Nestor Wilke' } };
    expect(changeAdmins(two, { kind: 'remove', aadObjectId: 'aad-alex' }, { aadObjectId: 'aad-alex' })).toEqual({ ok: true, organization: { ...two, admins: ['aad-nestor'], adminNames: { 'aad-nestor': 'Nestor Wilke' } }, added: [], removed: ['aad-alex'] });
    expect(changeAdmins(org, { kind: 'remove', aadObjectId: 'aad-alex' }, { aadObjectId: 'aad-megan' })).toEqual({ ok: false, refusal: 'last-admin' });
  });

  it.each([
    ['someone who neither is an admin nor the contact', { kind: 'add', member: NESTOR }, { aadObjectId: 'aad-mallory' }, 'not-allowed'],
    ['someone Teams does not identify', { kind: 'add', member: NESTOR }, {}, 'not-allowed'],
    ['a guest', { kind: 'add', member: member('aad-gina', 'Gina', 'guest') }, { aadObjectId: 'aad-alex' }, 'not-a-member'],
    ['someone Teams gives no role', { kind: 'add', member: { ...NESTOR, role: undefined } }, { aadObjectId: 'aad-alex' }, 'not-a-member'],
    ['an admin again', { kind: 'add', member: member('aad-alex', 'Alex Wilber') }, { aadObjectId: 'aad-alex' }, 'already-admin'],
    ['the removal of someone not an admin', { kind: 'remove', aadObjectId: 'aad-nestor' }, { aadObjectId: 'aad-alex' }, 'not-an-admin'],
  ] as const)('refuses %s', (_case, change, byWhom, refusal) => {
    expect(changeAdmins(org, change, byWhom)).toEqual({ ok: false, refusal });
  });

  it(`refuses a ${MAX_ADMINS + 1}th admin`, () => {
    const full = { ...org, admins: Array.from({ length: MAX_ADMINS }, (_, index) => `aad-${index}`) };
    expect(changeAdmins(full, { kind: 'add', member: NESTOR }, { aadObjectId: 'aad-megan' })).toEqual({ ok: false, refusal: 'too-many' });
  });
});

describe('names and emails', () => {
  it('finds a member by email or user principal name, in any case', () => {
    expect(memberByEmail([NESTOR], ' NestorW@Contoso.example ')).toBe(NESTOR);
    expect(memberByEmail([NESTOR], 'nestor@fabrikam.example')).toBeUndefined();
  });

  it('keeps a display name to one line of at most 200 characters', () => {
    expect(displayName(' Alex\nWilber\u2028 ')).toBe('Alex Wilber');
    expect(displayName('x'.repeat(300))).toHaveLength(200);
    expect(displayName('  ')).toBeUndefined();
    expect(firstAdmin('aad-alex', undefined)).toEqual({ admins: ['aad-alex'] });
  });

  it("names an admin as stored, else as Teams lists them, else as the contact, else by id", () => {
    const imported = { ...org, admins: ['aad-alex', 'aad-nestor', 'aad-megan', 'aad-old'] };
    expect(['aad-alex', 'aad-nestor', 'aad-megan', 'aad-old'].map((id) => adminName(imported, id, [NESTOR]))).toEqual(['Alex Wilber', 'Nestor Wilke', 'Megan Bowen', 'Azure AD object id aad-old']);
  });
});

describe('adminsView', () => {
  const team = [NESTOR, member('aad-alex', 'Alex Wilber'), member('aad-gina', 'Gina Guest', 'guest'), member('aad-anon', 'Anon', 'anonymous'), member('aad-ben', 'Ben Andrews', 'user', ['ben@contoso.example'])];

  it('offers the members who could be admins, by name, with their email', () => {
    const view = adminsView({ org, viewer: { aadObjectId: 'aad-alex' }, members: team, scope: 'channel' });
    expect(view.people).toEqual([
      { title: 'Ben Andrews (ben@contoso.example)', value: 'aad-ben' },
      { title: 'Nestor Wilke (nestor@contoso.example)', value: 'aad-nestor' },
    ]);
    expect(view.canChange).toBe(true);
    expect(view.admins).toEqual([{ name: 'Alex Wilber', detail: '', removable: false, removeData: { tenantId: org.tenantId, aadObjectId: 'aad-alex' } }]);
    // In a 1:1 chat the card is the asker's alone.
    expect(adminsView({ org, viewer: { aadObjectId: 'aad-alex' }, members: team, scope: 'personal' }).admins[0]?.detail).toBe('You');
  });

  it(`offers at most ${PEOPLE_SHOWN} people and says how to add the others`, () => {
    const many = Array.from({ length: PEOPLE_SHOWN + 20 }, (_, index) => member(`aad-${index}`, `Person ${String(index).padStart(3, '0')}`));
    const view = adminsView({ org, viewer: { aadObjectId: 'aad-megan' }, members: many, scope: 'channel' });
    expect(view.people).toHaveLength(PEOPLE_SHOWN);
    expect(view.peopleNote).toContain(`Showing ${PEOPLE_SHOWN} of the ${PEOPLE_SHOWN + 20} people of this team who could be admins: type the email of anyone else.`);
  });

  it('shows others the list without controls', () => {
    const view = adminsView({ org: { ...org, admins: ['aad-alex', 'aad-nestor'] }, viewer: { aadObjectId: 'aad-mallory' }, members: undefined, scope: 'personal' });
    expect(view.canChange).toBe(false);
    expect(view.admins.map((row) => row.removable)).toEqual([false, false]);
    expect(view.peopleNote).toBe('');
  });

  it('escapes names people chose, in the list and in what the card says', () => {
    const view = adminsView({ org: { ...org, adminNames: { 'aad-alex': '**Alex** [x](https://evil.example)' } }, viewer: {}, members: [], scope: 'channel', notice: { added: '<at>Eve</at>' } });
    expect(view.admins[0]?.name).toBe('\\*\\*Alex\\*\\* \\[x\\](https://evil.example)');
    expect(view.note).toBe('\\<at\\>Eve\\</at\\> is now an admin.');
  });
});
