import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { defaultCatalog, parseCatalog } from '../../src/rules/catalog/catalog.js';
import { rawCatalog } from './fixtures.js';

/** The problems `parseCatalog` reports for `input`; fails the test when it accepts it. */
function rejection(input: unknown): ZodError {
  try {
    parseCatalog(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ZodError);
    return error as ZodError;
  }
  throw new Error('the catalog was accepted');
}

function rejectionPaths(input: unknown): PropertyKey[][] {
  return rejection(input).issues.map((issue) => [...issue.path]);
}

describe('the default catalog', () => {
  const catalog = defaultCatalog();

  it('has the five cloud competencies', () => {
    expect(catalog.data.competencies.map((competency) => [competency.id, competency.cloud])).toEqual([
      ['cloud-platform', true],
      ['small-midmarket-cloud-solutions', true],
      ['cloud-productivity', true],
      ['cloud-crm', true],
      ['enterprise-mobility-management', true],
    ]);
  });

  it('keeps references valid for two years', () => {
    expect(catalog.data.referenceValidityYears).toBe(2);
  });

  it('has the five cross-competency changes announced at WPC 2015, only gold CSAT with a date (January 2016)', () => {
    expect(catalog.data.changes.map((change) => [change.appliesTo, change.announced, change.effectiveFrom])).toEqual([
      ['cloud', 'WPC 2015', undefined],
      ['all', 'WPC 2015', undefined],
      ['all', 'WPC 2015', undefined],
      ['many', 'WPC 2015', undefined],
      ['gold', 'WPC 2015', '2016-01-01'],
    ]);
  });

  it('records every value the guide does not give as one to confirm', () => {
    for (const competency of catalog.data.competencies) {
      expect(competency.sources, competency.id).toEqual({
        exams: 'to-confirm',
        requirementsUrl: 'to-confirm',
        customerReferences: 'to-confirm',
        certifiedProfessionals: 'to-confirm',
        customerSatisfactionUntil: 'guide',
      });
    }
    expect(catalog.data.changes.filter((change) => change.effectiveFrom).map((change) => [change.id, change.effectiveFromSource])).toEqual([['gold-csat-removed', 'guide']]);
    const { referenceValidityYears, ...addresses } = catalog.data.sources;
    expect(referenceValidityYears).toBe('guide');
    expect(new Set(Object.values(addresses))).toEqual(new Set(['to-confirm']));
  });

  it('holds no exam code that postdates the 2015 guide', () => {
    const codes = catalog.data.competencies.flatMap((competency) => competency.exams);
    expect(codes.filter((code) => !/^(70|MB2)-\d{3}$/.test(code))).toEqual([]);
  });

  it('treats a value an operator left without a source as one to confirm', () => {
    const data = rawCatalog();
    delete data.competencies[0].sources;
    delete data.sources;
    const parsed = parseCatalog(data);
    expect(parsed.competency('cloud-platform')?.sources.customerReferences).toBe('to-confirm');
    expect(parsed.data.sources.referenceValidityYears).toBe('to-confirm');
  });

  it('keeps the CSAT date on gold levels only', () => {
    for (const competency of catalog.data.competencies) {
      expect(competency.levels.gold.customerSatisfactionUntil, competency.id).toBe('2016-01-01');
      expect(competency.levels.silver.customerSatisfactionUntil, competency.id).toBeUndefined();
    }
  });

  it('asks more of gold than of silver', () => {
    for (const { id } of catalog.data.competencies) {
      const silver = catalog.levelRequirements(id, 'silver')!;
      const gold = catalog.levelRequirements(id, 'gold')!;
      expect(gold.customerReferences, id).toBeGreaterThan(silver.customerReferences);
      expect(gold.certifiedProfessionals, id).toBeGreaterThan(silver.certifiedProfessionals);
    }
  });

  it('finds every competency accepting an exam, whatever the case of the code', () => {
    expect(catalog.competenciesAcceptingExam(' 70-347 ')).toEqual(['small-midmarket-cloud-solutions', 'cloud-productivity']);
    expect(catalog.competenciesAcceptingExam('70-533')).toEqual(['cloud-platform']);
    expect(catalog.competenciesAcceptingExam('XX-000')).toEqual([]);
  });

  it('looks competencies up by id only', () => {
    expect(catalog.hasCompetency('cloud-crm')).toBe(true);
    expect(catalog.hasCompetency('Cloud CRM')).toBe(false);
    expect(catalog.competency('cloud-platform')?.name).toBe('Cloud Platform');
    expect(catalog.levelRequirements('nope', 'gold')).toBeUndefined();
  });
});

describe('parseCatalog: a replacement catalog from an operator', () => {
  it('accepts the default data and a copy with other thresholds', () => {
    const data = rawCatalog();
    data.competencies[0].levels.silver.customerReferences = 7;
    expect(parseCatalog(data).levelRequirements('cloud-platform', 'silver')?.customerReferences).toBe(7);
  });

  it('matches exam codes whatever case the operator wrote them in', () => {
    const data = rawCatalog();
    data.competencies[3].exams.push('70-533 ');
    expect(parseCatalog(data).competenciesAcceptingExam('70-533')).toEqual(['cloud-platform', 'cloud-crm']);
  });

  it('rejects a duplicate competency id, pointing at the second one', () => {
    const data = rawCatalog();
    data.competencies[3].id = 'cloud-platform';
    const paths = rejectionPaths(data);
    expect(paths).toEqual([['competencies', 3, 'id']]);
  });

  it('says which id appears twice', () => {
    const data = rawCatalog();
    data.competencies.push(structuredClone(data.competencies[1]));
    expect(rejection(data).issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['competencies', 5, 'id'], '"small-midmarket-cloud-solutions" appears twice'],
    ]);
  });

  it('rejects a competency missing its exams, listing the path', () => {
    const data = rawCatalog();
    delete data.competencies[2].exams;
    expect(rejectionPaths(data)).toEqual([['competencies', 2, 'exams']]);
  });

  it('rejects a catalog missing the reference validity, listing the path', () => {
    const data = rawCatalog();
    delete data.referenceValidityYears;
    expect(rejectionPaths(data)).toEqual([['referenceValidityYears']]);
  });

  it('rejects a level missing its threshold, listing the path', () => {
    const data = rawCatalog();
    delete data.competencies[4].levels.gold.certifiedProfessionals;
    expect(rejectionPaths(data)).toEqual([['competencies', 4, 'levels', 'gold', 'certifiedProfessionals']]);
  });

  it('rejects an impossible effective date, listing the path', () => {
    const data = rawCatalog();
    data.changes[4].effectiveFrom = '2016-02-30';
    expect(rejectionPaths(data)).toEqual([['changes', 4, 'effectiveFrom']]);
  });

  it('rejects a CSAT date that is not written YYYY-MM-DD, listing the path', () => {
    const data = rawCatalog();
    data.competencies[0].levels.gold.customerSatisfactionUntil = '01/01/2016';
    expect(rejectionPaths(data)).toEqual([['competencies', 0, 'levels', 'gold', 'customerSatisfactionUntil']]);
  });

  it('lists every problem at once', () => {
    const data = rawCatalog();
    data.changes[0].effectiveFrom = '2015-13-13';
    delete data.competencies[1].focus;
    data.supportUrl = 'not a url';
    expect(rejectionPaths(data)).toEqual(
      expect.arrayContaining([['changes', 0, 'effectiveFrom'], ['competencies', 1, 'focus'], ['supportUrl']]),
    );
  });

  it('names the path in the error message an operator reads', () => {
    const data = rawCatalog();
    data.changes[2].effectiveFrom = '2015-07-32';
    expect(() => parseCatalog(data)).toThrow(/effectiveFrom/);
  });

  it('rejects a catalog without competencies', () => {
    const data = rawCatalog();
    data.competencies = [];
    expect(rejectionPaths(data)).toEqual([['competencies']]);
  });
});
