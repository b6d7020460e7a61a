/** Test data: valid organizations that individual tests tweak through overrides. */
import type { Organization } from '../../src/rules/organization/organization.js';

/** A complete, valid organization (tenant `tenant-a`, Contoso); `overrides` replace whole fields. */
export function makeOrganization(overrides: Partial<Organization> = {}): Organization {
  return {
    tenantId: 'tenant-a',
    name: 'Contoso Ltd',
    partnerId: '4412345',
    anniversaryDate: '2027-02-28',
    timeZone: 'UTC',
    primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' },
    admins: ['aad-megan'],
    competencies: [{ id: 'cloud-platform', level: 'gold' }],
    otherCompetencies: [],
    customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' }],
    certifications: [{ person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' }],
    renewedCycles: 0,
    ...overrides,
  };
}
