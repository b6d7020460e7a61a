/** The organization's current renewal cycle, identified by its anniversary. */
import type { Organization } from './organization.js';
import { parts, sameDayInYear, type PlainDate } from './plain-date.js';

/**
 * @example currentAnniversary({ anniversaryDate: '2028-02-29', renewedCycles: 1 }) // '2029-02-28'
 * @example currentAnniversary({ anniversaryDate: '2028-02-29', renewedCycles: 4 }) // '2032-02-29'
 */
export function currentAnniversary(org: Pick<Organization, 'anniversaryDate' | 'renewedCycles'>): PlainDate {
  return sameDayInYear(org.anniversaryDate, parts(org.anniversaryDate).year + (org.renewedCycles ?? 0));
}
