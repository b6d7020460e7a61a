/**
 * The profile form shows a long profile's lists in part (profile-form-lists.ts): saving it replaces the
 * lines shown and keeps every other line, and refuses when the list changed since the form was made.
 */
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import type { OrganizationProfile } from '../../src/rules/organization/organization.js';
import { parseProfileForm, setupFormView, type SetupFormView } from '../../src/rules/setup/profile-form.js';
import { makeOrganization } from '../support/organizations.js';

const catalog = defaultCatalog();
const references = Array.from({ length: 100 }, (_, index) => ({ customer: `Customer ${index + 1}`, competency: 'cloud-platform', approvedOn: '2026-01-15' }));
const profile: OrganizationProfile = makeOrganization({ customerReferences: references });

/** What Teams sends on Save: the button's data with every input's value merged in. */
function submitOf(view: SetupFormView, changes: Record<string, string> = {}): Record<string, unknown> {
  return { ...view.submitData, ...view.values, ...Object.fromEntries(view.competencies.map((choice) => [choice.inputId, choice.level])), ...changes };
}

const lines = (text: string) => text.split('\n');

describe('a list shown in part', () => {
  const view = setupFormView(catalog, { profile, lines: { starts: { customerReferences: 40 }, count: 20 } });

  it('shows the lines from its start, says which and that the others are kept, and offers the lines before and after', () => {
    expect(lines(view.values.customerReferences)).toEqual(references.slice(40, 60).map((reference) => `${reference.customer}; cloud-platform; 2026-01-15`));
    expect(view.listNotes.customerReferences).toMatch(/^References 41–60 of 100 are shown: what you change here replaces those lines only, and the other 80 are kept as they are\./);
    expect(view.listPages.customerReferences.map((page) => [page.title, page.data])).toEqual([
      ['Previous references', { ask: 'setup', lines: { otherCompetencies: 0, customerReferences: 20, certifications: 0 } }],
      ['Next references', { ask: 'setup', lines: { otherCompetencies: 0, customerReferences: 60, certifications: 0 } }],
    ]);
    // The short lists are whole: edited as a whole, as always.
    expect(view.listNotes.certifications).toBe('');
    expect(view.submitData.windows).toEqual({ customerReferences: { from: 40, count: 20, total: 100, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) } });
  });

  it('saves the lines shown, edited, removed or added, over those lines only', () => {
    const edited = ['Renamed; cloud-crm; 2026-02-01', ...lines(view.values.customerReferences).slice(2), 'Added; cloud-platform; 2026-03-01'].join('\n');
    const result = parseProfileForm(submitOf(view, { customerReferences: edited }), catalog, profile);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.profile.customerReferences).toEqual([
      ...references.slice(0, 40),
      { customer: 'Renamed', competency: 'cloud-crm', approvedOn: '2026-02-01' },
      ...references.slice(42, 60),
      { customer: 'Added', competency: 'cloud-platform', approvedOn: '2026-03-01' },
      ...references.slice(60),
    ]);
  });

  it('submitted unchanged, gives back the same profile', () => {
    const result = parseProfileForm(submitOf(view), catalog, profile);
    expect(result.ok && result.profile.customerReferences).toEqual(references);
  });

  it('refuses when the list changed since the form was made, and shows the form anew', () => {
    const changed = { ...profile, customerReferences: references.slice(1) };
    const result = parseProfileForm(submitOf(view), catalog, changed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.listsChanged).toBe(true);
    expect(result.formError).toBe('The customer references changed since this form was opened (another save or an import): nothing was saved. The form below shows the profile as it is now.');
    const again = setupFormView(catalog, { profile: changed, rejected: result, lines: { starts: { customerReferences: 40 }, count: 20 } });
    expect(lines(again.values.customerReferences)[0]).toBe('Customer 42; cloud-platform; 2026-01-15');
    expect(again.formError).toBe(result.formError);
  });

  it('refuses windows without the profile they were made from', () => {
    expect(parseProfileForm(submitOf(view), catalog).ok).toBe(false);
  });

  it('names a kept line that fails a check by its place in the list, not by a line of the form', () => {
    // A reference stored before its competency left the catalog.
    const stale = { ...profile, customerReferences: [...references.slice(0, 99), { customer: 'Old', competency: 'retired-competency', approvedOn: '2026-01-15' }] };
    const form = setupFormView(catalog, { profile: stale, lines: { starts: {}, count: 20 } });
    const result = parseProfileForm(submitOf(form), catalog, stale);
    expect(!result.ok && result.errors.customerReferences).toBe('Item 100 of the list (not shown on this form) (competency): unknown competency "retired-competency".');
  });

  it('says when a list is longer than the profile may hold, without a line number', () => {
    const tooMany = Array.from({ length: 501 }, (_, index) => `Customer ${index}; cloud-platform; 2026-01-15`).join('\n');
    const result = parseProfileForm(submitOf(setupFormView(catalog, { profile }), { customerReferences: tooMany }), catalog, profile);
    expect(!result.ok && result.errors.customerReferences).toBe('Too big: expected array to have <=500 items.');
  });
});

describe('a refused submit with more lines than fit', () => {
  it('comes back with the first lines of each list and says the rest was not shown', () => {
    const result = parseProfileForm(submitOf(setupFormView(catalog, { profile }), { certifications: 'A; 70-533; 2026-01-15\nB; 70-533; 2026-13-01\nC; 70-533; 2026-01-15' }), catalog, profile);
    if (result.ok) throw new Error('expected a refusal');
    const view = setupFormView(catalog, { profile, rejected: result, lines: { starts: {}, count: 2 } });
    expect(view.values.certifications).toBe('A; 70-533; 2026-01-15\nB; 70-533; 2026-13-01');
    expect(view.formError).toContain('The customer references and certifications you sent had too many lines to show again in one message: the first 2 are shown.');
    expect(view.listPages.certifications).toEqual([]);
  });
});
