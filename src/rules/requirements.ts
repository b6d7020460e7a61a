/**
 * Which requirements apply to an organization at its next renewal, and what stands in the way.
 * The renewal is assessed on the anniversary, so date-dependent rules are judged against it.
 * Competencies outside the catalog get the guide's general rules, marked as such.
 */
import type { Catalog, Competency } from './catalog.js';
import { crossChangeView } from './cross-changes.js';
import { referenceStanding, type ReferenceStanding } from './customer-evidence.js';
import { otherCompetencyKey, type CompetencyLevel, type HeldCompetency, type Organization, type OtherCompetency } from './organization.js';
import { daysBetween, longDate, type PlainDate } from './plain-date.js';
import { certifiedPeopleFor, sharedCreditNote } from './technical-credentials.js';
import { markedLinkTitle, markedValue } from './value-source.js';
import type { CompetencyRequirementsView, LinkView, RequirementLine, RequirementsView } from './view-models.js';

export interface RequirementsQuery {
  /** Show only this competency (held or not). */
  competencyId?: string;
  /** Show this level instead of the level held. */
  level?: CompetencyLevel;
}

type Profile = Pick<Organization, 'name' | 'competencies' | 'customerReferences' | 'certifications'> & Partial<Pick<Organization, 'otherCompetencies'>>;

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
  const otherCompetencies = org.otherCompetencies ?? [];
  const targets = selectCompetencies(org.competencies, catalog, query);
  const competencies = [
    ...targets.map((target) => competencyRequirements(org, target, anniversary, today, catalog)),
    ...(query.competencyId ? [] : otherCompetencies.map((other) => generalRequirements(org, other, anniversary, today, catalog))),
  ];
  const blocked = competencies.filter((competency) => !competency.ready).length;
  const { data } = catalog;
  return {
    organizationName: org.name,
    anniversaryLabel: longDate(anniversary),
    headline: headlineFor(competencies.length, blocked, anniversary),
    hasCompetencies: competencies.length > 0,
    emptyHint: 'No competencies are recorded for your organization yet. Say "setup" to add the ones you hold, or ask for one by name, e.g. "requirements for cloud platform gold".',
    partnerCenterNote:
      'Besides the changes across competencies, a competency may have updated or new requirements of its own: each competency\'s page lists them (choose Requirements, then Silver or Gold). ' +
      'Within 90 days of the anniversary, the Primary Program Contact also sees the requirements in the Partner Membership Center.',
    competencies,
    credentialsTitle: 'Preparing technical credentials',
    credentialsNote: 'Technical credentials take time: work with your technical team as early as possible. The renewal guide points to these three places:',
    credentialLinks: [
      link('Exams and certifications', data.examsUrl, data.sources.examsUrl),
      link('IT training by technology', data.itTrainingUrl, data.sources.itTrainingUrl),
      link('Partner learning paths', data.learningPathsUrl, data.sources.learningPathsUrl),
    ],
    changesTitle: 'Changes that apply across competencies',
    changesNote: 'Announced at WPC 2015. The program keeps its changes on its "What\'s new" page, which it updates often.',
    whatsNewLink: link('"What\'s new" page', data.whatsNewUrl, data.sources.whatsNewUrl),
    changes: data.changes.map((change) => crossChangeView(change, { competencies: org.competencies, otherCompetencies }, anniversary, catalog)),
    feesNote: data.feesNote,
    thresholdsNote: data.thresholdsNote,
    catalogVersion: `Catalog: ${data.version}`,
  };
}

function link(title: string, url: string, source: Parameters<typeof markedLinkTitle>[1]): LinkView {
  return { title: markedLinkTitle(title, source), url };
}

function headlineFor(count: number, blocked: number, anniversary: PlainDate): string {
  if (count === 0) return 'No competencies to show yet.';
  const assessed = `for the renewal on ${longDate(anniversary)}`;
  if (blocked === 0) return `Nothing is blocking ${count === 1 ? 'this competency' : `your ${count} competencies`} ${assessed}.`;
  return `${blocked} of ${count} ${count === 1 ? 'competency has' : 'competencies have'} blockers ${assessed}.`;
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

const levelLabel = (level: CompetencyLevel) => (level === 'gold' ? 'Gold' : 'Silver');

/** Customer references of one competency, sorted into what counts, what may delay the renewal and what expired. */
function referencesFor(org: Profile, matches: (competency: string) => boolean, anniversary: PlainDate, today: PlainDate, catalog: Catalog) {
  const standings = org.customerReferences
    .filter((reference) => matches(reference.competency))
    .map((reference) => referenceStanding(reference, anniversary, today, catalog.data.referenceValidityYears));
  const counting = standings.filter((standing) => standing.counts).length;
  const risks = standings.filter((standing) => standing.state === 'may-delay').map((standing) => standing.note);
  const expired = standings.filter((standing) => standing.state === 'expired');
  return { counting, risks, expired };
}

/** Guide line 31: two years, unless an operator's catalog says otherwise (then marked to confirm). */
function referenceRule(catalog: Catalog): string {
  const years = catalog.data.referenceValidityYears;
  const validity = markedValue(`${years === 2 ? 'two' : years} years`, catalog.data.sources.referenceValidityYears, 'with the program');
  return `Required for every competency. A customer reference expires ${validity} after it was approved (counted from approval: our reading of the guide) and counts until that day. Check their status in the Partner Membership Center.`;
}

function expiredSentence(expired: readonly ReferenceStanding[]): string {
  return expired.length === 0 ? '' : `No longer counting: ${expired.map((standing) => standing.note.replace(/: it no longer counts$/, '')).join('; ')}.`;
}

function competencyRequirements(org: Profile, target: HeldTarget, anniversary: PlainDate, today: PlainDate, catalog: Catalog): CompetencyRequirementsView {
  const competency = catalog.competency(target.id) as Competency;
  const level = competency.levels[target.level];
  const where = `on the ${competency.name} competency page, Requirements → ${levelLabel(target.level)}`;
  const lines: RequirementLine[] = [];
  const blockers: string[] = [];

  if (competency.cloud) lines.push(performanceLine(competency, target.level, where));

  const references = referencesFor(org, (id) => id === target.id, anniversary, today, catalog);
  const neededReferences = level.customerReferences;
  const missingReferences = Math.max(0, neededReferences - references.counting);
  const referenceSource = competency.sources.customerReferences;
  if (missingReferences > 0) {
    blockers.push(markedValue(`${missingReferences} more customer ${missingReferences === 1 ? 'reference' : 'references'} needed`, referenceSource, where));
  }
  lines.push({
    label: 'Customer evidence',
    detail: [
      referenceRule(catalog),
      markedValue(`Number needed for ${levelLabel(target.level)}: ${neededReferences}`, referenceSource, where) + '.',
      `Yours that count today: ${references.counting}.`,
      expiredSentence(references.expired),
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
    const eitherToConfirm = peopleSource === 'guide' && examSource === 'guide' ? 'guide' : 'to-confirm';
    blockers.push(
      markedValue(`${missingPeople} more certified ${missingPeople === 1 ? 'person' : 'people'} needed, accepted exams: ${competency.exams.join(', ')}`, eitherToConfirm, where),
    );
  }
  lines.push({
    label: 'Technical credentials',
    detail: [
      'Required for every competency; they differ per competency: exams, assessments or certifications.',
      markedValue(`People needed for ${levelLabel(target.level)}: ${neededPeople}`, peopleSource, where) + '.',
      markedValue(`Accepted exams: ${competency.exams.join(', ')}`, examSource, where) + '.',
      people.length > 0 ? `Counting: ${people.map((person) => `${person.person} (${person.exams.join(', ')})`).join('; ')}.` : 'Nobody recorded yet.',
      'An exam an employee or contractor passed counts for every competency that accepts it.',
      sharedCreditNote(target.id, people, org.competencies.map((held) => held.id), catalog),
    ].filter(Boolean).join(' '),
    status: missingPeople === 0 ? 'met' : 'blocker',
    statusLabel: markedValue(`${people.length} of ${neededPeople}`, peopleSource, ''),
  });

  if (target.level === 'gold' && level.customerSatisfactionUntil) {
    lines.push(csatLine(level.customerSatisfactionUntil, anniversary));
  }

  return {
    competencyId: target.id,
    title: competency.name,
    focus: `For partners ${competency.focus}.`,
    levelLabel: levelLabel(target.level),
    held: target.held,
    ready: blockers.length === 0,
    summary: summaryFor(target.held, blockers.length, references.risks.length),
    general: false,
    generalNote: '',
    blockers,
    risks: references.risks,
    lines,
    requirementsUrl: competency.requirementsUrl,
    requirementsLinkTitle: markedLinkTitle('Official requirements', competency.sources.requirementsUrl),
  };
}

/** A competency outside the catalog: the guide's rules for every competency, and no numbers. */
function generalRequirements(org: Profile, other: OtherCompetency, anniversary: PlainDate, today: PlainDate, catalog: Catalog): CompetencyRequirementsView {
  const key = otherCompetencyKey(other.name);
  const references = referencesFor(org, (competency) => otherCompetencyKey(competency) === key, anniversary, today, catalog);
  const blockers = references.counting === 0 ? ['No customer reference counts for it: customer evidence is required for every competency'] : [];
  const lines: RequirementLine[] = [
    {
      label: 'Customer evidence',
      detail: [referenceRule(catalog), `Yours that count today: ${references.counting}.`, expiredSentence(references.expired)].filter(Boolean).join(' '),
      status: references.counting === 0 ? 'blocker' : 'met',
      statusLabel: `${references.counting} counting`,
    },
    {
      label: 'Technical credentials',
      detail:
        'Required for every competency; they differ per competency: find which exams, assessments or certifications this one accepts on its page. An exam an employee or contractor passed counts for every competency that accepts it.',
      status: 'info',
      statusLabel: 'Check its page',
    },
  ];
  const csat = other.level === 'gold' ? catalog.data.changes.find((change) => change.appliesTo === 'gold' && change.effectiveFrom)?.effectiveFrom : undefined;
  if (csat) lines.push(csatLine(csat, anniversary));
  return {
    competencyId: `other:${key}`,
    title: other.name,
    focus: 'Not in this bot\'s catalog.',
    levelLabel: levelLabel(other.level),
    held: true,
    ready: blockers.length === 0,
    summary: summaryFor(true, blockers.length, references.risks.length),
    general: true,
    generalNote:
      'General rules: this competency is not in the bot\'s catalog, so only the renewal guide\'s rules for every competency are shown. Find its own requirements on its competency page (Requirements, then Silver or Gold).',
    blockers,
    risks: references.risks,
    lines,
    requirementsUrl: '',
    requirementsLinkTitle: '',
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

function summaryFor(held: boolean, blockerCount: number, riskCount: number): string {
  const holding = held ? 'You hold this level.' : 'You do not hold this level: this is what it would take.';
  const state = blockerCount === 0 ? 'Nothing blocks it.' : `${blockerCount} ${blockerCount === 1 ? 'blocker' : 'blockers'} to clear.`;
  const risk = riskCount === 0 ? '' : ` ${riskCount} customer ${riskCount === 1 ? 'reference expires' : 'references expire'} by the anniversary and may delay the renewal.`;
  return `${holding} ${state}${risk}`;
}

/** Gold CSAT is removed as of January 2016 (guide line 19); a renewal assessed before then still had it (our reading). */
function csatLine(until: PlainDate, anniversary: PlainDate): RequirementLine {
  const applies = daysBetween(until, anniversary) < 0;
  return applies
    ? { label: 'Customer satisfaction survey', detail: `Required: this renewal is assessed before ${longDate(until)} (our reading: the guide removes it for gold competencies as of January 2016).`, status: 'info', statusLabel: 'Required' }
    : { label: 'Customer satisfaction survey', detail: 'Not required: removed for gold competencies as of January 2016.', status: 'met', statusLabel: 'Not required' };
}
