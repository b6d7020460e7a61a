/** Pieces shared by the requirements of catalog competencies and of competencies outside it. */
import type { CompetencyLevel } from './organization.js';
import { daysBetween, longDate, monthYear, type PlainDate } from './plain-date.js';
import { markedValue, type ValueSource } from './value-source.js';
import type { RequirementLine } from './view-models.js';

export const levelLabel = (level: CompetencyLevel) => (level === 'gold' ? 'Gold' : 'Silver');

export function summaryFor(held: boolean, blockerCount: number, riskCount: number): string {
  const holding = held ? 'You hold this level.' : 'You do not hold this level: this is what it would take.';
  const state = blockerCount === 0 ? 'Nothing blocks it.' : `${blockerCount} ${blockerCount === 1 ? 'blocker' : 'blockers'} to clear.`;
  const risk = riskCount === 0 ? '' : ` ${riskCount} customer ${riskCount === 1 ? 'reference expires' : 'references expire'} by the anniversary and may delay the renewal.`;
  return `${holding} ${state}${risk}`;
}

/**
 * Gold CSAT is removed as of January 2016 (guide line 19); a renewal assessed before then still had it
 * (our reading). A date that is not the guide's is marked to confirm.
 */
export function csatLine(until: PlainDate, source: ValueSource, anniversary: PlainDate): RequirementLine {
  const applies = daysBetween(until, anniversary) < 0;
  const month = markedValue(monthYear(until), source, 'with the program');
  return applies
    ? { label: 'Customer satisfaction survey', detail: `Required: this renewal is assessed before ${longDate(until)} (our reading: removed for gold competencies as of ${month}).`, status: 'info', statusLabel: 'Required' }
    : { label: 'Customer satisfaction survey', detail: `Not required: removed for gold competencies as of ${month}.`, status: 'met', statusLabel: 'Not required' };
}
