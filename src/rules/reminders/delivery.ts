/**
 * The one decision a reminder runner makes about a claimed reminder: send it (with the card's view)
 * or skip it, and why. Pure: the organization, the reminder and the days are given.
 */
import type { Catalog } from '../catalog/catalog.js';
import { referenceSubject, type ReminderAudience } from './subject.js';
import { cycleOn } from '../cycle/cycle.js';
import type { Organization } from '../organization/organization.js';
import { isPlainDate, type PlainDate } from '../common/plain-date.js';
import { kindAndPayload } from './payloads.js';
import { reminderView, type ReminderView } from './view.js';
import { PHASE_REMINDERS, referenceReminderDue } from './plan.js';

export interface ClaimedReminderFacts {
  kind: string;
  cycle: string;
  subject: string;
  /** Only a personal reminder's decision reads it (reminders/personal.ts). */
  audience?: ReminderAudience;
  payload: unknown;
}

export interface DeliveryDays {
  /** The day the organization's reminders have reached (its local hour passed): what the plan used. */
  planningDay: PlainDate;
  /**
   * The calendar day the card goes out, in the organization's zone: the one day its phase, its days
   * and its words come from. A reminder planned yesterday and sent after midnight is checked against
   * today: past the anniversary, "two weeks" is superseded rather than sent as "-1 days left".
   */
  sendDay: PlainDate;
}

export type DeliveryDecision = { send: ReminderView } | { skip: string };

/**
 * @example deliveryDecision(org, { kind: 'window-open', cycle: '2027-02-28', subject: '', payload: {} }, { planningDay: '2026-12-20', sendDay: '2026-12-20' }, catalog)
 * // { send: { title: 'The renewal window is open', … } }
 */
export function deliveryDecision(org: Organization, reminder: ClaimedReminderFacts, days: DeliveryDays, catalog: Catalog, options: { contactNote?: string } = {}): DeliveryDecision {
  const typed = kindAndPayload(reminder.kind, reminder.payload);
  if (!typed) return { skip: 'the stored reminder does not match its kind' };
  const status = cycleOn(org, days.sendDay);
  // Rows planned before December 2026 named a requirement change's cycle `req-<hash>`: they belong to the current cycle.
  const anniversary = isPlainDate(reminder.cycle) ? reminder.cycle : status.anniversary;
  // The card is built only once the reminder is known to go out.
  const card = () => ({ send: reminderView({ ...typed, organizationName: org.name, anniversary, today: days.sendDay, contactNote: options.contactNote, cycle: status }, catalog) });
  // "We did not renew": the cycle's reminders stop, whatever was planned before the answer.
  if (status.standing === 'not-renewed' && typed.kind !== 'requirements-changed') return { skip: 'the team said the membership was not renewed' };
  switch (typed.kind) {
    case 'requirements-changed':
      return card(); // a change once announced stays worth telling
    case 'reference-expiring': {
      const reference = org.customerReferences.find((candidate) => referenceSubject(candidate) === reminder.subject);
      if (reminder.cycle !== status.anniversary || status.daysLeft < 0) return { skip: 'superseded: its moment in the cycle has passed' };
      if (!reference) return { skip: 'the customer reference is no longer in the profile' };
      const due = referenceReminderDue(reference, status.anniversary, days.sendDay, catalog);
      return due && due.entersWindow <= days.sendDay ? card() : { skip: 'the customer reference no longer expires before the anniversary' };
    }
    default:
      return reminder.cycle === status.anniversary && PHASE_REMINDERS[status.phase] === typed.kind ? card() : { skip: 'superseded: its moment in the cycle has passed' };
  }
}
