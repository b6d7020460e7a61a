import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { contactView, isPrimaryContact } from '../../src/rules/people/contact.js';
import { cycleOn } from '../../src/rules/cycle/cycle.js';
import { makeOrganization } from '../support/organizations.js';

const GUIDE = defaultCatalog().data;
const org = makeOrganization({ anniversaryDate: '2027-02-28', primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' } });
const PLANNING = cycleOn(org, '2026-11-25');

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
    const view = contactView(org, { aadObjectId: 'AAD-MEGAN' }, GUIDE, PLANNING);
    expect(view.askerIsContact).toBe(true);
    expect(view.headline).toBe('You are the Primary Program Contact.');
    expect(view.nextSteps.join(' ')).toContain('Partner Membership Center');
    expect(view.nextSteps[1]).toBe(`Use the online competency renewal guide: ${GUIDE.renewalGuideUrl} (address to confirm).`);
    expect(view.authorityNote).toBe("If you are also authorized to renew your organization's membership, you can start the renewal yourself.");
  });

  it('tells anyone else who the contact is and to share the renewal guide with them', () => {
    const view = contactView(org, { aadObjectId: 'aad-alex' }, GUIDE, PLANNING);
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
    expect(contactView(org, {}, GUIDE, PLANNING).explanation).toMatch(/typically the person authorized to update the organization's membership profile/);
    expect(contactView(org, {}, GUIDE, PLANNING).explanation).toContain('Organizations tab of your Individual Account home page');
  });

  describe("the contact's first step follows the cycle (guide lines 5, 6, 41)", () => {
    const forContact = (today: string, anchor = org) => contactView(anchor, { aadObjectId: 'aad-megan' }, GUIDE, cycleOn(anchor, today));
    const titles = (today: string, anchor = org) => forContact(today, anchor).suggestions.map((suggestion) => suggestion.title);

    it('before the window: when it opens, with the calendar file', () => {
      expect(forContact('2026-11-25').nextSteps[0]).toBe(
        'The renewal window opens on November 30, 2026, 90 days before your anniversary on February 28, 2027: you can start the online renewal in the Partner Membership Center then. Set a reminder for that day: the calendar file has it.',
      );
      expect(titles('2026-11-25')).toEqual(['Calendar reminders (.ics)', 'Requirements']);
    });

    it('in the window: start now, finishing two weeks before recommended', () => {
      expect(forContact('2026-12-30').nextSteps[0]).toBe(
        'The renewal window is open, 60 days before your anniversary on February 28, 2027: start the online renewal now in the Partner Membership Center. Finishing by February 14, 2027, two weeks before, is recommended.',
      );
    });

    it('in the last two weeks and on the day: complete it now, today', () => {
      expect(forContact('2027-02-20').nextSteps[0]).toBe('8 days left before your anniversary on February 28, 2027: complete the online renewal now, so there is time for anything unexpected.');
      expect(forContact('2027-02-28').nextSteps[0]).toBe('Your membership expires today, February 28, 2027: complete the online renewal today.');
    });

    it('after the anniversary: did you renew, with the three answers', () => {
      expect(forContact('2027-03-01').nextSteps[0]).toMatch(/^Your membership expired on February 28, 2027\. Did you renew\? Tell the bot below\./);
      expect(titles('2027-03-01')).toEqual(['We renewed', 'We did not renew', 'The date changed']);
    });

    it('once the bot assumed the renewal: says so, counting to the next anniversary', () => {
      expect(forContact('2027-04-15').nextSteps[0]).toContain('Nobody said whether the membership was renewed for its February 28, 2027 anniversary, so the bot assumes it was and now counts to February 28, 2028.');
    });

    it('is not said to someone who is not the contact', () => {
      expect(contactView(org, { aadObjectId: 'aad-alex' }, GUIDE, cycleOn(org, '2026-12-30')).suggestions).toEqual([]);
    });
  });

  it('offers an email to the contact with the organization in the subject', () => {
    expect(contactView(org, {}, GUIDE, PLANNING).mailto).toBe('mailto:megan@contoso.example?subject=Contoso%20Ltd%3A%20partner%20membership%20renewal');
  });
});
