/**
 * The requirement changes that apply across competencies (guide lines 13-19): announced at WPC 2015
 * and kept on the program's "What's new" page; only the gold CSAT removal has a date in the guide.
 */
import { escapeMarkdown } from '../common/markdown.js';
import type { Catalog, CrossChange } from '../catalog/catalog.js';
import type { HeldCompetency, OtherCompetency } from '../organization/organization.js';
import { daysBetween, monthYear, type PlainDate } from '../common/plain-date.js';
import { markedValue } from '../common/value-source.js';

/** Held competencies by name, with whether each is a cloud competency; others are not cloud ones as far as we know. */
export interface HeldForChanges {
  competencies: readonly HeldCompetency[];
  otherCompetencies: readonly OtherCompetency[];
}

export interface CrossChangeView {
  title: string;
  detail: string;
  effectiveLabel: string;
  appliesLabel: string;
}

/**
 * @example crossChangeView(goldCsat, held, '2027-02-28', catalog).effectiveLabel // 'Announced at WPC 2015; in effect as of January 2016'
 */
export function crossChangeView(change: CrossChange, held: HeldForChanges, anniversary: PlainDate, catalog: Catalog): CrossChangeView {
  const all = [
    ...held.competencies.map((competency) => ({ name: catalog.competency(competency.id)?.name ?? competency.id, level: competency.level, cloud: catalog.competency(competency.id)?.cloud === true })),
    ...held.otherCompetencies.map((other) => ({ name: escapeMarkdown(other.name), level: other.level, cloud: false })),
  ];
  const concerned = all.filter((competency) => {
    if (change.appliesTo === 'cloud') return competency.cloud;
    if (change.appliesTo === 'gold') return competency.level === 'gold';
    return true;
  });
  const names = concerned.map((competency) => competency.name);
  let appliesLabel: string;
  if (all.length === 0) appliesLabel = scopeLabel(change.appliesTo);
  else if (names.length === 0) appliesLabel = `Does not concern your competencies (${scopeLabel(change.appliesTo).toLowerCase()}).`;
  else if (change.appliesTo === 'many') appliesLabel = `May concern ${listed(names)}: check each one's accepted exams.`;
  else appliesLabel = `Concerns ${listed(names)}.`;
  return { title: change.title, detail: change.detail, effectiveLabel: effectiveLabel(change, anniversary), appliesLabel };
}

/** Names listed in full up to five; beyond, the first three and how many more (a card has room for a line, not fifty names). */
function listed(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** "Announced at WPC 2015", plus the month it takes effect when the guide gives one, judged at the anniversary. */
function effectiveLabel(change: CrossChange, anniversary: PlainDate): string {
  const announced = `Announced at ${change.announced}`;
  if (!change.effectiveFrom) return announced;
  const inEffect = daysBetween(change.effectiveFrom, anniversary) >= 0;
  const month = markedValue(monthYear(change.effectiveFrom), change.effectiveFromSource, 'with the program');
  return `${announced}; ${inEffect ? 'in effect' : 'takes effect'} as of ${month}`;
}

function scopeLabel(scope: CrossChange['appliesTo']): string {
  return { all: 'All competencies', many: 'Many competencies', cloud: 'Cloud competencies', gold: 'Gold competencies' }[scope];
}
