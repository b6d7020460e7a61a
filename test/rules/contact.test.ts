import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog.js';
import { contactView, isPrimaryContact } from '../../src/rules/contact.js';
import { makeOrganization } from '../support/organizations.js';

const GUIDE = defaultCatalog().data;
const org = makeOrganization({ primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' } });

describe('isPrimaryContact', () => {
  it('recognizes the contact by Azure AD object id, whatever its case', () => {
    expect(isPrimaryContact(org, { aadObjectId: 'aad-megan' })).toBe(true);
    expect(isPrimaryContact(org, { aadObjectId: 'AAD-Megan' })).toBe(true);
  });

  it('recognizes the contact by email, whatever its case and surrounding spaces', () => {
    expect(isPrimaryContact(org, { email: 'Megan@Contoso.EXAMPLE' })).toBe(true);
    expect(isPrimaryContact(org, { email: ' megan@contoso.example ' })).toBe(true);
  });

  it('recognizes the contact by email even when the asker has a different object id', () => {
    expect(isPrimaryContact(org, { aadObjectId: 'aad-other', email: 'megan@contoso.example' })).toBe(true);
  });

  it('does not take someone else for the contact', () => {
    expect(isPrimaryContact(org, { aadObjectId: 'aad-alex', email: 'alex@contoso.example' })).toBe(false);
    expect(isPrimaryContact(org, { email: 'megan@fabrikam.example' })).toBe(false);
  });

  it('does not take an anonymous asker for the contact', () => {
    expect(isPrimaryContact(org, {})).toBe(false);
    expect(isPrimaryContact(org, { aadObjectId: '', email: '' })).toBe(false);
  });

  it('does not match two missing object ids to each other', () => {
    const noId = makeOrganization({ primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example' } });
    expect(isPrimaryContact(noId, { email: 'alex@contoso.example' })).toBe(false);
    expect(isPrimaryContact(noId, { aadObjectId: undefined, email: undefined })).toBe(false);
  });
});

describe('the program contact card', () => {
  it('tells the contact that it is them and how to start', () => {
    const view = contactView(org, { aadObjectId: 'AAD-MEGAN' }, GUIDE);
    expect(view.askerIsContact).toBe(true);
    expect(view.headline).toBe('You are the Primary Program Contact.');
    expect(view.nextSteps.join(' ')).toContain('Partner Membership Center');
    expect(view.nextSteps[0]).toBe(`Get started with the online competency renewal guide: ${GUIDE.renewalGuideUrl} (address to confirm).`);
    expect(view.authorityNote).toBe("If you are also authorized to renew your organization's membership, you can start the renewal yourself.");
  });

  it('tells anyone else who the contact is and to share the renewal guide with them', () => {
    const view = contactView(org, { aadObjectId: 'aad-alex' }, GUIDE);
    expect(view.askerIsContact).toBe(false);
    expect(view.headline).toBe('Megan Bowen is your Primary Program Contact.');
    expect(view.nextSteps[0]).toBe(
      `Share the online competency renewal guide with Megan Bowen, the Primary Program Contact being typically the person authorized to renew: ${GUIDE.renewalGuideUrl} (address to confirm).`,
    );
    expect(view.authorityNote).toBe('');
    expect(view.contactName).toBe('Megan Bowen');
    expect(view.contactEmail).toBe('megan@contoso.example');
  });

  it('explains what the Primary Program Contact does', () => {
    expect(contactView(org, {}, GUIDE).explanation).toMatch(/typically the person authorized to update the organization's membership profile/);
    expect(contactView(org, {}, GUIDE).explanation).toContain('Organizations tab of your Individual Account home page');
  });

  it('offers an email to the contact with the organization in the subject', () => {
    expect(contactView(org, {}, GUIDE).mailto).toBe('mailto:megan@contoso.example?subject=Contoso%20Ltd%3A%20partner%20membership%20renewal');
  });
});
