/**
 * Personal reminders as pure rules: which reminders reach the Primary Program Contact personally,
 * how the ledger subject names them, and whether a claimed one goes out. The contact is the one who
 * renews (renewal-guidance-2016.txt line 8); two weeks before, the renewal should be complete (line 41).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { personalReminderView } from '../../src/rules/reminders/personal-view.js';
import { contactUnreachableNote, personalDeliveryDecision, personalReminders, UNIDENTIFIED_CONTACT } from '../../src/rules/reminders/personal.js';
import { parsePersonalSubject, personalSubject } from '../../src/rules/reminders/subject.js';
import { planReminders } from '../../src/rules/reminders/plan.js';
import { reminderView } from '../../src/rules/reminders/view.js';
import { makeOrganization } from '../support/organizations.js';

const catalog = defaultCatalog();
const org = makeOrganization({ anniversaryDate: '2027-02-28', customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] });
const TWO_WEEKS = { planningDay: '2027-02-14', sendDay: '2027-02-14' };
const claimed = (kind: string, subject = personalSubject('aad-megan', ''), payload: unknown = {}) => ({ kind, cycle: '2027-02-28', subject, audience: 'personal' as const, payload });
const nothing = { stopped: false, ticks: [] };

describe('personal ledger subjects', () => {
  it('name the recipient and keep the channel reminder\'s own subject, for every recipient and subject', () => {
    const recipient = fc.stringMatching(/^[a-z0-9-]{1,40}$/);
    fc.assert(
      fc.property(recipient, fc.string({ maxLength: 80 }), (to, subject) => {
        expect(parsePersonalSubject(personalSubject(to, subject))).toEqual({ recipient: to, subject });
      }),
    );
  });

  it('are told apart from channel subjects', () => {
    expect(parsePersonalSubject('')).toBeUndefined();
    expect(parsePersonalSubject('cloud-platform|Fabrikam|2025-02-10')).toBeUndefined();
    expect(parsePersonalSubject('cloud-platform|change-1')).toBeUndefined();
  });
});

describe('personalReminders', () => {
  it('copies the two-week, passed-anniversary and reference reminders to the contact, not the window opening while there is a channel', () => {
    const plan = planReminders(org, '2026-11-30', {}, catalog);
    expect(plan.reminders.map((reminder) => reminder.kind).sort()).toEqual(['reference-expiring', 'window-open']);
    expect(personalReminders(plan.reminders, org.primaryContact, true)).toEqual([
      expect.objectContaining({ kind: 'reference-expiring', subject: 'personal:aad-megan|cloud-platform|Fabrikam|2025-02-10' }),
    ]);
    expect(personalReminders(plan.reminders, org.primaryContact, false).map((reminder) => reminder.kind).sort()).toEqual(['reference-expiring', 'window-open']);
    for (const today of ['2027-02-14', '2027-03-01']) {
      const [phase] = personalReminders(planReminders(org, today, {}, catalog).reminders, org.primaryContact, true);
      expect(phase).toMatchObject({ subject: 'personal:aad-megan', kind: today === '2027-02-14' ? 'two-weeks' : 'expired' });
    }
  });

  it('never copies a requirement change (the channel tells the team)', () => {
    const changed = [{ kind: 'requirements-changed' as const, cycle: '2027-02-28', subject: 'cloud-platform|change-1', audience: 'channel' as const, dueOn: '2027-01-01', payload: { competencyId: 'cloud-platform', level: 'gold' as const, changes: [] } }];
    expect(personalReminders(changed, org.primaryContact, false)).toEqual([]);
  });

  it('addresses a contact without an Azure AD object id as unidentified', () => {
    const [reminder] = personalReminders(planReminders(org, '2027-02-14', {}, catalog).reminders, { aadObjectId: undefined }, true);
    expect(reminder?.subject).toBe(`personal:${UNIDENTIFIED_CONTACT}`);
  });
});

describe('personalDeliveryDecision', () => {
  it('sends the two-week reminder to the current contact', () => {
    const decision = personalDeliveryDecision(org, claimed('two-weeks'), TWO_WEEKS, catalog, nothing);
    expect(decision).toMatchObject({ recipient: 'aad-megan', send: { title: 'Two weeks left: complete the renewal now' } });
  });

  it('skips a reminder addressed to a former contact', () => {
    const changed = { ...org, primaryContact: { name: 'Alex Wilber', email: 'alex@contoso.example', aadObjectId: 'aad-alex' } };
    expect(personalDeliveryDecision(changed, claimed('two-weeks'), TWO_WEEKS, catalog, nothing)).toEqual({ skip: 'the recipient is no longer the Primary Program Contact' });
  });

  it('skips once the contact stopped personal reminders', () => {
    expect(personalDeliveryDecision(org, claimed('two-weeks'), TWO_WEEKS, catalog, { stopped: true, ticks: [] })).toEqual({ skip: 'the Primary Program Contact stopped personal reminders' });
  });

  it('skips what the channel copy would skip: a renewal marked done moved the cycle on', () => {
    const renewed = { ...org, renewedCycles: 1 };
    expect(personalDeliveryDecision(renewed, claimed('two-weeks'), TWO_WEEKS, catalog, nothing)).toEqual({ skip: 'superseded: its moment in the cycle has passed' });
  });

  it('records a contact without an Azure AD object id as unreachable', () => {
    const anonymous = { ...org, primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example' } };
    const decision = personalDeliveryDecision(anonymous, claimed('two-weeks', personalSubject(UNIDENTIFIED_CONTACT, '')), TWO_WEEKS, catalog, nothing);
    expect(decision).toEqual({ unreachable: expect.stringContaining('no Azure AD object id') });
  });

  it('skips a channel subject', () => {
    expect(personalDeliveryDecision(org, claimed('two-weeks', ''), TWO_WEEKS, catalog, nothing)).toEqual({ skip: 'not a personal reminder' });
  });
});

describe('the personal two-week card', () => {
  const base = (organization = org) => ({
    org: organization,
    reminder: reminderView({ kind: 'two-weeks', payload: {}, organizationName: organization.name, anniversary: '2027-02-28', today: '2027-02-14' }, catalog),
    kind: 'two-weeks' as const,
    cycle: '2027-02-28',
    today: '2027-02-14',
  });
  const tick = (itemId: string, done = true) => ({ itemId, done, changedByName: 'Megan', changedById: 'user-1', changedAt: '2027-02-13T10:00:00Z' });

  it('lists the checklist items not ticked, and the standing blockers', () => {
    const view = personalReminderView({ ...base(), ticks: [tick('two-weeks:finish-renewal'), tick('window-open:budget-fees', false)] }, catalog);
    expect(view.openItems).not.toContain('Finish the online renewal early, leaving time for anything unexpected');
    expect(view.openItems).toContain('Budget ahead for any applicable competency fees or exam fees'); // unticked again: open
    expect(view.openItems).toContain('Renew the internal use license keys');
    expect(view.openItems.some((item) => item.startsWith('Replace the Fabrikam reference for Cloud Platform'))).toBe(true); // expires before the anniversary (line 31)
    expect(view.blockers).toContain('Cloud Platform (Gold): 5 more customer references needed (to confirm on the Cloud Platform competency page, Requirements → Gold)');
    expect(view.checklist).toEqual([]); // the open items replace the static list
    expect(view.allDone).toBe('');
  });

  it('says only marking the renewal done is left when everything is ticked and nothing blocks', () => {
    const clear = makeOrganization({ anniversaryDate: '2027-02-28', competencies: [], customerReferences: [] });
    const all = ['review-requirements', 'review-notifications', 'schedule-exams', 'budget-fees'].map((id) => tick(`window-open:${id}`)).concat(['finish-renewal', 'renew-license-keys', 'move-reminder'].map((id) => tick(`two-weeks:${id}`)));
    const view = personalReminderView({ ...base(clear), ticks: all }, catalog);
    expect(view.openItems).toEqual([]);
    expect(view.blockers).toEqual([]);
    expect(view.allDone).toContain('say "mark renewal done"');
    expect(view.suggestions.map((suggestion) => suggestion.data)).toEqual([{ ask: 'mark-renewed' }, { ask: 'personal-reminders', on: false }]);
  });

  it('addresses the contact by name, escaped, as "you" in their own chat', () => {
    const named = makeOrganization({ primaryContact: { name: 'Megan *Bowen*', email: 'megan@contoso.example', aadObjectId: 'aad-megan' } });
    expect(personalReminderView({ ...base(named), ticks: [] }, catalog).addressedTo).toContain('Megan \\*Bowen\\*, you are the Primary Program Contact');
  });

  it('says in one line how to stop them', () => {
    const note = personalReminderView({ ...base(makeOrganization()), ticks: [] }, catalog).stopNote;
    expect(note).toBe('Say "stop personal reminders" to stop these; the team channel\'s reminders go on.');
  });
});

describe('contactUnreachableNote', () => {
  it('says why the contact could not be reached, or nothing', () => {
    expect(contactUnreachableNote(org.primaryContact, '')).toBe('');
    expect(contactUnreachableNote(org.primaryContact, 'HTTP 403: refused')).toBe('Megan Bowen, the Primary Program Contact, could not be reached in a personal chat: HTTP 403: refused.');
    expect(contactUnreachableNote({ name: 'Megan Bowen', email: 'megan@contoso.example' }, '')).toContain('no Azure AD object id');
  });
});
