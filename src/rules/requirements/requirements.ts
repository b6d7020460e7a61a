/**
 * Which requirements apply to an organization at its next renewal, and what stands in the way.
 * The renewal is assessed on the anniversary, so date-dependent rules are judged against it.
 * Competencies outside the catalog get the guide's general rules, marked as such.
 */
import type { Catalog, Competency } from '../catalog/catalog.js';
import { crossChangeView, type CrossChangeView } from './cross-changes.js';
import { referenceRule, summarizeReferences } from './customer-evidence.js';
import { TECHNICAL_CREDENTIALS_RULE } from './technical-credentials.js';
import { generalRequirements, type CompetencyRequirementsView } from './general.js';
import { otherCompetencyKey, otherKeyOfId, type CompetencyLevel, type HeldCompetency, type Organization } from '../organization/organization.js';
import { longDate, type PlainDate } from '../common/plain-date.js';
import { csatLine, evidenceChart, levelLabel, summaryFor, type RequirementLine } from './lines.js';
import { requirementsScope, statusLabelFor } from './scope.js';
import { certifiedPeopleLines, evidenceButton, summarizedRisks } from './evidence-lists.js';
import { joinedWithMore } from '../common/paging.js';
import { certifiedPeopleFor, sharedCreditNote } from './technical-credentials.js';
import { markedLinkTitle, markedValue } from '../common/value-source.js';
import { escapeMarkdown } from '../common/markdown.js';

export interface RequirementsQuery {
  /** Show only this competency (held or not). */
  competencyId?: string;
  /** Show this level instead of the level held. */
  level?: CompetencyLevel;
}

type Profile = Pick<Organization, 'name' | 'competencies' | 'otherCompetencies' | 'customerReferences' | 'certifications'>;

export interface RequirementsView {
  organizationName: string;
  anniversaryLabel: string;
  headline: string;
  /** What the bot checked and what it did not, under the headline. */
  scopeNote: string;
  /** References expiring by the anniversary may delay the renewal (guide line 31); '' when none. */
  riskNote: string;
  /** The rules of every competency (customer evidence, technical credentials), said once for the card. */
  everyCompetencyRules: string[];
  hasCompetencies: boolean;
  emptyHint: string;
  /** Within 90 days the Primary Program Contact can also see the requirements in the Partner Membership Center. */
  partnerCenterNote: string;
  competencies: CompetencyRequirementsView[];
  /** Titles of the buttons that show the changes across competencies and the credentials help. */
  changesToggleTitle: string;
  credentialsToggleTitle: string;
  credentialsTitle: string;
  credentialsNote: string;
  /** Exams, IT training and partner learning paths. */
  credentialLinks: LinkView[];
  changesTitle: string;
  changesNote: string;
  whatsNewLink: LinkView;
  changes: CrossChangeView[];
  feesNote: string;
  thresholdsNote: string;
  catalogVersion: string;
  /**
   * Set when even one line and a button per competency would not fit in a Teams message (dozens of
   * competencies): the card then lists them, with what blocks each, as choices for a competency's own card.
   */
  listOnly?: boolean;
  competencyChoices?: { title: string; value: string }[];
  /** The choice selected at first (the first competency). */
  firstChoice?: string;
  listNote?: string;
}

/**
 * The same card with each competency's details left out, its "Details" button asking for that
 * competency's own card: for an organization with so many competencies that the details would not fit
 * in one Teams message.
 * @example requirementsWithDetailsOnRequest(view).competencies[0].detailsOnRequest // { ask: 'requirements', competencyId: 'cloud-platform' }
 */
export function requirementsWithDetailsOnRequest(view: RequirementsView): RequirementsView {
  return {
    ...view,
    competencies: view.competencies.map((competency) => ({ ...competency, detailsOnRequest: { ask: 'requirements', competencyId: competency.competencyId } })),
  };
}

/**
 * The same card with the competencies as one list to choose from (name, level and what blocks it), the
 * chosen one's own card a button away: for so many competencies that even a line and a button each
 * would not fit in one Teams message.
 * @example requirementsAsList(view).competencyChoices?.[0] // { title: 'Cloud Platform · Gold: 2 blockers (numbers to confirm)', value: 'cloud-platform' }
 */
export function requirementsAsList(view: RequirementsView): RequirementsView {
  return {
    ...view,
    listOnly: true,
    competencyChoices: view.competencies.map((competency) => ({ title: `${competency.title} · ${competency.levelLabel}: ${competency.statusLabel}`, value: competency.competencyId })),
    firstChoice: view.competencies[0]?.competencyId ?? '',
    listNote: `Your ${view.competencies.length} competencies, with what blocks each: choose one to see its requirements and what may delay it.`,
  };
}

/**
 * @example requirementsView(org, '2027-02-28', '2026-11-25', catalog).competencies[0].blockers
 */
export function requirementsView(
  org: Profile,
  anniversary: PlainDate,
  today: PlainDate,
  catalog: Catalog,
  query: RequirementsQuery = {},
): RequirementsView {
  // A competency outside the catalog is asked for by its card's id, `other:<its name in lower case>`.
  const otherKey = query.competencyId === undefined ? undefined : otherKeyOfId(query.competencyId);
  const targets = otherKey === undefined ? selectCompetencies(org.competencies, catalog, query) : [];
  const others = otherKey !== undefined ? org.otherCompetencies.filter((other) => otherCompetencyKey(other.name) === otherKey) : query.competencyId ? [] : org.otherCompetencies;
  const competencies = [
    ...targets.map((target) => competencyRequirements(org, target, anniversary, today, catalog)),
    ...others.map((other) => generalRequirements(org, other, anniversary, today, catalog)),
  ];
  const scope = requirementsScope(
    competencies.map((competency) => ({ title: competency.title, blockerCount: competency.blockers.length, unchecked: competency.unchecked, countsToConfirm: competency.countsToConfirm, riskCount: competency.riskCount })),
    anniversary,
  );
  const { data } = catalog;
  return {
    organizationName: escapeMarkdown(org.name),
    anniversaryLabel: longDate(anniversary),
    ...scope,
    everyCompetencyRules: competencies.length === 0 ? [] : [referenceRule(data), TECHNICAL_CREDENTIALS_RULE],
    hasCompetencies: competencies.length > 0,
    emptyHint: 'No competencies are recorded for your organization yet. Say "setup" to add the ones you hold, or ask for one by name, e.g. "requirements for cloud platform gold".',
    partnerCenterNote:
      'Besides the changes across competencies, a competency may have updated or new requirements of its own: each competency\'s page lists them (choose Requirements, then Silver or Gold). ' +
      'Within 90 days of the anniversary, the Primary Program Contact can also see the requirements in the Partner Membership Center.',
    competencies: competencies.map((competency, index) => ({ ...competency, detailsId: `competency-details-${index + 1}` })),
    credentialsTitle: 'For every competency',
    credentialsNote: 'Technical credentials can take time to complete: work with your technical team as early as possible. The renewal guide points to these three places:',
    credentialLinks: [
      link('Exams and certifications', data.examsUrl, data.sources.examsUrl),
      link('IT training by technology', data.itTrainingUrl, data.sources.itTrainingUrl),
      link('Partner learning paths', data.learningPathsUrl, data.sources.learningPathsUrl),
    ],
    changesToggleTitle: 'What changed in 2015–2016',
    credentialsToggleTitle: 'For every competency',
    changesTitle: 'Changes that apply across competencies',
    changesNote: 'Announced at WPC 2015. The program keeps its changes on its "What\'s new" page, which it updates often.',
    whatsNewLink: link('"What\'s new" page', data.whatsNewUrl, data.sources.whatsNewUrl),
    changes: data.changes.map((change) => crossChangeView(change, { competencies: org.competencies, otherCompetencies: org.otherCompetencies }, anniversary, catalog)),
    feesNote: data.feesNote,
    thresholdsNote: data.thresholdsNote,
    catalogVersion: `Catalog version: ${data.version}`,
  };
}

export interface LinkView {
  /** Button title; says "address to confirm" when the address is not in the guide. */
  title: string;
  url: string;
}

function link(title: string, url: string, source: Parameters<typeof markedLinkTitle>[1]): LinkView {
  return { title: markedLinkTitle(title, source), url };
}

function selectCompetencies(held: readonly HeldCompetency[], catalog: Catalog, query: RequirementsQuery): HeldTarget[] {
  if (query.competencyId) {
    const holding = held.find((competency) => competency.id === query.competencyId);
    const level = query.level ?? holding?.level ?? 'silver';
    return catalog.competency(query.competencyId) ? [{ id: query.competencyId, level, held: holding?.level === level }] : [];
  }
  return held
    .filter((competency) => catalog.hasCompetency(competency.id))
    .map((competency) => ({ id: competency.id, level: query.level ?? competency.level, held: !query.level || query.level === competency.level }));
}

interface HeldTarget {
  id: string;
  level: CompetencyLevel;
  /** False when the organization asked about a competency or level it does not hold. */
  held: boolean;
}

function competencyRequirements(org: Profile, target: HeldTarget, anniversary: PlainDate, today: PlainDate, catalog: Catalog): CompetencyRequirementsView {
  const competency = catalog.competency(target.id) as Competency;
  const level = competency.levels[target.level];
  const where = `on the ${competency.name} competency page, Requirements → ${levelLabel(target.level)}`;
  const lines: RequirementLine[] = [];
  const blockers: string[] = [];

  if (competency.cloud) lines.push(performanceLine(competency, target.level, where));

  const references = summarizeReferences(org.customerReferences, (id) => id === target.id, anniversary, today, catalog.data.referenceValidityYears);
  const neededReferences = level.customerReferences;
  const missingReferences = Math.max(0, neededReferences - references.counting);
  const referenceSource = competency.sources.customerReferences;
  if (missingReferences > 0) {
    blockers.push(markedValue(`${missingReferences} more customer ${missingReferences === 1 ? 'reference' : 'references'} needed`, referenceSource, where));
  }
  lines.push({
    label: 'Customer evidence',
    detail: [
      markedValue(`Number needed for ${levelLabel(target.level)}: ${neededReferences}`, referenceSource, where) + '.',
      `Yours that count today: ${references.counting}.`,
      references.expiredSentence,
    ].filter(Boolean).join(' '),
    status: missingReferences === 0 ? 'met' : 'blocker',
    statusLabel: markedValue(missingReferences === 0 ? `${references.counting} of ${neededReferences}` : `${missingReferences} missing`, referenceSource, ''),
  });

  const people = certifiedPeopleFor(target.id, org.certifications, catalog);
  const neededPeople = level.certifiedProfessionals;
  const missingPeople = Math.max(0, neededPeople - people.length);
  const peopleSource = competency.sources.certifiedProfessionals;
  const examSource = competency.sources.exams;
  if (missingPeople > 0) {
    // The accepted exams are listed once, in the technical credentials line below.
    blockers.push(markedValue(`${missingPeople} more certified ${missingPeople === 1 ? 'person' : 'people'} needed`, peopleSource, where));
  }
  lines.push({
    label: 'Technical credentials',
    detail: [
      markedValue(`People needed for ${levelLabel(target.level)}: ${neededPeople}`, peopleSource, where) + '.',
      markedValue(`Accepted exams: ${competency.exams.join(', ')}`, examSource, where) + '.',
      people.length > 0 ? `Counting: ${joinedWithMore(certifiedPeopleLines(target.id, org, catalog), '; ')}.` : 'Nobody recorded yet.',
      sharedCreditNote(target.id, people, org.competencies.map((held) => held.id), catalog),
    ].filter(Boolean).join(' '),
    status: missingPeople === 0 ? 'met' : 'blocker',
    statusLabel: markedValue(`${people.length} of ${neededPeople}`, peopleSource, ''),
  });

  if (target.level === 'gold' && level.customerSatisfactionUntil) {
    lines.push(csatLine(level.customerSatisfactionUntil, competency.sources.customerSatisfactionUntil, anniversary));
  }

  const scope = {
    blockerCount: blockers.length,
    unchecked: competency.cloud ? ['performance'] : [],
    countsToConfirm: (missingReferences > 0 && referenceSource !== 'guide') || (missingPeople > 0 && peopleSource !== 'guide') || (blockers.length === 0 && (referenceSource !== 'guide' || peopleSource !== 'guide')),
  };
  return {
    competencyId: target.id,
    detailsId: '',
    statusLabel: statusLabelFor(scope),
    unchecked: scope.unchecked,
    countsToConfirm: scope.countsToConfirm,
    chart: evidenceChart(
      { counting: references.counting, needed: neededReferences, toConfirm: referenceSource !== 'guide' },
      { counting: people.length, needed: neededPeople, toConfirm: peopleSource !== 'guide' },
    ),
    title: competency.name,
    focus: `For partners ${competency.focus}.`,
    levelLabel: levelLabel(target.level),
    held: target.held,
    ready: blockers.length === 0,
    summary: summaryFor(target.held, blockers.length, references.risks.length),
    general: false,
    generalNote: '',
    blockers,
    risks: summarizedRisks(references.risks),
    riskCount: references.risks.length,
    lines,
    evidenceLinks: [
      ...evidenceButton(target.id, 'may-delay', references.risks.length),
      ...evidenceButton(target.id, 'expired', references.expired.length),
      ...evidenceButton(target.id, 'certified', people.length),
    ],
    requirementsUrl: competency.requirementsUrl,
    requirementsLinkTitle: markedLinkTitle('Official requirements', competency.sources.requirementsUrl),
  };
}

/** Cloud competencies are performance-based (guide lines 15 and 24); the goal itself is on the competency page. */
function performanceLine(competency: Competency, level: CompetencyLevel, where: string): RequirementLine {
  const ownWording = competency.levels[level].performance;
  return {
    label: 'Performance',
    detail: [
      `Measured by your customers' active use and consumption, no longer by seats sold and revenue. The goal for ${levelLabel(level)} is in the Requirements section of the ${competency.name} competency page.`,
      ownWording ? markedValue(`Catalog: ${ownWording}`, 'to-confirm', where) + '.' : '',
    ].filter(Boolean).join(' '),
    status: 'info',
    statusLabel: 'Check its page',
  };
}
