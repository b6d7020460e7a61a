/**
 * Who the Primary Program Contact is, and whether the person asking is that contact (guide lines 8-10):
 * the contact is *typically* the person authorized to renew, and renews when also authorized to.
 */
import type { CatalogData } from '../catalog/catalog.js';
import { contactMoment } from './contact-moment.js';
import type { CycleStatus } from '../cycle/cycle.js';
import type { Organization } from '../organization/organization.js';
import { markedAddress } from '../common/value-source.js';
import { escapeMarkdown } from '../common/markdown.js';
import type { Suggestion } from '../questions/suggestions.js';

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

export type RenewalGuideLink = Pick<CatalogData, 'renewalGuideUrl'> & { sources: Pick<CatalogData['sources'], 'renewalGuideUrl'> };

export interface ContactView {
  organizationName: string;
  contactName: string;
  contactEmail: string;
  askerIsContact: boolean;
  headline: string;
  explanation: string;
  /** For the contact: renewing also takes the authority to renew; '' for anyone else. */
  authorityNote: string;
  nextSteps: string[];
  /** For the contact: the buttons of the moment (calendar file, requirements, "We renewed", …). */
  suggestions: Suggestion[];
  mailto: string;
}

/**
 * @example contactView(org, { aadObjectId: org.primaryContact.aadObjectId }, catalog.data, cycleOn(org, today)).askerIsContact // true
 */
export function contactView(org: Pick<Organization, 'name' | 'primaryContact'>, asker: Asker, guide: RenewalGuideLink, cycle: CycleStatus): ContactView {
  const askerIsContact = isPrimaryContact(org, asker);
  // The contact's first step follows the cycle: when the window opens, start now, complete now, did you renew.
  const moment = askerIsContact ? contactMoment(cycle) : undefined;
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
      'The Primary Program Contact is typically the person authorized to update the organization\'s membership profile and to manage the renewal in the Partner Membership Center. ' +
      'The contact\'s name is on the Organizations tab of your Individual Account home page in the Partner Membership Center.',
    authorityNote: askerIsContact ? 'If you are also authorized to renew your organization\'s membership, you can start the renewal yourself.' : '',
    nextSteps: askerIsContact
      ? [
          moment?.step ?? '',
          `Use the online competency renewal guide: ${markedAddress(guide.renewalGuideUrl, guide.sources.renewalGuideUrl)}.`,
          'Check each competency\'s requirements with "requirements" and clear the blockers early.',
        ]
      : [
          `Share the online competency renewal guide with ${name}, the Primary Program Contact being typically the person authorized to renew: ${markedAddress(guide.renewalGuideUrl, guide.sources.renewalGuideUrl)}.`,
          'If the contact has changed, update it here with "setup".',
        ],
    suggestions: moment?.suggestions ?? [],
    mailto: `mailto:${encodeURIComponent(email).replace('%40', '@')}?subject=${encodeURIComponent(`${org.name}: partner membership renewal`)}`,
  };
}
