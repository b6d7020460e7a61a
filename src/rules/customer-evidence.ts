/**
 * Customer references: each is valid for the catalog's validity period (two years) after approval,
 * and one that has expired, or expires on or before the anniversary, cannot count for the renewal.
 */
import { addYears, daysBetween, longDate, type PlainDate } from './plain-date.js';
import type { CustomerReference } from './organization.js';
import { escapeMarkdown } from './markdown.js';

export interface ReferenceStanding {
  reference: CustomerReference;
  expiresOn: PlainDate;
  /** True when it is still valid on the day after the anniversary. */
  countsForRenewal: boolean;
  /** Why it does not count, naming the customer; empty when it counts. */
  blocker: string;
}

/**
 * @example referenceStanding({ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-01' }, '2027-02-28', '2026-11-25', 2).blocker
 * // 'Fabrikam reference expires on February 1, 2027, before the anniversary'
 */
export function referenceStanding(
  reference: CustomerReference,
  anniversary: PlainDate,
  today: PlainDate,
  validityYears: number,
): ReferenceStanding {
  const expiresOn = addYears(reference.approvedOn, validityYears);
  const countsForRenewal = daysBetween(anniversary, expiresOn) > 0;
  let blocker = '';
  if (!countsForRenewal) {
    const customer = escapeMarkdown(reference.customer); // the blocker is card text
    blocker =
      daysBetween(today, expiresOn) < 0
        ? `${customer} reference expired on ${longDate(expiresOn)}`
        : `${customer} reference expires on ${longDate(expiresOn)}, ${
            expiresOn === anniversary ? 'the day of' : 'before'
          } the anniversary`;
  }
  return { reference, expiresOn, countsForRenewal, blocker };
}
