import { describe, expect, it } from 'vitest';
import { defaultCatalog, type Catalog } from '../../src/rules/catalog/catalog.js';
import { referenceStanding } from '../../src/rules/requirements/customer-evidence.js';
import type { Certification, CustomerReference, Organization } from '../../src/rules/organization/organization.js';
import { requirementsView, type RequirementsQuery } from '../../src/rules/requirements/requirements.js';
import type { CompetencyRequirementsView } from '../../src/rules/requirements/general.js';
import { makeOrganization } from '../support/organizations.js';
import { catalogWith } from './fixtures.js';

const catalog = defaultCatalog();
const ANNIVERSARY = '2027-02-28';
const TODAY = '2026-11-25';

function view(org: Organization, options: { anniversary?: string; today?: string; catalog?: Catalog; query?: RequirementsQuery } = {}) {
  return requirementsView(org, options.anniversary ?? ANNIVERSARY, options.today ?? TODAY, options.catalog ?? catalog, options.query);
}

function competencyIn(org: Organization, id: string, options: Parameters<typeof view>[1] = {}): CompetencyRequirementsView {
  const found = view(org, options).competencies.find((competency) => competency.competencyId === id);
  if (!found) throw new Error(`no requirements shown for ${id}`);
  return found;
}

function line(competency: CompetencyRequirementsView, label: string) {
  return competency.lines.find((candidate) => candidate.label === label);
}

const refs = (count: number, approvedOn: string, competency = 'cloud-platform'): CustomerReference[] =>
  Array.from({ length: count }, (_, i) => ({ customer: `Customer ${i + 1}`, competency, approvedOn }));

const certs = (people: string[], exam: string): Certification[] => people.map((person) => ({ person, exam, passedOn: '2026-01-15' }));

describe('the five cross-competency changes', () => {
  it('says each was announced at WPC 2015, with a date only for the gold CSAT removal (as of January 2016)', () => {
    const changes = view(makeOrganization()).changes;
    expect(changes.map((change) => change.effectiveLabel)).toEqual([
      'Announced at WPC 2015',
      'Announced at WPC 2015',
      'Announced at WPC 2015',
      'Announced at WPC 2015',
      'Announced at WPC 2015; in effect as of January 2016',
    ]);
  });

  it('says the gold CSAT removal is still to come for an anniversary on December 31, 2015', () => {
    const changes = view(makeOrganization(), { anniversary: '2015-12-31', today: '2015-11-01' }).changes;
    expect(changes[4]?.title).toMatch(/customer satisfaction/i);
    expect(changes[4]?.effectiveLabel).toBe('Announced at WPC 2015; takes effect as of January 2016');
  });

  it('says the gold CSAT removal is in effect for an anniversary on January 1, 2016 itself', () => {
    const changes = view(makeOrganization(), { anniversary: '2016-01-01', today: '2015-11-01' }).changes;
    expect(changes[4]?.effectiveLabel).toBe('Announced at WPC 2015; in effect as of January 2016');
  });

  it('says which of the organization competencies each change concerns', () => {
    const org = makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }, { id: 'cloud-crm', level: 'silver' }] });
    const labels = view(org).changes.map((change) => change.appliesLabel);
    expect(labels[0]).toBe('Concerns Cloud Platform, Cloud Customer Relationship Management.');
    expect(labels[3]).toBe("May concern Cloud Platform, Cloud Customer Relationship Management: check each one's accepted exams.");
    expect(labels[4]).toBe('Concerns Cloud Platform.');
  });

  it('names at most five competencies a change concerns, then how many more', () => {
    const otherCompetencies = Array.from({ length: 8 }, (_, index) => ({ name: `Datacenter ${index + 1}`, level: 'gold' as const }));
    const org = makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }], otherCompetencies });
    expect(view(org).changes[4]?.appliesLabel).toBe('Concerns Cloud Platform, Datacenter 1, Datacenter 2 and 6 more.');
  });

  it('says the gold change does not concern an organization holding only silver', () => {
    const org = makeOrganization({ competencies: [{ id: 'cloud-crm', level: 'silver' }] });
    expect(view(org).changes[4]?.appliesLabel).toBe('Does not concern your competencies (gold competencies).');
  });

  it('says the cloud change does not concern an organization holding only a non-cloud competency', () => {
    const withOnPremises = catalogWith((data) => {
      const template = data.competencies[0]!;
      data.competencies.push({ ...template, id: 'datacenter', name: 'Datacenter', cloud: false, exams: ['70-410'] });
    });
    const org = makeOrganization({ competencies: [{ id: 'datacenter', level: 'silver' }] });
    expect(view(org, { catalog: withOnPremises }).changes[0]?.appliesLabel).toBe('Does not concern your competencies (cloud competencies).');
  });
});

describe('the gold Customer Satisfaction (CSAT) requirement', () => {
  const gold = makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }] });
  const csat = (anniversary: string, today: string) => line(competencyIn(gold, 'cloud-platform', { anniversary, today }), 'Customer Satisfaction (CSAT)');

  it('is required for a renewal assessed on December 31, 2015', () => {
    expect(csat('2015-12-31', '2015-10-01')).toMatchObject({ statusLabel: 'Required', status: 'info' });
  });

  it("marks an operator's own CSAT date as a value to confirm", () => {
    const moved = catalogWith((data) => {
      for (const competency of data.competencies) {
        competency.levels.gold.customerSatisfactionUntil = '2016-07-01';
        competency.sources.customerSatisfactionUntil = 'to-confirm';
      }
    });
    const survey = line(competencyIn(gold, 'cloud-platform', { anniversary: '2017-01-01', today: '2016-10-01', catalog: moved }), 'Customer Satisfaction (CSAT)');
    expect(survey?.detail).toBe('Not required: removed for gold competencies as of July 2016 (to confirm with the program).');
  });

  it('is not required for a renewal assessed on January 1, 2016', () => {
    expect(csat('2016-01-01', '2015-10-01')).toMatchObject({ statusLabel: 'Not required', status: 'met' });
  });

  it('is judged by the anniversary, not by today: still required when asked in 2016 about a 2015 anniversary', () => {
    expect(csat('2015-12-31', '2016-01-05')?.statusLabel).toBe('Required');
  });

  it('is judged by the anniversary, not by today: not required when asked in 2015 about a 2016 anniversary', () => {
    expect(csat('2016-03-01', '2015-12-01')?.statusLabel).toBe('Not required');
  });

  it('never appears for a silver competency', () => {
    const silver = makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'silver' }] });
    expect(line(competencyIn(silver, 'cloud-platform', { anniversary: '2015-12-31' }), 'Customer Satisfaction (CSAT)')).toBeUndefined();
  });
});

describe('the cloud performance measure', () => {
  it('says performance is measured by active use and consumption and sends to the competency page for the goal of the level', () => {
    const gold = competencyIn(makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }] }), 'cloud-platform');
    expect(line(gold, 'Performance')?.detail).toBe(
      "Measured by your customers' active use and consumption, no longer by seats sold and revenue. The goal for Gold is in the Requirements section of the Cloud Platform competency page.",
    );
  });

  it('shows a performance measure for each of the five cloud competencies', () => {
    const ids = ['cloud-platform', 'small-midmarket-cloud-solutions', 'cloud-productivity', 'cloud-crm', 'enterprise-mobility-management'];
    const org = makeOrganization({ competencies: ids.map((id) => ({ id, level: 'silver' as const })) });
    for (const competency of view(org).competencies) {
      expect(line(competency, 'Performance')?.detail, competency.competencyId).toMatch(/active use and consumption/);
    }
  });

  it("marks an operator's own performance wording as a value to confirm", () => {
    const worded = catalogWith((data) => {
      data.competencies[0]!.levels.gold.performance = 'Azure consumption at the gold threshold';
    });
    const gold = competencyIn(makeOrganization(), 'cloud-platform', { catalog: worded });
    expect(line(gold, 'Performance')?.detail).toContain('Catalog: Azure consumption at the gold threshold (to confirm on the Cloud Platform competency page, Requirements → Gold).');
  });

  it('shows no performance measure for a competency that is not a cloud competency', () => {
    const withOnPremises = catalogWith((data) => {
      const template = data.competencies[0]!;
      data.competencies.push({ ...template, id: 'datacenter', name: 'Datacenter', cloud: false, exams: ['70-410'] });
    });
    const org = makeOrganization({ competencies: [{ id: 'datacenter', level: 'silver' }] });
    const datacenter = competencyIn(org, 'datacenter', { catalog: withOnPremises });
    expect(line(datacenter, 'Performance')).toBeUndefined();
    expect(line(datacenter, 'Technical credentials')).toBeDefined();
  });
});

const WHERE_GOLD = 'on the Cloud Platform competency page, Requirements → Gold';
const WHERE_SILVER = 'on the Cloud Platform competency page, Requirements → Silver';

describe('customer evidence (references expire two years after approval)', () => {
  const withReferences = (customerReferences: CustomerReference[], level: 'silver' | 'gold' = 'gold') =>
    competencyIn(makeOrganization({ competencies: [{ id: 'cloud-platform', level }], customerReferences }), 'cloud-platform');

  it('counts a reference that expires on the anniversary itself, and says it may delay the renewal', () => {
    const competency = withReferences([{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-28' }]);
    expect(competency.risks).toEqual(['Fabrikam reference expires on February 28, 2027, the day of the anniversary: it may delay the renewal']);
    expect(line(competency, 'Customer evidence')?.detail).toContain('Yours that count today: 1.');
  });

  it('counts a reference that expires the day after the anniversary, without a risk', () => {
    const competency = withReferences([{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-03-01' }]);
    expect(competency.risks).toEqual([]);
    expect(line(competency, 'Customer evidence')?.detail).toContain('Yours that count today: 1.');
  });

  it('flags a reference expiring between today and the anniversary as a risk with its date', () => {
    const competency = withReferences([{ customer: 'Tailspin', competency: 'cloud-platform', approvedOn: '2025-02-01' }]);
    expect(competency.risks).toEqual(['Tailspin reference expires on February 1, 2027, before the anniversary: it may delay the renewal']);
    expect(competency.summary).toContain('1 customer reference expires by the anniversary and may delay the renewal.');
  });

  it('does not count a reference that has already expired, and says so in the past tense', () => {
    const competency = withReferences([{ customer: 'Northwind', competency: 'cloud-platform', approvedOn: '2024-06-01' }]);
    expect(line(competency, 'Customer evidence')?.detail).toContain('Yours that count today: 0. No longer counting: Northwind reference expired on June 1, 2026.');
    expect(competency.risks).toEqual([]);
  });

  it('lists every reference at risk, even when enough others count', () => {
    const competency = withReferences(
      [...refs(3, '2025-06-01'), { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-01-10' }, { customer: 'Litware', competency: 'cloud-platform', approvedOn: '2024-12-01' }],
      'silver',
    );
    expect(competency.risks).toEqual([
      'Fabrikam reference expires on January 10, 2027, before the anniversary: it may delay the renewal',
      'Litware reference expires on December 1, 2026, before the anniversary: it may delay the renewal',
    ]);
    expect(line(competency, 'Customer evidence')).toMatchObject({ status: 'met', statusLabel: '5 of 3 (to confirm)' });
  });

  it('lets a reference approved on 29 February 2024 expire on 28 February 2026', () => {
    const standing = referenceStanding({ customer: 'Contoso', competency: 'cloud-platform', approvedOn: '2024-02-29' }, '2026-02-28', '2026-01-10', 2);
    expect(standing.expiresOn).toBe('2026-02-28');
    expect(standing.state).toBe('may-delay');
    expect(standing.note).toBe('Contoso reference expires on February 28, 2026, the day of the anniversary: it may delay the renewal');
  });

  it('asks for the missing references, marking the catalog number as one to confirm', () => {
    const competency = withReferences([...refs(2, '2025-06-01'), ...refs(1, '2024-01-01')]);
    expect(competency.blockers).toContain(`3 more customer references needed (to confirm ${WHERE_GOLD})`);
    expect(line(competency, 'Customer evidence')).toMatchObject({ status: 'blocker', statusLabel: '3 missing (to confirm)' });
    expect(line(competency, 'Customer evidence')?.detail).toContain(`Number needed for Gold: 5 (to confirm ${WHERE_GOLD}).`);
  });

  it('says "reference" in the singular when one is missing', () => {
    expect(withReferences(refs(2, '2025-06-01'), 'silver').blockers).toContain(`1 more customer reference needed (to confirm ${WHERE_SILVER})`);
  });

  it('does not count a reference given for another competency', () => {
    const competency = withReferences([...refs(4, '2025-06-01'), ...refs(1, '2025-06-01', 'cloud-crm')]);
    expect(competency.blockers).toContain(`1 more customer reference needed (to confirm ${WHERE_GOLD})`);
  });

  it('judges the risk against the anniversary it is given, not the stored one', () => {
    const org = makeOrganization({ anniversaryDate: '2027-02-28', customerReferences: refs(5, '2025-06-01') });
    expect(competencyIn(org, 'cloud-platform', { anniversary: '2027-02-28' }).risks).toEqual([]);
    const later = competencyIn(org, 'cloud-platform', { anniversary: '2027-06-01' });
    expect(later.summary).toContain('5 customer references expire by the anniversary');
    // The first three are named, the others counted, and all five one button away.
    expect(later.risks).toHaveLength(4);
    expect(later.risks[0]).toBe('Customer 1 reference expires on June 1, 2027, the day of the anniversary: it may delay the renewal');
    expect(later.risks[3]).toBe('And 2 more that may delay the renewal.');
    expect(later.evidenceLinks).toEqual([{ title: 'All 5 that may delay it', data: { ask: 'evidence', competencyId: 'cloud-platform', list: 'may-delay' } }]);
  });
});

describe('technical credentials', () => {
  const cloudPlatformGold = (certifications: Certification[]) =>
    competencyIn(makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }], customerReferences: refs(5, '2025-06-01'), certifications }), 'cloud-platform');

  it("counts one person's 70-347 for both competencies that accept it", () => {
    const org = makeOrganization({
      competencies: [
        { id: 'small-midmarket-cloud-solutions', level: 'silver' },
        { id: 'cloud-productivity', level: 'silver' },
      ],
      certifications: certs(['Adele Vance'], '70-347'),
    });
    const smb = competencyIn(org, 'small-midmarket-cloud-solutions');
    const productivity = competencyIn(org, 'cloud-productivity');
    expect(line(smb, 'Technical credentials')?.statusLabel).toBe('1 of 2 (to confirm)');
    expect(line(productivity, 'Technical credentials')?.statusLabel).toBe('1 of 2 (to confirm)');
    expect(line(smb, 'Technical credentials')?.detail).toContain('Counting: Adele Vance (70-347).');
    expect(line(smb, 'Technical credentials')?.detail).toContain('The same exams also count for Cloud Productivity.');
    expect(line(productivity, 'Technical credentials')?.detail).toContain('The same exams also count for Small and Midmarket Cloud Solutions.');
  });

  it('mentions shared credit only for competencies the organization holds', () => {
    const org = makeOrganization({ competencies: [{ id: 'small-midmarket-cloud-solutions', level: 'silver' }], certifications: certs(['Adele Vance'], '70-347') });
    const smb = competencyIn(org, 'small-midmarket-cloud-solutions');
    expect(line(smb, 'Technical credentials')?.statusLabel).toBe('1 of 2 (to confirm)');
    expect(line(smb, 'Technical credentials')?.detail).not.toContain('also count');
  });

  it("counts one person's 70-533 for every competency that accepts it", () => {
    const azureEverywhere = catalogWith((data) => {
      for (const competency of data.competencies) if (competency.id !== 'cloud-platform') competency.exams.push('70-533');
    });
    const ids = azureEverywhere.competenciesAcceptingExam('70-533');
    expect(ids).toHaveLength(5);
    const org = makeOrganization({
      competencies: ids.map((id) => ({ id, level: 'silver' as const })),
      customerReferences: ids.flatMap((id) => refs(3, '2025-06-01', id)),
      certifications: certs(['Alex Wilber', 'Pradeep Gupta'], '70-533'),
    });
    const shown = view(org, { catalog: azureEverywhere }).competencies;
    expect(shown).toHaveLength(5);
    for (const competency of shown) {
      expect(line(competency, 'Technical credentials')?.statusLabel, competency.competencyId).toBe('2 of 2 (to confirm)');
      expect(competency.ready, competency.competencyId).toBe(true);
    }
  });

  it('counts a person once however many accepted exams they passed, whatever the case of their name', () => {
    const competency = cloudPlatformGold([
      { person: 'Alex Wilber', exam: '70-533', passedOn: '2026-01-15' },
      { person: ' alex wilber ', exam: '70-532', passedOn: '2026-03-01' },
    ]);
    expect(line(competency, 'Technical credentials')?.statusLabel).toBe('1 of 4 (to confirm)');
    expect(line(competency, 'Technical credentials')?.detail).toContain('Alex Wilber (70-533, 70-532)');
    // The accepted exams are listed once, in the technical credentials line, not again in the blocker.
    expect(competency.blockers).toContain(`3 more certified people needed (to confirm ${WHERE_GOLD})`);
    expect(competency.blockers.join(' ')).not.toContain('70-533');
  });

  it('accepts an exam code typed in lower case', () => {
    const competency = cloudPlatformGold(certs(['A', 'B', 'C'], '70-533'));
    expect(line(competency, 'Technical credentials')?.statusLabel).toBe('3 of 4 (to confirm)');
    expect(competency.blockers.join(' ')).toContain('1 more certified person needed');
  });

  it('does not count an exam the competency does not accept', () => {
    const competency = cloudPlatformGold(certs(['A', 'B', 'C', 'D'], '70-346'));
    expect(line(competency, 'Technical credentials')).toMatchObject({ statusLabel: '0 of 4 (to confirm)', status: 'blocker' });
    expect(line(competency, 'Technical credentials')?.detail).toContain('Nobody recorded yet.');
  });

  it('is ready when four different people passed accepted exams for gold', () => {
    const competency = cloudPlatformGold([...certs(['A', 'B'], '70-533'), ...certs(['C'], '70-532'), ...certs(['D'], '70-533')]);
    expect(competency.blockers).toEqual([]);
    expect(competency.ready).toBe(true);
    expect(competency.summary).toBe('You hold this level. No blockers found in what the bot checks.');
    // Cloud Platform is a cloud competency: its performance is never checked, and the numbers are to confirm.
    expect(competency.statusLabel).toBe('No blockers found (numbers to confirm); performance not checked');
  });
});

describe('thresholds come from the catalog', () => {
  const org = makeOrganization({
    competencies: [{ id: 'cloud-crm', level: 'silver' }],
    customerReferences: refs(1, '2025-06-01', 'cloud-crm'),
    certifications: certs(['Alex Wilber'], 'MB2-703'),
  });
  const whereCrm = 'on the Cloud Customer Relationship Management competency page, Requirements → Silver';

  it('blocks silver with the default catalog (3 references, 2 people), each number marked to confirm', () => {
    expect(competencyIn(org, 'cloud-crm').blockers).toEqual([
      `2 more customer references needed (to confirm ${whereCrm})`,
      `1 more certified person needed (to confirm ${whereCrm})`,
    ]);
  });

  it('shows a number an operator sourced from the guide without the mark', () => {
    const sourced = catalogWith((data) => {
      const crm = data.competencies.find((competency) => competency.id === 'cloud-crm')!;
      crm.sources.customerReferences = 'guide';
    });
    expect(competencyIn(org, 'cloud-crm', { catalog: sourced }).blockers[0]).toBe('2 more customer references needed');
  });

  it('is ready when an operator lowers the thresholds to 1 and 1', () => {
    const lenient = catalogWith((data) => {
      const crm = data.competencies.find((competency) => competency.id === 'cloud-crm')!;
      crm.levels.silver.customerReferences = 1;
      crm.levels.silver.certifiedProfessionals = 1;
    });
    const competency = competencyIn(org, 'cloud-crm', { catalog: lenient });
    expect(competency.ready).toBe(true);
    expect(line(competency, 'Customer evidence')?.statusLabel).toBe('1 of 1 (to confirm)');
  });

  it('uses the catalog reference validity: a three-year validity keeps a 2024 reference', () => {
    const reference = [{ customer: 'Fabrikam', competency: 'cloud-crm', approvedOn: '2024-03-01' }];
    const threeYears = catalogWith((data) => {
      data.referenceValidityYears = 3;
    });
    const withOld = makeOrganization({ ...org, customerReferences: reference });
    const detail = (shown: CompetencyRequirementsView) => line(shown, 'Customer evidence')?.detail;
    expect(detail(competencyIn(withOld, 'cloud-crm'))).toContain('No longer counting: Fabrikam reference expired on March 1, 2026.');
    expect(detail(competencyIn(withOld, 'cloud-crm', { catalog: threeYears }))).toContain('Yours that count today: 1.');
  });

  it("says the guide's two years, and marks an operator's other validity as a value to confirm", () => {
    const threeYears = catalogWith((data) => {
      data.referenceValidityYears = 3;
      data.sources.referenceValidityYears = 'to-confirm';
    });
    // Said once for the card, not under every competency.
    const detail = (options: Parameters<typeof view>[1]) => view(org, options).everyCompetencyRules[0];
    expect(detail({})).toContain('A customer reference expires two years after it was approved');
    expect(detail({ catalog: threeYears })).toContain('A customer reference expires 3 years (to confirm with the program) after it was approved');
  });
});

describe('"nothing blocks" only when the bot knows it', () => {
  const ready = makeOrganization({
    competencies: [{ id: 'cloud-platform', level: 'silver' }],
    otherCompetencies: [{ name: 'Datacenter', level: 'silver' }],
    customerReferences: [...refs(3, '2025-06-01'), { customer: 'Northwind', competency: 'Datacenter', approvedOn: '2025-06-01' }],
    certifications: certs(['A', 'B'], '70-533'),
  });

  it('says what it checked and what it did not: cloud performance, credentials outside the catalog', () => {
    const shown = view(ready);
    expect(shown.headline).toBe('No blockers found in what the bot checks for your 2 competencies for the renewal on February 28, 2027.');
    expect(shown.scopeNote).toBe(
      "The bot checks customer references and certified people against the numbers needed. It does not check the performance of Cloud Platform, nor the technical credentials of Datacenter: see each one's page.",
    );
    expect(shown.competencies.map((competency) => competency.statusLabel)).toEqual([
      'No blockers found (numbers to confirm); performance not checked',
      'No blockers found; technical credentials not checked',
    ]);
  });

  it('marks a blocker count that rests on numbers to confirm, and not one that rests on the guide', () => {
    const blocked = makeOrganization({ competencies: [{ id: 'cloud-platform', level: 'gold' }], customerReferences: [], certifications: [] });
    expect(competencyIn(blocked, 'cloud-platform').statusLabel).toBe('2 blockers (numbers to confirm)');
    const fromGuide = catalogWith((data) => {
      const competency = data.competencies.find((entry) => entry.id === 'cloud-platform')!;
      competency.sources = { ...competency.sources, customerReferences: 'guide', certifiedProfessionals: 'guide' };
    });
    expect(competencyIn(blocked, 'cloud-platform', { catalog: fromGuide }).statusLabel).toBe('2 blockers');
    expect(view(blocked, { catalog: fromGuide }).headline).toBe('1 of 1 competency has blockers for the renewal on February 28, 2027.');
  });

  it('says on the collapsed card that an expiring reference may delay the renewal even with all else met (guide line 31)', () => {
    const expiring = makeOrganization({ ...ready, customerReferences: [...refs(3, '2025-06-01'), { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-01' }] });
    expect(view(expiring).riskNote).toBe('1 customer reference expires by the anniversary: an expiring reference may delay your renewal even if you have met all other requirements.');
    expect(view(ready).riskNote).toBe('');
  });
});

describe('which competencies are shown', () => {
  it('shows each competency held, at the level held, in order', () => {
    const org = makeOrganization({ competencies: [{ id: 'cloud-crm', level: 'gold' }, { id: 'cloud-platform', level: 'silver' }] });
    expect(view(org).competencies.map((c) => [c.competencyId, c.levelLabel, c.held])).toEqual([
      ['cloud-crm', 'Gold', true],
      ['cloud-platform', 'Silver', true],
    ]);
  });

  it('answers about a competency not held, saying so', () => {
    const asked = view(makeOrganization(), { query: { competencyId: 'cloud-crm' } }).competencies;
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ competencyId: 'cloud-crm', levelLabel: 'Silver', held: false });
    expect(asked[0]?.summary).toMatch(/^You do not hold this level/);
  });

  it('answers about gold for a competency held at gold, as held', () => {
    const asked = view(makeOrganization(), { query: { competencyId: 'cloud-platform', level: 'gold' } }).competencies;
    expect(asked[0]).toMatchObject({ levelLabel: 'Gold', held: true });
  });

  it('answers about silver for a competency held at gold, as not held', () => {
    const asked = view(makeOrganization(), { query: { competencyId: 'cloud-platform', level: 'silver' } }).competencies;
    expect(asked[0]).toMatchObject({ levelLabel: 'Silver', held: false });
  });

  it('skips a held competency the catalog no longer has', () => {
    const org = makeOrganization({ competencies: [{ id: 'retired-competency', level: 'gold' }, { id: 'cloud-platform', level: 'gold' }] });
    expect(view(org).competencies.map((c) => c.competencyId)).toEqual(['cloud-platform']);
  });

  it('says there is nothing to show for an organization without competencies', () => {
    const shown = view(makeOrganization({ competencies: [] }));
    expect(shown.hasCompetencies).toBe(false);
    expect(shown.headline).toBe('No competencies to show yet.');
    expect(shown.changes).toHaveLength(5);
  });

  it('counts the blocked competencies in the headline', () => {
    const ready = makeOrganization({
      competencies: [{ id: 'cloud-platform', level: 'silver' }, { id: 'cloud-crm', level: 'silver' }],
      customerReferences: refs(3, '2025-06-01'),
      certifications: certs(['A', 'B'], '70-533'),
    });
    expect(view(ready).headline).toBe('1 of 2 competencies have blockers for the renewal on February 28, 2027 (numbers to confirm).');
    expect(view(ready, { query: { competencyId: 'cloud-platform' } }).headline).toBe('No blockers found in what the bot checks for this competency for the renewal on February 28, 2027.');
  });

  it('shows the catalog notes and version', () => {
    const shown = view(makeOrganization());
    expect(shown.feesNote).toBe(catalog.data.feesNote);
    expect(shown.thresholdsNote).toBe(catalog.data.thresholdsNote);
    expect(shown.catalogVersion).toBe(`Catalog version: ${catalog.data.version}`);
    // Nothing on a card users see is worded for the operator.
    expect(`${shown.thresholdsNote} ${shown.catalogVersion}`).not.toMatch(/CATALOG_FILE|operator/i);
  });
});
