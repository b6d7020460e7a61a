/**
 * What the requirements card can honestly claim (issue: "nothing blocks" only when the bot knows it).
 * The bot counts customer references and certified people; it never checks the performance of a
 * cloud competency (guide line 24: the goal is on the competency page) nor the technical credentials
 * of a competency outside its catalog. Blocker counts that rest on numbers to confirm say so, and a
 * reference expiring by the anniversary "may delay your renewal even if you have met all other
 * requirements" (guide line 31): that is said on the collapsed card, not only behind Details.
 */
import { longDate, type PlainDate } from '../common/plain-date.js';

/** What one competency's blocker count rests on. */
export interface CheckScope {
  blockerCount: number;
  /** Parts of the requirements the bot did not check: "performance", "technical credentials". */
  unchecked: string[];
  /** The numbers the blockers are counted against are catalog values to confirm. */
  countsToConfirm: boolean;
}

/**
 * The competency's one line on the collapsed card.
 * @example statusLabelFor({ blockerCount: 0, unchecked: ['performance'], countsToConfirm: true }) // 'No blockers found (numbers to confirm); performance not checked'
 */
export function statusLabelFor(scope: CheckScope): string {
  const confirm = scope.countsToConfirm ? ' (numbers to confirm)' : '';
  const unchecked = scope.unchecked.length > 0 ? `; ${scope.unchecked.join(' and ')} not checked` : '';
  if (scope.blockerCount > 0) return `${scope.blockerCount} ${scope.blockerCount === 1 ? 'blocker' : 'blockers'}${confirm}`;
  return `No blockers found${confirm}${unchecked}`;
}

export interface ScopedCompetency extends CheckScope {
  title: string;
  riskCount: number;
}

/** The card's headline, what the bot checked and did not, and the references that may delay the renewal. */
export function requirementsScope(competencies: readonly ScopedCompetency[], anniversary: PlainDate): { headline: string; scopeNote: string; riskNote: string } {
  const count = competencies.length;
  if (count === 0) return { headline: 'No competencies to show yet.', scopeNote: '', riskNote: '' };
  const blocked = competencies.filter((competency) => competency.blockerCount > 0).length;
  const assessed = `for the renewal on ${longDate(anniversary)}`;
  const confirm = competencies.some((competency) => competency.blockerCount > 0 && competency.countsToConfirm) ? ' (numbers to confirm)' : '';
  const headline =
    blocked === 0
      ? `No blockers found in what the bot checks for ${count === 1 ? 'this competency' : `your ${count} competencies`} ${assessed}.`
      : `${blocked} of ${count} ${count === 1 ? 'competency has' : 'competencies have'} blockers ${assessed}${confirm}.`;
  return { headline, scopeNote: scopeNoteFor(competencies), riskNote: riskNoteFor(competencies) };
}

function scopeNoteFor(competencies: readonly ScopedCompetency[]): string {
  const notChecked = ['performance', 'technical credentials'].flatMap((part) => {
    const names = competencies.filter((competency) => competency.unchecked.includes(part)).map((competency) => competency.title);
    return names.length === 0 ? [] : [`the ${part === 'performance' ? 'performance' : 'technical credentials'} of ${listed(names)}`];
  });
  const checked = 'The bot checks customer references and certified people against the numbers needed.';
  const pages = competencies.filter((competency) => competency.unchecked.length > 0).length === 1 ? 'its page' : "each one's page";
  return notChecked.length === 0 ? checked : `${checked} It does not check ${notChecked.join(', nor ')}: see ${pages}.`;
}

function riskNoteFor(competencies: readonly ScopedCompetency[]): string {
  const risks = competencies.reduce((sum, competency) => sum + competency.riskCount, 0);
  if (risks === 0) return '';
  const subject = risks === 1 ? '1 customer reference expires' : `${risks} customer references expire`;
  return `${subject} by the anniversary: an expiring reference may delay your renewal even if you have met all other requirements.`;
}

/** "A", "A and B", "A, B and C"; more than three as "A, B and 4 more". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
