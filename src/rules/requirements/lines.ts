/** Pieces shared by the requirements of catalog competencies and of competencies outside it. */
import type { CompetencyLevel } from '../organization/organization.js';
import { daysBetween, longDate, monthYear, type PlainDate } from '../common/plain-date.js';
import { markedValue, type ValueSource } from '../common/value-source.js';
import type { BarChartView } from '../cycle/charts.js';

export const levelLabel = (level: CompetencyLevel) => (level === 'gold' ? 'Gold' : 'Silver');

interface Evidence {
  counting: number;
  needed: number;
  /** The number needed is a catalog value the guide does not give. */
  toConfirm: boolean;
}

/**
 * Customer references and certified people counting today against the numbers needed, as bars in
 * pairs; the fallback says the same per pair ("2 of 5 needed (to confirm)").
 * @example evidenceChart({ counting: 2, needed: 5, toConfirm: true }, { counting: 1, needed: 4, toConfirm: true }).facts[0]
 * // { title: 'Customer references', value: '2 of 5 needed (to confirm)' }
 */
export function evidenceChart(references: Evidence, people: Evidence): BarChartView {
  const pair = (label: string, barLabel: string, evidence: Evidence) => {
    const confirm = evidence.toConfirm ? ' (to confirm)' : '';
    return {
      bars: [
        // Each bar's label must be unique: a chart merges bars that share one.
        { x: `${barLabel}: yours`, y: evidence.counting, color: evidence.counting >= evidence.needed ? 'good' : 'attention' },
        { x: `${barLabel}: needed${confirm}`, y: evidence.needed, color: 'neutral' },
      ] satisfies BarChartView['data'],
      fact: { title: label, value: `${evidence.counting} of ${evidence.needed} needed${confirm}` },
    };
  };
  const shown = [pair('Customer references', 'References', references), pair('Certified people', 'Certified', people)];
  return { title: 'Yours and needed', data: shown.flatMap((entry) => entry.bars), facts: shown.map((entry) => entry.fact) };
}

export function summaryFor(held: boolean, blockerCount: number, riskCount: number): string {
  const holding = held ? 'You hold this level.' : 'You do not hold this level: this is what it would take.';
  const state = blockerCount === 0 ? 'No blockers found in what the bot checks.' : `${blockerCount} ${blockerCount === 1 ? 'blocker' : 'blockers'} to clear.`;
  const risk = riskCount === 0 ? '' : ` ${riskCount} customer ${riskCount === 1 ? 'reference expires' : 'references expire'} by the anniversary and may delay the renewal.`;
  return `${holding} ${state}${risk}`;
}

export interface RequirementLine {
  label: string;
  detail: string;
  /** 'met' | 'blocker' | 'info' — blockers render in the attention colour. */
  status: 'met' | 'blocker' | 'info';
  statusLabel: string;
}

/**
 * Gold CSAT is removed as of January 2016 (guide line 19); a renewal assessed before then still had it
 * (our reading). A date that is not the guide's is marked to confirm.
 */
export function csatLine(until: PlainDate, source: ValueSource, anniversary: PlainDate): RequirementLine {
  const applies = daysBetween(until, anniversary) < 0;
  const month = markedValue(monthYear(until), source, 'with the program');
  return applies
    ? { label: 'Customer Satisfaction (CSAT)', detail: `Required: this renewal is assessed before ${longDate(until)} (our reading: removed for gold competencies as of ${month}).`, status: 'info', statusLabel: 'Required' }
    : { label: 'Customer Satisfaction (CSAT)', detail: `Not required: removed for gold competencies as of ${month}.`, status: 'met', statusLabel: 'Not required' };
}
