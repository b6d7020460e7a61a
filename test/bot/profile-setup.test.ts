/**
 * Setting up and editing the organization profile with the card form: who may, what is checked,
 * and that a refused or invalid submit writes nothing.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { profileFormData } from '../support/profile-form.js';

const TENANT_A = 'aaaaaaaa-0000-0000-0000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-0000-0000-00000000000b';

const validForm = profileFormData({
  contactEmail: 'Megan@Contoso.example',
  contactAadObjectId: '',
  'competency-cloud-platform': 'gold',
  'competency-cloud-productivity': 'none',
  customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\nNorthwind; Cloud Platform; 2026-01-20',
  certifications: 'Alex Wilber; 70-533; 2026-01-15',
});

let t: TestApp;
beforeEach(async () => {
  await t?.stop();
  t = await startTestApp({ now: '2026-11-25T12:00:00Z' });
});
afterAll(() => t.stop());

function invoke(tenantId: string, aadObjectId: string, data: Record<string, unknown>, verb = 'profile.save') {
  return t.post(
    makeActivity('personal-invoke-adaptive-card-action', {
      serviceUrl: t.connector.serviceUrl,
      tenantId,
      aadObjectId,
      value: { action: { type: 'Action.Execute', title: 'Save profile', verb, data } },
    }),
  );
}

describe('the setup form', () => {
  it('opens on "setup" with Input.Date for the anniversary and a level choice per competency', async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT_A, text: 'setup' }));
    const inputs = JSON.stringify(cards[0]);
    expect(inputs).toContain('"type":"Input.Date","id":"anniversaryDate"');
    expect(cardText({ content: cards[0] })).toContain('Enterprise Mobility Management');
    expect(inputs).toContain('"verb":"profile.save"');
  });

  it('saves a valid first setup, answers the invoke with the saved card and makes the submitter an admin', async () => {
    const response = await invoke(TENANT_A, 'AAD-ALEX', validForm);
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText({ content: response.body.value });
    expect(text).toContain('Profile saved');
    expect(text).toContain('Cloud Platform (Gold)');
    const stored = await t.app.storage.getOrganization(TENANT_A);
    expect(stored?.admins).toEqual(['aad-alex']);
    expect(stored?.primaryContact.email).toBe('megan@contoso.example');
    expect(stored?.customerReferences.map((reference) => reference.competency)).toEqual(['cloud-platform', 'cloud-platform']);
    // The invoke response is the only answer; the one call to Teams asked for the author's role.
    expect(t.connector.sent.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /_connector/v3/conversations/13e171d5-cd3c-4518-9645-23ca6f3d00d6/members/user-id-0']);
  });

  it('records a competency outside the catalog by name and level, which the requirements card shows with the general rules', async () => {
    const response = await invoke(TENANT_A, 'aad-alex', { ...validForm, otherCompetencies: 'Datacenter; Silver', customerReferences: 'Woodgrove; Datacenter; 2026-01-05' });
    expect(cardText({ content: response.body.value })).toContain('Cloud Platform (Gold), Datacenter (Silver, general rules)');
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT_A, text: 'requirements' }));
    const text = cardText({ content: cards[0] });
    expect(text).toContain("General rules: this competency is not in the bot's catalog");
    expect(text).toContain('Yours that count today: 1.');
  });

  it('keeps a 29 February anniversary when next year\'s date, as the bot showed it, is typed in', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT_A, anniversaryDate: '2028-02-29', renewedCycles: 1 }));
    const response = await invoke(TENANT_A, 'aad-megan', { ...validForm, anniversaryDate: '2030-02-28' });
    expect(cardText({ content: response.body.value })).toContain('February 28, 2030');
    expect(await t.app.storage.getOrganization(TENANT_A)).toMatchObject({ anniversaryDate: '2028-02-29', renewedCycles: 2 });
  });

  it('returns the form with a message on the field and writes nothing when a date is impossible', async () => {
    const response = await invoke(TENANT_A, 'aad-alex', { ...validForm, anniversaryDate: '2026-02-30' });
    const text = cardText({ content: response.body.value });
    expect(text).toContain('Some fields need another look: nothing was saved.');
    expect(text).toContain('Must be a real calendar date written YYYY-MM-DD');
    expect(await t.app.storage.getOrganization(TENANT_A)).toBeUndefined();
  });

  it('points at the line of a malformed customer reference', async () => {
    const response = await invoke(TENANT_A, 'aad-alex', { ...validForm, customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\n\nbroken line' });
    expect(cardText({ content: response.body.value })).toContain('Line 3: write it as "Customer; competency; YYYY-MM-DD".');
    expect(await t.app.storage.getOrganization(TENANT_A)).toBeUndefined();
  });

  it('also accepts the form through Action.Submit, replying with a message', async () => {
    const cards = await t.ask(makeActivity('personal-card-submit', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT_A, aadObjectId: 'aad-alex', value: validForm }));
    expect(cardText({ content: cards[0] })).toContain('Profile saved');
  });

  it('refuses an edit by someone who is neither admin nor Primary Program Contact, leaving the profile unchanged', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT_A }));
    const response = await invoke(TENANT_A, 'aad-mallory', { ...validForm, name: 'Hijacked' });
    expect(cardText({ content: response.body.value })).toContain('Only admins can change the profile');
    expect((await t.app.storage.getOrganization(TENANT_A))?.name).toBe('Contoso Ltd');
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT_A, aadObjectId: 'aad-mallory', text: 'setup' }));
    expect(cardText({ content: cards[0] })).toContain('Only admins can change the profile');
  });

  it('lets the Primary Program Contact edit, keeping the admins', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT_A, admins: ['aad-someone'] }));
    const response = await invoke(TENANT_A, 'aad-megan', { ...validForm, name: 'Contoso Group' });
    expect(cardText({ content: response.body.value })).toContain('Profile saved');
    const stored = await t.app.storage.getOrganization(TENANT_A);
    expect(stored?.name).toBe('Contoso Group');
    expect(stored?.admins).toEqual(['aad-someone']);
  });

  it('answers an unknown verb with an error card and changes nothing', async () => {
    const response = await invoke(TENANT_A, 'aad-alex', validForm, 'drop.tables');
    expect(cardText({ content: response.body.value })).toContain('I cannot use that card');
    expect(await t.app.storage.getOrganization(TENANT_A)).toBeUndefined();
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant the organization of another', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT_A, name: 'Contoso Secret Ltd' }));
    for (const text of ['when is our anniversary', 'requirements', 'who is our program contact', 'help', 'setup']) {
      const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT_B, aadObjectId: 'aad-megan', text }));
      expect(JSON.stringify(cards)).not.toContain('Contoso Secret');
      expect(JSON.stringify(cards)).not.toContain('megan@contoso.example');
    }
  });

  it('ignores tenant ids inside the form payload: the activity decides', async () => {
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT_A }));
    await invoke(TENANT_B, 'aad-eve', { ...validForm, tenantId: TENANT_A, name: 'Eve Corp', admins: ['aad-eve'] });
    expect((await t.app.storage.getOrganization(TENANT_A))?.name).toBe('Contoso Ltd');
    const created = await t.app.storage.getOrganization(TENANT_B);
    expect(created?.name).toBe('Eve Corp');
    expect(created?.admins).toEqual(['aad-eve']);
  });

  it('refuses an activity whose two tenant ids disagree, and writes nothing', async () => {
    const activity = makeActivity('personal-invoke-adaptive-card-action', {
      serviceUrl: t.connector.serviceUrl,
      tenantId: TENANT_B,
      aadObjectId: 'aad-eve',
      value: { action: { type: 'Action.Execute', verb: 'profile.save', data: validForm } },
    });
    activity.channelData.tenant.id = TENANT_A;
    const response = await t.post(activity);
    expect(cardText({ content: response.body.value })).toContain('I cannot tell which organization this is');
    expect(await t.app.storage.countOrganizations()).toBe(0);
  });
});
