/** Who the Primary Program Contact is, and whether the person asking is that contact. */
import type { Organization } from './organization.js';
import type { ContactView } from './view-models.js';
import { escapeMarkdown } from './markdown.js';

export interface Asker {
  aadObjectId?: string;
  email?: string;
  /** The person asked about themselves ("am I the primary contact?"): answer yes or no first. */
  askedAboutSelf?: boolean;
}

/** Matches on the Azure AD object id, else the email, both case-insensitively. */
export function isPrimaryContact(org: Pick<Organization, 'primaryContact'>, asker: Asker): boolean {
  const contact = org.primaryContact;
  const same = (a?: string, b?: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(contact.aadObjectId, asker.aadObjectId) || same(contact.email, asker.email);
}

/**
 * @example contactView(org, { aadObjectId: org.primaryContact.aadObjectId }, guideUrl).askerIsContact // true
 */
export function contactView(org: Pick<Organization, 'name' | 'primaryContact'>, asker: Asker, renewalGuideUrl: string): ContactView {
  const askerIsContact = isPrimaryContact(org, asker);
  const name = escapeMarkdown(org.primaryContact.name);
  const email = org.primaryContact.email;
  return {
    organizationName: escapeMarkdown(org.name),
    contactName: name,
    contactEmail: escapeMarkdown(email),
    askerIsContact,
    headline: askerIsContact
      ? 'You are the Primary Program Contact.'
      : asker.askedAboutSelf
        ? `No, you are not the Primary Program Contact: ${name} is.`
        : `${name} is your Primary Program Contact.`,
    explanation:
      'The Primary Program Contact is normally the person authorized to update the membership profile and to manage the renewal in the Partner Membership Center.',
    nextSteps: askerIsContact
      ? [
          'Start the renewal in the Partner Membership Center once the window opens, 90 days before the anniversary.',
          'Check each competency\'s requirements with "requirements" and clear the blockers early.',
        ]
      : [
          `Share the renewal guide (${renewalGuideUrl}) with ${name}: they can renew for the organization.`,
          'If the contact has changed, update it in the Partner Membership Center and here with "setup".',
        ],
    mailto: `mailto:${encodeURIComponent(email).replace('%40', '@')}?subject=${encodeURIComponent(`${org.name}: partner membership renewal`)}`,
  };
}
