/**
 * The largest organization the profile schema accepts (src/rules/organization/organization.ts), for tests that
 * check every card still fits in one Teams message: every list at its maximum count, every text at
 * its maximum length, in characters that grow when a card escapes them (Markdown, JSON) or encodes
 * them (UTF-8: 'ü' two bytes, '€' three).
 */
import type { Organization } from '../../src/rules/organization/organization.js';
import { makeOrganization } from './organizations.js';

/** Zod limits of the profile, mirrored: a test fails when the schema refuses the profile built here. */
export const PROFILE_LIMITS = {
  nameLength: 200,
  partnerIdLength: 40,
  otherCompetencies: 50,
  otherCompetencyNameLength: 120,
  referenceCompetencyLength: 80,
  customerReferences: 500,
  certifications: 2000,
  examLength: 40,
  admins: 100,
} as const;

export const CATALOG_IDS = ['cloud-platform', 'small-midmarket-cloud-solutions', 'cloud-productivity', 'cloud-crm', 'enterprise-mobility-management'] as const;

/** `prefix` then a filler with escaped and multi-byte characters, cut to exactly `length` characters. */
export function longText(prefix: string, length: number): string {
  const filler = ' Überwachung & Söhne *€* [EMEA] <gold> Ltd';
  let text = prefix;
  while (text.length < length) text += filler;
  return text.slice(0, length).trimEnd().padEnd(length, 'x');
}

/**
 * Anniversary 2027-02-28: every reference was approved between 2024-12-01 and 2025-02-27, so each has
 * expired or expires before the anniversary (a checklist item and a risk each, on 2026-12-02); every
 * person passed an exam that two or five competencies accept, so each counts (a name on the cards).
 */
export function largestOrganization(tenantId: string, overrides: Partial<Organization> = {}): Organization {
  const L = PROFILE_LIMITS;
  const otherCompetencies = Array.from({ length: L.otherCompetencies }, (_, index) => ({ name: longText(`Other competency ${index + 1}`, L.otherCompetencyNameLength), level: 'gold' as const }));
  // A reference names its competency in at most 80 characters: the first other competencies' names are cut to fit.
  const referenceTargets = [...CATALOG_IDS, ...otherCompetencies.slice(0, 5).map((other) => other.name)];
  const customerReferences = Array.from({ length: L.customerReferences }, (_, index) => ({
    customer: longText(`Customer ${index + 1}`, L.nameLength),
    // Most on one competency: its own requirements card is the longest one.
    competency: index % 5 === 4 ? referenceTargets[index % referenceTargets.length]! : 'cloud-platform',
    approvedOn: approvedOn(index),
  }));
  const exams = ['70-533', '70-346', 'MB2-703', '70-695'];
  const certifications = Array.from({ length: L.certifications }, (_, index) => ({
    person: longText(`Person ${index + 1}`, L.nameLength),
    exam: exams[index % exams.length]!,
    passedOn: '2026-01-15',
  }));
  return makeOrganization({
    tenantId,
    name: longText('Contoso', L.nameLength),
    partnerId: 'P'.padEnd(L.partnerIdLength, '9'),
    anniversaryDate: '2027-02-28',
    timeZone: 'America/Argentina/ComodRivadavia',
    primaryContact: { name: longText('Megan Bowen', L.nameLength), email: `megan.${'b'.repeat(180)}@contoso.example`, aadObjectId: 'aad-megan' },
    admins: ['aad-megan', ...Array.from({ length: L.admins - 1 }, (_, index) => `aad-admin-${index + 1}`)],
    competencies: CATALOG_IDS.map((id) => ({ id, level: 'gold' as const })),
    otherCompetencies: otherCompetencies.map((other, index) => (index < 5 ? { ...other, name: other.name.slice(0, L.referenceCompetencyLength).trimEnd() } : other)),
    customerReferences: customerReferences.map((reference) => ({ ...reference, competency: reference.competency.slice(0, L.referenceCompetencyLength).trimEnd() })),
    certifications,
    ...overrides,
  });
}

/** 2024-12-01 plus `index` mod 89 days: all before 2025-02-28. */
function approvedOn(index: number): string {
  const day = new Date(Date.UTC(2024, 11, 1 + (index % 89)));
  return day.toISOString().slice(0, 10);
}
