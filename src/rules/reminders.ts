/**
 * Which proactive reminders are due for an organization on a given day, and when to look again.
 * Pure: the runner stores the result in the ledger, which makes each one go out exactly once.
 *
 * Catch-up without nonsense: of the cycle's phase reminders only the latest that applies is due
 * (two weeks supersedes window-open, expired supersedes both), so a pass after a gap never sends a
 * reminder whose moment has been overtaken.
 */
import { FINISH_BY_DAYS, RENEWAL_WINDOW_DAYS } from './anniversary.js';
import type { Catalog } from './catalog.js';
import { referenceStanding } from './customer-evidence.js';
import { currentAnniversary } from './cycle.js';
import type { Organization } from './organization.js';
import { addDays, daysBetween, type PlainDate } from './plain-date.js';
import { requirementChanges, requirementsSnapshot, type ToldRequirements } from './requirements-snapshot.js';

export const REMINDER_KINDS = ['window-open', 'two-weeks', 'reference-expiring', 'expired', 'requirements-changed'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A date after every real one: nothing is scheduled until the organization or the catalog changes. */
export const NOTHING_SCHEDULED: PlainDate = '9999-12-31';

export interface DueReminder {
  kind: ReminderKind;
  cycle: string;
  subject: string;
  dueOn: PlainDate;
  payload: Record<string, unknown>;
}

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
  toldRequirements: Record<string, unknown>,
  catalog: Catalog,
): ReminderPlan {
  const anniversary = currentAnniversary(org);
  const daysLeft = daysBetween(today, anniversary);
  const reminders: DueReminder[] = [];
  const upcoming: PlainDate[] = [];

  const windowOpens = addDays(anniversary, -RENEWAL_WINDOW_DAYS);
  const finishBy = addDays(anniversary, -FINISH_BY_DAYS);
  const dayAfter = addDays(anniversary, 1);
  const cycle = anniversary;
  if (daysLeft < 0) reminders.push({ kind: 'expired', cycle, subject: '', dueOn: dayAfter, payload: {} });
  else if (daysLeft <= FINISH_BY_DAYS) reminders.push({ kind: 'two-weeks', cycle, subject: '', dueOn: finishBy, payload: {} });
  else if (daysLeft <= RENEWAL_WINDOW_DAYS) reminders.push({ kind: 'window-open', cycle, subject: '', dueOn: windowOpens, payload: {} });
  upcoming.push(windowOpens, finishBy, dayAfter);

  if (daysLeft >= 0) {
    for (const reference of org.customerReferences) {
      const standing = referenceStanding(reference, anniversary, today, catalog.data.referenceValidityYears);
      if (standing.state === 'counts') continue;
      const entersWindow = addDays(standing.expiresOn, -RENEWAL_WINDOW_DAYS);
      if (daysBetween(entersWindow, today) >= 0) {
        reminders.push({
          kind: 'reference-expiring',
          cycle,
          subject: `${reference.competency}|${reference.customer}|${reference.approvedOn}`,
          dueOn: entersWindow,
          payload: { customer: reference.customer, competency: reference.competency, expiresOn: standing.expiresOn },
        });
      } else {
        upcoming.push(entersWindow);
      }
    }
  }

  // Each change the organization has not been told of is numbered after the ones it has: the number
  // keys the ledger entry, so A→B→A→B is three changes, each told once.
  const told: Record<string, ToldRequirements> = {};
  for (const held of org.competencies) {
    const current = requirementsSnapshot(held.id, held.level, catalog);
    if (!current) continue;
    const previous = toldRequirements[held.id] as ToldRequirements | undefined;
    const changes = previous && previous.level === held.level ? requirementChanges(previous, current) : [];
    const changesTold = (previous?.changesTold ?? 0) + (changes.length > 0 ? 1 : 0);
    if (changes.length > 0) {
      reminders.push({
        kind: 'requirements-changed',
        cycle: `change-${changesTold}`,
        subject: held.id,
        dueOn: today,
        payload: { competencyId: held.id, level: held.level, changes },
      });
    }
    told[held.id] = { ...current, changesTold };
  }

  const future = upcoming.filter((date) => daysBetween(today, date) > 0).sort();
  return { reminders, nextReminderOn: future[0] ?? NOTHING_SCHEDULED, toldRequirements: told };
}

/** True while a planned reminder still belongs to the organization's plan for `today`. */
export function stillApplies(reminder: Pick<DueReminder, 'kind' | 'cycle' | 'subject'>, plan: ReminderPlan): boolean {
  if (reminder.kind === 'requirements-changed') return true; // a change once announced stays worth telling
  return plan.reminders.some((due) => due.kind === reminder.kind && due.cycle === reminder.cycle && due.subject === reminder.subject);
}
