/**
 * Which proactive reminders are due for an organization on a given day, and when to look again.
 * Pure: the runner stores the result in the ledger, which makes each one go out exactly once.
 *
 * Catch-up without nonsense: of the cycle's phase reminders only the latest that applies is due
 * (two weeks supersedes window-open, expired supersedes both), so a pass after a gap never sends a
 * reminder whose moment has been overtaken.
 */
import { RENEWAL_WINDOW_DAYS, type Phase } from '../cycle/anniversary.js';
import type { Catalog } from '../catalog/catalog.js';
import { referenceStanding } from '../requirements/customer-evidence.js';
import { cycleOn } from '../cycle/cycle.js';
import type { CustomerReference, Organization } from '../organization/organization.js';
import { addDays, daysBetween, type PlainDate } from '../common/plain-date.js';
import type { KindAndPayload } from './payloads.js';
import { CYCLE_SUBJECT, referenceSubject, requirementsSubject, type ReminderAudience } from './subject.js';
import { requirementChanges, requirementsSnapshot, type ToldRequirements } from '../requirements/snapshot.js';

export { REMINDER_KINDS, type ReminderKind } from './payloads.js';

/** The reminder each phase of the cycle sends, with the same thresholds as phaseFor (cycle/anniversary.ts). */
export const PHASE_REMINDERS: Record<Phase, 'window-open' | 'two-weeks' | 'expired' | undefined> = {
  planning: undefined,
  'renewal-open': 'window-open',
  'final-two-weeks': 'two-weeks',
  expired: 'expired',
};

/** A date after every real one: nothing is scheduled until the organization or the catalog changes. */
export const NOTHING_SCHEDULED: PlainDate = '9999-12-31';

/** A reminder the plan says is due: its cycle is always the anniversary of the cycle it belongs to. */
export type DueReminder = KindAndPayload & {
  cycle: PlainDate;
  /** What it is about within the cycle (reminders/subject.ts). */
  subject: string;
  /** The team channel's, or the contact's personal copy: a column of the ledger, never read from the subject. */
  audience: ReminderAudience;
  dueOn: PlainDate;
};

export interface ReminderPlan {
  reminders: DueReminder[];
  /** The next day something may become due; planning can skip the organization until then. */
  nextReminderOn: PlainDate;
  /** What the organization now has been told about each competency it holds. */
  toldRequirements: Record<string, ToldRequirements>;
}

/**
 * @example planReminders(org, '2026-11-30', {}, catalog).reminders[0].kind // 'window-open' (90 days before 2027-02-28)
 */
export function planReminders(
  org: Organization,
  today: PlainDate,
  toldRequirements: Record<string, ToldRequirements>,
  catalog: Catalog,
): ReminderPlan {
  const status = cycleOn(org, today);
  // "We did not renew": nothing more for this cycle, and nothing scheduled until the profile changes.
  if (status.standing === 'not-renewed') return { reminders: [], nextReminderOn: NOTHING_SCHEDULED, toldRequirements };
  const cycle = status.anniversary;
  const reminders: DueReminder[] = [];
  const dayAfter = addDays(cycle, 1);
  const dueOn = { 'window-open': status.windowOpens, 'two-weeks': status.finishBy, expired: dayAfter };
  // The day the unanswered cycle rolls over is a planning day too: the next cycle's dates start from it.
  const upcoming: PlainDate[] = [status.windowOpens, status.finishBy, dayAfter, status.assumedRenewedOn];

  const phaseReminder = PHASE_REMINDERS[status.phase];
  if (phaseReminder) reminders.push({ kind: phaseReminder, cycle, subject: CYCLE_SUBJECT, audience: 'channel', dueOn: dueOn[phaseReminder], payload: {} });

  if (status.daysLeft >= 0) {
    for (const reference of org.customerReferences) {
      const due = referenceReminderDue(reference, cycle, today, catalog);
      if (due === undefined) continue;
      if (due.entersWindow > today) upcoming.push(due.entersWindow);
      else {
        reminders.push({
          kind: 'reference-expiring',
          cycle,
          subject: referenceSubject(reference),
          audience: 'channel',
          dueOn: due.entersWindow,
          payload: { customer: reference.customer, competency: reference.competency, expiresOn: due.expiresOn },
        });
      }
    }
  }

  // Each change the organization has not been told of is numbered after the ones it has: the number
  // keys the ledger entry, so A→B→A→B is three changes, each told once.
  const told: Record<string, ToldRequirements> = {};
  for (const held of org.competencies) {
    const current = requirementsSnapshot(held.id, held.level, catalog);
    if (!current) continue;
    const previous = toldRequirements[held.id];
    const changes = previous && previous.level === held.level ? requirementChanges(previous, current) : [];
    const changesTold = (previous?.changesTold ?? 0) + (changes.length > 0 ? 1 : 0);
    if (changes.length > 0) {
      reminders.push({
        kind: 'requirements-changed',
        cycle,
        subject: requirementsSubject(held.id, changesTold),
        audience: 'channel',
        dueOn: today,
        payload: { competencyId: held.id, level: held.level, changes },
      });
    }
    told[held.id] = { ...current, changesTold };
  }

  const future = upcoming.filter((date) => daysBetween(today, date) > 0).sort();
  return { reminders, nextReminderOn: future[0] ?? NOTHING_SCHEDULED, toldRequirements: told };
}

/**
 * A reference that will not count through the anniversary gets a reminder from 90 days before it
 * expires; undefined for one that counts through it (the same rule the planner and delivery use).
 */
export function referenceReminderDue(
  reference: CustomerReference,
  anniversary: PlainDate,
  today: PlainDate,
  catalog: Catalog,
): { entersWindow: PlainDate; expiresOn: PlainDate } | undefined {
  const standing = referenceStanding(reference, anniversary, today, catalog.data.referenceValidityYears);
  if (standing.state === 'counts') return undefined;
  return { entersWindow: addDays(standing.expiresOn, -RENEWAL_WINDOW_DAYS), expiresOn: standing.expiresOn };
}
