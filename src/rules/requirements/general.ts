/**
 * A competency outside the catalog, recorded by name and level: the renewal guide's rules for every
 * competency (customer evidence, guide line 31; technical credentials, line 33; gold CSAT, line 19),
 * without numbers, marked as general rules.
 */
import { escapeMarkdown } from '../common/markdown.js';
import type { Catalog } from '../catalog/catalog.js';
import { summarizeReferences } from './customer-evidence.js';
import { evidenceButton, summarizedRisks } from './evidence-lists.js';
import { OTHER_ID_PREFIX, otherCompetencyKey, type Organization, type OtherCompetency } from '../organization/organization.js';
import type { PlainDate } from '../common/plain-date.js';
import { csatLine, levelLabel, summaryFor, type RequirementLine } from './lines.js';
import { statusLabelFor } from './scope.js';
import type { BarChartView } from '../cycle/charts.js';
import type { Suggestion } from '../questions/suggestions.js';
import type { Ask } from '../questions/questions.js';

export interface CompetencyRequirementsView {
  competencyId: string;
  /** Id of the container that holds its details, shown on demand (Action.ToggleVisibility). */
  detailsId: string;
  /** Its one line on the collapsed card: "2 blockers (numbers to confirm)", "No blockers found; performance not checked". */
  statusLabel: string;
  /** What the bot did not check for it ("performance", "technical credentials"). */
  unchecked: string[];
  /** Its blockers are counted against catalog numbers to confirm. */
  countsToConfirm: boolean;
  /** Customer references and certified people against what is needed; null without catalog numbers. */
  chart: BarChartView | null;
  title: string;
  focus: string;
  levelLabel: string;
  held: boolean;
  ready: boolean;
  summary: string;
  /** A competency outside the catalog, shown with the guide's general rules only. */
  general: boolean;
  /** Says the rules shown are the general ones; '' for catalog competencies. */
  generalNote: string;
  blockers: string[];
  /** Customer references that expire by the anniversary: they may delay the renewal (the first few, then "And N more"). */
  risks: string[];
  /** How many references that is, all of them. */
  riskCount: number;
  lines: RequirementLine[];
  /** Buttons to the lists its details shorten (references that may delay it, expired ones, certified people); often none. */
  evidenceLinks: Suggestion[];
  /** '' when there is no page to link. */
  requirementsUrl: string;
  requirementsLinkTitle: string;
  /**
   * Set when the card has no room for the details (many competencies, Teams' 28 KB per message): its
   * "Details" button then asks for this competency's own card instead of showing hidden details.
   */
  detailsOnRequest?: Ask;
}

/**
 * A competency outside the catalog: the guide's rules for every competency, and no numbers.
 * @example generalRequirements(org, { name: 'Datacenter', level: 'silver' }, '2027-02-28', '2026-11-25', catalog).generalNote // 'General rules: …'
 */
export function generalRequirements(org: Pick<Organization, 'customerReferences'>, other: OtherCompetency, anniversary: PlainDate, today: PlainDate, catalog: Catalog): CompetencyRequirementsView {
  const key = otherCompetencyKey(other.name);
  const references = summarizeReferences(org.customerReferences, (competency) => otherCompetencyKey(competency) === key, anniversary, today, catalog.data.referenceValidityYears);
  const blockers = references.counting === 0 ? ['No customer reference counts for it: customer evidence is required for every competency'] : [];
  const lines: RequirementLine[] = [
    {
      label: 'Customer evidence',
      detail: [`Yours that count today: ${references.counting}.`, references.expiredSentence].filter(Boolean).join(' '),
      status: references.counting === 0 ? 'blocker' : 'met',
      statusLabel: `${references.counting} counting`,
    },
    {
      label: 'Technical credentials',
      detail: 'Not checked by the bot: find which exams, assessments or certifications this one accepts on its page.',
      status: 'info',
      statusLabel: 'Check its page',
    },
  ];
  const csatRemoval = other.level === 'gold' ? catalog.data.changes.find((change) => change.appliesTo === 'gold' && change.effectiveFrom) : undefined;
  if (csatRemoval?.effectiveFrom) lines.push(csatLine(csatRemoval.effectiveFrom, csatRemoval.effectiveFromSource, anniversary));
  const competencyId = `${OTHER_ID_PREFIX}${key}`;
  return {
    competencyId,
    detailsId: '',
    statusLabel: statusLabelFor({ blockerCount: blockers.length, unchecked: ['technical credentials'], countsToConfirm: false }),
    unchecked: ['technical credentials'],
    countsToConfirm: false,
    chart: null,
    title: escapeMarkdown(other.name),
    focus: 'Not in this bot\'s catalog.',
    levelLabel: levelLabel(other.level),
    held: true,
    ready: blockers.length === 0,
    summary: summaryFor(true, blockers.length, references.risks.length),
    general: true,
    generalNote:
      'General rules: this competency is not in the bot\'s catalog, so only the renewal guide\'s rules for every competency are shown. Find its own requirements on its competency page (Requirements, then Silver or Gold).',
    blockers,
    risks: summarizedRisks(references.risks),
    riskCount: references.risks.length,
    lines,
    evidenceLinks: [...evidenceButton(competencyId, 'may-delay', references.risks.length), ...evidenceButton(competencyId, 'expired', references.expired.length)],
    requirementsUrl: '',
    requirementsLinkTitle: '',
  };
}
