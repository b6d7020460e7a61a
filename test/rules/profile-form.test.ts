import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { parseProfileForm, setupFormView, type ProfileFormResult, type SetupFormView } from '../../src/rules/setup/profile-form.js';

const catalog = defaultCatalog();

function validSubmit(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Contoso Ltd',
    partnerId: '4412345',
    anniversaryDate: '2027-02-28',
    timeZone: 'Pacific/Auckland',
    contactName: 'Megan Bowen',
    contactEmail: 'Megan@Contoso.example',
    contactAadObjectId: 'AAD-Megan',
    customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\nNorthwind Traders; Cloud Productivity; 2025-09-15',
    certifications: 'Alex Wilber; 70-533; 2026-01-15\nAdele Vance; 70-347; 2026-02-01',
    'competency-cloud-platform': 'gold',
    'competency-cloud-productivity': 'silver',
    'competency-cloud-crm': 'none',
    ...overrides,
  };
}

/** What the card sends back when submitted unchanged: every value and every competency choice. */
function submitOf(view: SetupFormView): Record<string, unknown> {
  return { ...view.values, ...Object.fromEntries(view.competencies.map((choice) => [choice.inputId, choice.level])) };
}

function rejected(result: ProfileFormResult) {
  if (result.ok) throw new Error(`expected the submit to be rejected, got ${JSON.stringify(result.profile)}`);
  expect(result).not.toHaveProperty('profile');
  return result;
}

describe('a valid submit', () => {
  it('becomes the profile, with the email and object id in lower case and references by catalog id', () => {
    const result = parseProfileForm(validSubmit(), catalog);
    expect(result).toEqual({
      ok: true,
      profile: {
        name: 'Contoso Ltd',
        partnerId: '4412345',
        anniversaryDate: '2027-02-28',
        timeZone: 'Pacific/Auckland',
        primaryContact: { name: 'Megan Bowen', email: 'megan@contoso.example', aadObjectId: 'aad-megan' },
        competencies: [
          { id: 'cloud-platform', level: 'gold' },
          { id: 'cloud-productivity', level: 'silver' },
        ],
        otherCompetencies: [],
        customerReferences: [
          { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' },
          { customer: 'Northwind Traders', competency: 'cloud-productivity', approvedOn: '2025-09-15' },
        ],
        certifications: [
          { person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' },
          { person: 'Adele Vance', exam: '70-347', passedOn: '2026-02-01' },
        ],
      },
    });
  });

  it('records a competency outside the catalog by name and level, and a reference that names it', () => {
    const result = parseProfileForm(
      validSubmit({ otherCompetencies: 'Datacenter; Gold', customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\nWoodgrove; datacenter; 2025-07-01' }),
      catalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.profile.otherCompetencies).toEqual([{ name: 'Datacenter', level: 'gold' }]);
    expect(result.profile.customerReferences[1]).toEqual({ customer: 'Woodgrove', competency: 'datacenter', approvedOn: '2025-07-01' });
    expect(setupFormView(catalog, { profile: result.profile }).values.otherCompetencies).toBe('Datacenter; gold');
  });

  it('refuses a reference naming a competency that is neither in the catalog nor recorded, on its line', () => {
    const result = parseProfileForm(validSubmit({ otherCompetencies: 'Datacenter; silver', customerReferences: 'Woodgrove; Messaging; 2025-07-01' }), catalog);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.customerReferences).toBe('Line 1 (competency): unknown competency "Messaging".');
  });

  it('refuses another competency without a level it knows, on its line', () => {
    const result = parseProfileForm(validSubmit({ otherCompetencies: 'Datacenter; bronze' }), catalog);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.otherCompetencies).toMatch(/^Line 1 \(level\): /);
  });

  it('round-trips: the edit form of the saved profile submits back to the same profile', () => {
    const first = parseProfileForm(validSubmit(), catalog);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const edit = setupFormView(catalog, { profile: first.profile });
    expect(edit.isEdit).toBe(true);
    expect(edit.title).toBe('Edit Contoso Ltd');
    expect(edit.values.customerReferences).toBe('Fabrikam; cloud-platform; 2025-06-01\nNorthwind Traders; cloud-productivity; 2025-09-15');
    expect(edit.competencies.find((choice) => choice.inputId === 'competency-cloud-platform')?.level).toBe('gold');
    expect(edit.competencies.find((choice) => choice.inputId === 'competency-cloud-crm')?.level).toBe('none');
    expect(parseProfileForm(submitOf(edit), catalog)).toEqual(first);
  });

  it('round-trips a profile without object id, references or certifications', () => {
    const first = parseProfileForm(validSubmit({ contactAadObjectId: '', customerReferences: '', certifications: '', 'competency-cloud-platform': 'none', 'competency-cloud-productivity': 'none' }), catalog);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(first.profile.primaryContact.aadObjectId).toBeUndefined();
    expect(first.profile.competencies).toEqual([]);
    expect(parseProfileForm(submitOf(setupFormView(catalog, { profile: first.profile })), catalog)).toEqual(first);
  });

  it('uses UTC when no time zone is given', () => {
    const result = parseProfileForm(validSubmit({ timeZone: '' }), catalog);
    expect(result.ok && result.profile.timeZone).toBe('UTC');
  });

  it('accepts 29 February in a leap year as the anniversary', () => {
    const result = parseProfileForm(validSubmit({ anniversaryDate: '2028-02-29' }), catalog);
    expect(result.ok && result.profile.anniversaryDate).toBe('2028-02-29');
  });

  it('skips blank lines and accepts Windows line endings in the lists', () => {
    const result = parseProfileForm(validSubmit({ customerReferences: '\r\n  \r\nFabrikam; cloud-platform; 2025-06-01\r\n\r\n' }), catalog);
    expect(result.ok && result.profile.customerReferences).toEqual([{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-06-01' }]);
  });

  it('starts a new organization with an empty form in UTC', () => {
    const view = setupFormView(catalog);
    expect(view.isEdit).toBe(false);
    expect(view.values.timeZone).toBe('UTC');
    expect(view.competencies).toHaveLength(5);
    expect(view.competencies.every((choice) => choice.level === 'none')).toBe(true);
    expect(Object.values(view.errors).every((message) => message === '')).toBe(true);
  });
});

describe('field errors, and nothing saved', () => {
  it('rejects the impossible date 2026-02-30 on the anniversary field', () => {
    const result = rejected(parseProfileForm(validSubmit({ anniversaryDate: '2026-02-30' }), catalog));
    expect(result.errors.anniversaryDate).toBe('Must be a real calendar date written YYYY-MM-DD');
    expect(Object.keys(result.errors)).toEqual(['anniversaryDate']);
  });

  it('rejects 29 February in a common year', () => {
    expect(rejected(parseProfileForm(validSubmit({ anniversaryDate: '2027-02-29' }), catalog)).errors.anniversaryDate).toBeTruthy();
  });

  it('rejects an email without an @ on the contact email field', () => {
    const result = rejected(parseProfileForm(validSubmit({ contactEmail: 'megan.contoso.example' }), catalog));
    expect(result.errors.contactEmail).toBe('Must be an email address');
  });

  it('rejects a time zone that is not an IANA name', () => {
    const result = rejected(parseProfileForm(validSubmit({ timeZone: 'Mars/Olympus' }), catalog));
    expect(result.errors.timeZone).toBe('Must be an IANA time zone name such as Europe/Berlin');
  });

  it('reports a bad date, a bad email and a bad zone together, each on its field', () => {
    const result = rejected(parseProfileForm(validSubmit({ anniversaryDate: '2026-02-30', contactEmail: 'nope', timeZone: 'Nowhere' }), catalog));
    expect(Object.keys(result.errors).sort()).toEqual(['anniversaryDate', 'contactEmail', 'timeZone']);
    expect(result.formError).toBe('Some fields need another look: nothing was saved.');
  });

  it('requires a name and a partner id', () => {
    const result = rejected(parseProfileForm(validSubmit({ name: '  ', partnerId: '' }), catalog));
    expect(result.errors.name).toBe('Is required');
    expect(result.errors.partnerId).toBe('Must be the partner id shown in the partner portal');
  });

  it('points at the malformed reference line, counting the blank lines before it', () => {
    const result = rejected(parseProfileForm(validSubmit({ customerReferences: '\n\nFabrikam; cloud-platform' }), catalog));
    expect(result.errors.customerReferences).toBe('Line 3: write it as "Customer; competency; YYYY-MM-DD".');
  });

  it('points at the malformed line after a good line and a blank one', () => {
    const result = rejected(parseProfileForm(validSubmit({ customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\n\n\nNorthwind;; 2025-06-01' }), catalog));
    expect(result.errors.customerReferences).toBe('Line 4: write it as "Customer; competency; YYYY-MM-DD".');
  });

  it('points at the reference line with an impossible approval date, counting the blank lines', () => {
    const result = rejected(parseProfileForm(validSubmit({ customerReferences: 'Fabrikam; cloud-platform; 2025-06-01\n\n\nNorthwind; cloud-platform; 2025-02-30' }), catalog));
    expect(result.errors.customerReferences).toBe('Line 4 (approvedOn): must be a real calendar date written YYYY-MM-DD.');
  });

  it('points at the reference line naming an unknown competency, counting the blank lines', () => {
    const result = rejected(parseProfileForm(validSubmit({ customerReferences: '\r\nFabrikam; azure-stack; 2025-06-01' }), catalog));
    expect(result.errors.customerReferences).toBe('Line 2 (competency): unknown competency "azure-stack".');
  });

  it('points at the malformed certification line, with Windows line endings', () => {
    const result = rejected(parseProfileForm(validSubmit({ certifications: 'Alex Wilber; 70-533; 2026-01-15\r\n\r\nAdele Vance; 70-347' }), catalog));
    expect(result.errors.certifications).toBe('Line 3: write it as "Person; exam; YYYY-MM-DD".');
  });

  it('points at a certification line with too many cells', () => {
    const result = rejected(parseProfileForm(validSubmit({ certifications: '\nAlex; 70-533; 2026-01-15; extra' }), catalog));
    expect(result.errors.certifications).toMatch(/^Line 2:/);
  });

  it('rejects a field that is not text', () => {
    const result = rejected(parseProfileForm(validSubmit({ name: 42 }), catalog));
    expect(result.errors.name).toBeTruthy();
  });

  it('rejects a field that is too long', () => {
    const result = rejected(parseProfileForm(validSubmit({ name: 'x'.repeat(201) }), catalog));
    expect(result.errors.name).toBe('must be at most 200 characters');
  });

  it('gives the form back with what the person typed and the message on the field', () => {
    const result = rejected(parseProfileForm(validSubmit({ contactEmail: 'megan.contoso.example' }), catalog));
    const view = setupFormView(catalog, { rejected: result });
    expect(view.values.contactEmail).toBe('megan.contoso.example');
    expect(view.values.name).toBe('Contoso Ltd');
    expect(view.competencies.find((choice) => choice.inputId === 'competency-cloud-platform')?.level).toBe('gold');
    expect(view.errors.contactEmail).toBe('Must be an email address');
    expect(view.errors.anniversaryDate).toBe('');
    expect(view.formError).toBe('Some fields need another look: nothing was saved.');
  });

  it('never returns a profile when any field is wrong', () => {
    const breakers: Record<string, unknown> = {
      anniversaryDate: '2026-02-30',
      contactEmail: 'not-an-email',
      timeZone: 'Not/AZone',
      name: '',
      partnerId: 'has spaces',
      contactAadObjectId: 'not a guid!',
      customerReferences: 'Fabrikam; cloud-platform',
      certifications: 'Alex; 70-533; 2026-13-01',
    };
    const fields = Object.keys(breakers);
    fc.assert(
      fc.property(fc.subarray(fields, { minLength: 1 }), (broken) => {
        const overrides = Object.fromEntries(broken.map((key) => [key, breakers[key]]));
        const result = parseProfileForm(validSubmit(overrides), catalog);
        expect(result.ok).toBe(false);
        expect(result).not.toHaveProperty('profile');
        if (!result.ok) {
          for (const key of broken) expect(result.errors[key], key).toBeTruthy();
        }
      }),
    );
  });
});
