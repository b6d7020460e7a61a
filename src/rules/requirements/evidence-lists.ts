/**
 * One competency's evidence in full, page by page: the customer references that may delay the
 * renewal, the expired ones, the certified people. A requirements card names the first few of each
 * and offers the rest here, so a profile with hundreds of references still fits one Teams message
 * and every reference and person can be read.
 */
import type { Catalog } from '../catalog/catalog.js';
import { summarizeReferences } from './customer-evidence.js';
import { escapeMarkdown } from '../common/markdown.js';
import { otherCompetencyKey, otherKeyOfId, type Organization } from '../organization/organization.js';
import { firstItems, pageView, pageWindow, SUMMARY_ITEMS, type PageAnchor } from '../common/paging.js';
import { longDate, type PlainDate } from '../common/plain-date.js';
import type { Suggestion } from '../questions/suggestions.js';
import { certifiedPeopleFor } from './technical-credentials.js';
import type { EvidenceList } from '../questions/parameters.js';

/** The people counting for a catalog competency, as the cards name them. */
export function certifiedPeopleLines(competencyId: string, org: Pick<Organization, 'certifications'>, catalog: Catalog): string[] {
  return certifiedPeopleFor(competencyId, org.certifications, catalog).map((person) => escapeMarkdown(`${person.person} (${person.exams.join(', ')})`));
}

/** The first references that may delay the renewal, then a line saying how many more (their button lists them all). */
export function summarizedRisks(risks: readonly string[]): string[] {
  const { first, more } = firstItems(risks);
  return more === 0 ? first : [...first, `And ${more} more that may delay the renewal.`];
}

export interface CompetencyEvidence {
  competencyTitle: string;
  items: string[];
}

/**
 * Every item of one list of a competency (a catalog id, or `other:<name>` for one outside the catalog).
 * @example evidenceItems(org, 'cloud-platform', 'may-delay', '2027-02-28', '2026-12-02', catalog).items[0] // 'Fabrikam reference expires on …: it may delay the renewal'
 */
export function evidenceItems(
  org: Pick<Organization, 'customerReferences' | 'certifications' | 'otherCompetencies'>,
  competencyId: string,
  list: EvidenceList,
  anniversary: PlainDate,
  today: PlainDate,
  catalog: Catalog,
): CompetencyEvidence {
  const otherKey = otherKeyOfId(competencyId);
  const other = otherKey === undefined ? undefined : org.otherCompetencies.find((held) => otherCompetencyKey(held.name) === otherKey);
  const competencyTitle = other ? escapeMarkdown(other.name) : (catalog.competency(competencyId)?.name ?? escapeMarkdown(competencyId));
  if (list === 'certified') return { competencyTitle, items: otherKey === undefined ? certifiedPeopleLines(competencyId, org, catalog) : [] };
  const matches = (id: string) => (otherKey === undefined ? id === competencyId : otherCompetencyKey(id) === otherKey);
  const references = summarizeReferences(org.customerReferences, matches, anniversary, today, catalog.data.referenceValidityYears);
  return { competencyTitle, items: list === 'may-delay' ? references.risks : references.expired };
}

/** The button to a list that a summary shortens; none when the summary names every item. */
export function evidenceButton(competencyId: string, list: EvidenceList, length: number): Suggestion[] {
  if (length <= SUMMARY_ITEMS) return [];
  const title = { 'may-delay': `All ${length} that may delay it`, expired: `All ${length} expired references`, certified: `All ${length} certified people` }[list];
  return [{ title, data: { ask: 'evidence', competencyId, list } }];
}

export interface EvidenceListInput {
  organizationName: string;
  competencyId: string;
  list: EvidenceList;
  evidence: CompetencyEvidence;
  anniversary: PlainDate;
  page: { anchor: PageAnchor; count: number };
}

/** One list of a competency's evidence, a page at a time (cards/evidence-list.json). */
export interface EvidenceListView {
  organizationName: string;
  title: string;
  intro: string;
  items: string[];
  /** "References 41–80 of 390"; '' when the card shows them all. */
  pageLabel: string;
  /** Previous, Next, and the competency's requirements. */
  suggestions: Suggestion[];
}

export function evidenceListView(input: EvidenceListInput): EvidenceListView {
  const { competencyId, list, evidence } = input;
  const total = evidence.items.length;
  const window = pageWindow(input.page.anchor, input.page.count, total);
  const page = pageView(window, total, list === 'certified' ? 'people' : 'references');
  const ask = (anchor: PageAnchor): Suggestion['data'] => ({ ask: 'evidence', competencyId, list, ...anchor });
  return {
    organizationName: escapeMarkdown(input.organizationName),
    title: `${evidence.competencyTitle}: ${TITLES[list]}`,
    intro: introFor(list, total, evidence.competencyTitle, input.anniversary),
    items: evidence.items.slice(window.from, window.from + window.count),
    pageLabel: page.label,
    suggestions: [
      ...(page.previous ? [{ title: 'Previous', data: ask(page.previous) }] : []),
      ...(page.next ? [{ title: 'Next', data: ask(page.next) }] : []),
      { title: `${evidence.competencyTitle} requirements`, data: { ask: 'requirements', competencyId } },
    ],
  };
}

const TITLES: Record<EvidenceList, string> = {
  'may-delay': 'customer references that may delay the renewal',
  expired: 'expired customer references',
  certified: 'certified people',
};

function introFor(list: EvidenceList, total: number, competency: string, anniversary: PlainDate): string {
  const references = total === 1 ? '1 customer reference' : `${total} customer references`;
  switch (list) {
    case 'may-delay':
      return `${references} of ${competency} ${total === 1 ? 'expires' : 'expire'} on or before the anniversary on ${longDate(anniversary)}: each still counts today but may delay the renewal. Identify new ones in time, and check their status in the Partner Membership Center.`;
    case 'expired':
      return `${references} of ${competency} ${total === 1 ? 'has' : 'have'} expired and no longer ${total === 1 ? 'counts' : 'count'} toward the renewal on ${longDate(anniversary)}.`;
    case 'certified':
      return `${total === 1 ? '1 person' : `${total} people`} passed an exam ${competency} accepts. An exam counts for every competency that accepts it.`;
  }
}
