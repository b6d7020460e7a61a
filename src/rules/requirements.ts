/**
 * Which requirements apply to an organization at its next renewal, and what stands in the way.
 * The renewal is assessed on the anniversary, so date-dependent rules are judged against it.
 */
import type { Catalog, Competency, CrossChange } from './catalog.js';
import { referenceStanding } from './customer-evidence.js';
import type { CompetencyLevel, HeldCompetency, Organization } from './organization.js';
import { daysBetween, longDate, type PlainDate } from './plain-date.js';
import { certifiedPeopleFor, sharedCreditNote } from './technical-credentials.js';
import type { CompetencyRequirementsView, CrossChangeView, RequirementLine, RequirementsView } from './view-models.js';
import { escapeMarkdown } from './markdown.js';

export interface RequirementsQuery {
  /** Show only this competency (held or not). */
  competencyId?: string;
  /** Show this level instead of the level held. */
  level?: CompetencyLevel;
}

type Profile = Pick<Organization, 'name' | 'competencies' | 'customerReferences' | 'certifications'>;

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
  const targets = selectCompetencies(org.competencies, catalog, query);
  const competencies = targets.map((target) => competencyRequirements(org, target, anniversary, today, catalog));
  const blocked = competencies.filter((competency) => !competency.ready).length;
  return {
    organizationName: escapeMarkdown(org.name),
    anniversaryLabel: longDate(anniversary),
    headline: headlineFor(competencies.length, blocked, anniversary),
    hasCompetencies: competencies.length > 0,
    emptyHint: 'No competencies are recorded for your organization yet. Say "setup" to add the ones you hold, or ask for one by name, e.g. "requirements for cloud platform gold".',
    competencies,
    changes: catalog.data.changes.map((change) => crossChangeView(change, org.competencies, anniversary, catalog)),
    feesNote: catalog.data.feesNote,
    thresholdsNote: catalog.data.thresholdsNote,
    catalogVersion: `Catalog: ${catalog.data.version}`,
  };
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

function competencyRequirements(org: Profile, target: HeldTarget, anniversary: PlainDate, today: PlainDate, catalog: Catalog): CompetencyRequirementsView {
  const competency = catalog.competency(target.id) as Competency;
  const level = competency.levels[target.level];
  const lines: RequirementLine[] = [];
  const blockers: string[] = [];

  if (competency.cloud && level.performance) {
    lines.push({ label: 'Performance', detail: level.performance, status: 'info', statusLabel: 'Check in the portal' });
  }

  const standings = org.customerReferences
    .filter((reference) => reference.competency === target.id)
    .map((reference) => referenceStanding(reference, anniversary, today, catalog.data.referenceValidityYears));
  const validReferences = standings.filter((standing) => standing.countsForRenewal).length;
  blockers.push(...standings.filter((standing) => !standing.countsForRenewal).map((standing) => standing.blocker));
  const missingReferences = Math.max(0, level.customerReferences - validReferences);
  if (missingReferences > 0) blockers.push(`${missingReferences} more customer ${missingReferences === 1 ? 'reference' : 'references'} needed`);
  lines.push({
    label: 'Customer evidence',
    detail: `${level.customerReferences} approved customer references, each valid for ${catalog.data.referenceValidityYears} years after approval and still valid after the anniversary: ${validReferences} of yours ${validReferences === 1 ? 'counts' : 'count'}.`,
    status: missingReferences === 0 && standings.every((standing) => standing.countsForRenewal) ? 'met' : 'blocker',
    statusLabel: missingReferences === 0 ? `${validReferences} of ${level.customerReferences}` : `${missingReferences} missing`,
  });

  const people = certifiedPeopleFor(target.id, org.certifications, catalog);
  const missingPeople = Math.max(0, level.certifiedProfessionals - people.length);
  if (missingPeople > 0) blockers.push(`${missingPeople} more certified ${missingPeople === 1 ? 'person' : 'people'} needed (accepted exams: ${competency.exams.join(', ')})`);
  const shared = sharedCreditNote(target.id, people, org.competencies.map((held) => held.id), catalog);
  lines.push({
    label: 'Technical credentials',
    detail: [
      `${level.certifiedProfessionals} people who passed an accepted exam (${competency.exams.join(', ')}).`,
      people.length > 0 ? `Counting: ${people.map((person) => escapeMarkdown(`${person.person} (${person.exams.join(', ')})`)).join('; ')}.` : 'Nobody recorded yet.',
      shared,
    ].filter(Boolean).join(' '),
    status: missingPeople === 0 ? 'met' : 'blocker',
    statusLabel: `${people.length} of ${level.certifiedProfessionals}`,
  });

  if (target.level === 'gold' && level.customerSatisfactionUntil) {
    lines.push(csatLine(level.customerSatisfactionUntil, anniversary));
  }

  return {
    competencyId: target.id,
    title: competency.name,
    focus: `For partners ${competency.focus}.`,
    levelLabel: target.level === 'gold' ? 'Gold' : 'Silver',
    held: target.held,
    ready: blockers.length === 0,
    summary: summaryFor(target, blockers.length),
    blockers,
    lines,
    requirementsUrl: competency.requirementsUrl,
  };
}

function summaryFor(target: HeldTarget, blockerCount: number): string {
  const holding = target.held ? 'You hold this level.' : 'You do not hold this level: this is what it would take.';
  const state = blockerCount === 0 ? 'Nothing blocks it.' : `${blockerCount} ${blockerCount === 1 ? 'blocker' : 'blockers'} to clear.`;
  return `${holding} ${state}`;
}

/** Gold CSAT applies to renewals assessed before its removal date and not after. */
function csatLine(until: PlainDate, anniversary: PlainDate): RequirementLine {
  const applies = daysBetween(until, anniversary) < 0;
  return applies
    ? { label: 'Customer satisfaction survey', detail: `Required: this renewal is assessed before ${longDate(until)}.`, status: 'info', statusLabel: 'Required' }
    : { label: 'Customer satisfaction survey', detail: `Not required for renewals assessed from ${longDate(until)}.`, status: 'met', statusLabel: 'Not required' };
}

function crossChangeView(change: CrossChange, held: readonly HeldCompetency[], anniversary: PlainDate, catalog: Catalog): CrossChangeView {
  const inEffect = daysBetween(change.effectiveFrom, anniversary) >= 0;
  const concerned = held.filter((competency) => {
    if (change.appliesTo === 'cloud') return catalog.competency(competency.id)?.cloud === true;
    if (change.appliesTo === 'gold') return competency.level === 'gold';
    return true;
  });
  const names = concerned.map((competency) => catalog.competency(competency.id)?.name ?? competency.id);
  let appliesLabel: string;
  if (held.length === 0) appliesLabel = scopeLabel(change.appliesTo);
  else if (names.length === 0) appliesLabel = `Does not concern your competencies (${scopeLabel(change.appliesTo).toLowerCase()}).`;
  else if (change.appliesTo === 'many') appliesLabel = `May concern ${names.join(', ')}: check each one's accepted exams.`;
  else appliesLabel = `Concerns ${names.join(', ')}.`;
  return {
    title: change.title,
    detail: change.detail,
    effectiveLabel: `${inEffect ? 'In effect since' : 'Takes effect on'} ${longDate(change.effectiveFrom)}`,
    appliesLabel,
  };
}

function scopeLabel(scope: CrossChange['appliesTo']): string {
  return { all: 'All competencies', many: 'Many competencies', cloud: 'Cloud competencies', gold: 'Gold competencies' }[scope];
}
