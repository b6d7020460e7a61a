/**
 * The organizations the guide traceability tests ask about, and a way to ask: a message through the
 * real server and CloudAdapter over HTTP, the answer read back as the card text a person sees.
 */
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import type { TestApp } from '../support/test-app.js';
import type { Organization } from '../../src/rules/organization/organization.js';

export const CONTOSO = '00000000-0000-4000-8000-00000000c001';
export const LEAP_DAY = '00000000-0000-4000-8000-00000000c029';

/** The Primary Program Contact, an admin; anyone else asks as Alex. */
export const MEGAN = 'aad-megan';
export const ALEX = 'aad-alex';

/**
 * Contoso, anniversary February 28, 2027 (Berlin): Cloud Platform Gold, Cloud Productivity and Small
 * and Midmarket Cloud Solutions Silver, and Datacenter (not in the catalog) Silver.
 * References: Fabrikam expires January 10, 2027 (before the anniversary), Litware expired June 1, 2026,
 * Northwind expires March 2, 2028, Woodgrove (Datacenter) expires January 5, 2028.
 */
export const contoso: Organization = makeOrganization({
  tenantId: CONTOSO,
  anniversaryDate: '2027-02-28',
  timeZone: 'Europe/Berlin',
  competencies: [
    { id: 'cloud-platform', level: 'gold' },
    { id: 'cloud-productivity', level: 'silver' },
    { id: 'small-midmarket-cloud-solutions', level: 'silver' },
  ],
  otherCompetencies: [{ name: 'Datacenter', level: 'silver' }],
  customerReferences: [
    { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-01-10' },
    { customer: 'Litware', competency: 'cloud-platform', approvedOn: '2024-06-01' },
    { customer: 'Northwind Traders', competency: 'cloud-platform', approvedOn: '2026-03-02' },
    { customer: 'Woodgrove Bank', competency: 'Datacenter', approvedOn: '2026-01-05' },
  ],
  certifications: [
    { person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' },
    { person: 'Lee Gu', exam: '70-347', passedOn: '2025-10-01' },
  ],
});

/** An organization whose anniversary was entered as 29 February 2028, three renewals later (2031). */
export const leapDay: Organization = makeOrganization({ tenantId: LEAP_DAY, anniversaryDate: '2028-02-29', renewedCycles: 3, timeZone: 'UTC' });

export async function seed(t: TestApp): Promise<void> {
  await t.app.storage.saveOrganization(contoso);
  await t.app.storage.saveOrganization(leapDay);
}

/** Asks the bot in a personal chat and returns the text of the one card it answers with. */
export async function askText(t: TestApp, text: string, options: { tenantId?: string; aadObjectId?: string } = {}): Promise<string> {
  const cards = await t.ask(
    makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: options.tenantId ?? CONTOSO, aadObjectId: options.aadObjectId ?? ALEX, text }),
  );
  if (cards.length !== 1) throw new Error(`expected one card for "${text}", got ${cards.length}`);
  return cardText({ content: cards[0] });
}

/** The text of every card the connector received, e.g. the reminders of a pass. */
export function sentText(t: TestApp): string {
  return t.connector.sent
    .flatMap((sent) => ((sent.body.attachments as { content: unknown }[] | undefined) ?? []).map((attachment) => cardText(attachment)))
    .join('\n');
}
