/**
 * What a reminder is about within its cycle, and who it is for: the one module that writes and reads
 * a ledger subject. Who it is for is never read from the text: the ledger keeps it in its own
 * `audience` column, so a competency an admin names "personal:x" is still the channel's.
 *
 * Subjects: '' for the cycle itself (window open, two weeks, anniversary passed), a reference's key
 * `<competency>|<customer>|<approved on>`, a competency's change `<competency id>|change-<n>`; a
 * personal copy is `personal:<recipient>|<the channel subject>` (the recipient is part of the key, so
 * each contact's copy goes out once).
 */
import { referenceKey } from '../requirements/customer-evidence.js';
import type { CustomerReference } from '../organization/organization.js';

export const REMINDER_AUDIENCES = ['channel', 'personal'] as const;
/** The team channel's reminder, or the Primary Program Contact's copy in their 1:1 chat. */
export type ReminderAudience = (typeof REMINDER_AUDIENCES)[number];

/** The cycle's own reminders (window open, two weeks, anniversary passed) have no subject. */
export const CYCLE_SUBJECT = '';

/** @example referenceSubject({ competency: 'cloud-platform', customer: 'Fabrikam', approvedOn: '2025-02-10' }) // 'cloud-platform|Fabrikam|2025-02-10' */
export function referenceSubject(reference: Pick<CustomerReference, 'competency' | 'customer' | 'approvedOn'>): string {
  // The reference's identity, as its checklist item is keyed.
  return referenceKey(reference);
}

/** @example requirementsSubject('cloud-platform', 2) // 'cloud-platform|change-2' */
export function requirementsSubject(competencyId: string, change: number): string {
  return `${competencyId}|change-${change}`;
}

/** The competency a requirements-changed subject is about (catalog ids have no '|'). */
export function competencyOfRequirementsSubject(subject: string): string {
  const bar = subject.lastIndexOf('|change-');
  return bar < 0 ? subject : subject.slice(0, bar);
}

const PERSONAL_PREFIX = 'personal:';

/**
 * @example personalSubject('aad-megan', '') // 'personal:aad-megan'
 * @example personalSubject('aad-megan', 'cloud-platform|Fabrikam|2025-02-10') // 'personal:aad-megan|cloud-platform|Fabrikam|2025-02-10'
 */
export function personalSubject(recipient: string, subject: string): string {
  return `${PERSONAL_PREFIX}${recipient}${subject === '' ? '' : `|${subject}`}`;
}

/**
 * The recipient and the channel subject of a personal reminder's subject: only for a row whose
 * audience is `personal` (a channel subject may look the same, and is never read so).
 */
export function parsePersonalSubject(subject: string): { recipient: string; subject: string } | undefined {
  if (!subject.startsWith(PERSONAL_PREFIX)) return undefined;
  const rest = subject.slice(PERSONAL_PREFIX.length);
  // Recipients are directory ids (letters, digits, dashes) or 'unidentified': never a '|'.
  const bar = rest.indexOf('|');
  return bar < 0 ? { recipient: rest, subject: '' } : { recipient: rest.slice(0, bar), subject: rest.slice(bar + 1) };
}
