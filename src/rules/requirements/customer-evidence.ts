/**
 * Customer references (guide line 31): they expire after two years (counted from approval: our
 * reading of the guide). A reference counts until the day it expires; one that expires on or before
 * the anniversary still counts today but may delay the renewal; one already expired does not count.
 */
import type { CatalogData } from '../catalog/catalog.js';
import type { CustomerReference } from '../organization/organization.js';
import { escapeMarkdown } from '../common/markdown.js';
import { joinedWithMore } from '../common/paging.js';
import { addYears, daysBetween, longDate, type PlainDate } from '../common/plain-date.js';
import { markedValue } from '../common/value-source.js';

export type ReferenceState = 'counts' | 'may-delay' | 'expired';

/** One reference's identity wherever it is keyed (a checklist item, a reminder's subject). */
export function referenceKey(reference: Pick<CustomerReference, 'competency' | 'customer' | 'approvedOn'>): string {
  return `${reference.competency}|${reference.customer}|${reference.approvedOn}`;
}

export interface ReferenceStanding {
  reference: CustomerReference;
  expiresOn: PlainDate;
  state: ReferenceState;
  /** True until the day it expires. */
  counts: boolean;
  /** "expired on June 1, 2026", "expires on January 10, 2027, before the anniversary"; '' when it simply counts. */
  dateClause: string;
  /** "no longer counts", "may delay the renewal"; '' when it simply counts. */
  consequence: string;
  /** What a person reads about it, naming the customer and the date, in the right tense; '' when it simply counts. */
  note: string;
}

/**
 * @example referenceStanding({ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-01' }, '2027-02-28', '2026-11-25', 2).note
 * // 'Fabrikam reference expires on February 1, 2027, before the anniversary: it may delay the renewal'
 */
export function referenceStanding(
  reference: CustomerReference,
  anniversary: PlainDate,
  today: PlainDate,
  validityYears: number,
): ReferenceStanding {
  const expiresOn = addYears(reference.approvedOn, validityYears);
  const daysToExpiry = daysBetween(today, expiresOn);
  if (daysToExpiry <= 0) {
    const dateClause = daysToExpiry === 0 ? `expired today, ${longDate(expiresOn)}` : `expired on ${longDate(expiresOn)}`;
    return standing(reference, expiresOn, 'expired', dateClause, 'no longer counts');
  }
  if (daysBetween(expiresOn, anniversary) >= 0) {
    const relation = expiresOn === anniversary ? 'the day of the anniversary' : 'before the anniversary';
    return standing(reference, expiresOn, 'may-delay', `expires on ${longDate(expiresOn)}, ${relation}`, 'may delay the renewal');
  }
  return standing(reference, expiresOn, 'counts', '', '');
}

function standing(reference: CustomerReference, expiresOn: PlainDate, state: ReferenceState, dateClause: string, consequence: string): ReferenceStanding {
  const note = state === 'counts' ? '' : `${escapeMarkdown(reference.customer)} reference ${dateClause}: it ${consequence}`;
  return { reference, expiresOn, state, counts: state !== 'expired', dateClause, consequence, note };
}

export interface ReferenceSummary {
  /** References that count today. */
  counting: number;
  /** Notes on counting references that expire by the anniversary: they may delay the renewal. */
  risks: string[];
  /** The expired ones, each "Litware reference expired on June 1, 2026". */
  expired: string[];
  /** "No longer counting: …" naming the first expired ones and how many more, or ''. */
  expiredSentence: string;
}

/**
 * The references of one competency (chosen by `matches`), sorted into what counts, what may delay the renewal and what expired.
 * @example summarizeReferences(org.customerReferences, (id) => id === 'cloud-platform', '2027-02-28', '2026-11-25', 2).counting // 2
 */
export function summarizeReferences(
  references: readonly CustomerReference[],
  matches: (competency: string) => boolean,
  anniversary: PlainDate,
  today: PlainDate,
  validityYears: number,
): ReferenceSummary {
  const standings = references.filter((reference) => matches(reference.competency)).map((reference) => referenceStanding(reference, anniversary, today, validityYears));
  const expired = standings.filter((standing) => standing.state === 'expired').map((standing) => `${escapeMarkdown(standing.reference.customer)} reference ${standing.dateClause}`);
  return {
    counting: standings.filter((standing) => standing.counts).length,
    risks: standings.filter((standing) => standing.state === 'may-delay').map((standing) => standing.note),
    expired,
    expiredSentence: expired.length === 0 ? '' : `No longer counting: ${joinedWithMore(expired, '; ')}.`,
  };
}

/** Guide line 31 in a sentence: two years, unless an operator's catalog says otherwise (then marked to confirm). */
export function referenceRule(data: Pick<CatalogData, 'referenceValidityYears' | 'sources'>): string {
  const years = data.referenceValidityYears;
  const validity = markedValue(`${years === 2 ? 'two' : years} years`, data.sources.referenceValidityYears, 'with the program');
  return `Customer evidence is required for every competency. A customer reference expires ${validity} after it was approved (counted from approval: our reading of the guide) and counts until that day. Check their status in the Partner Membership Center.`;
}
