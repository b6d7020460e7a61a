/**
 * Where an organization stands in its renewal cycle on a given calendar day.
 * The stored anniversary is the day the current membership expires, as the partner portal shows it.
 */
import { addDays, daysBetween, longDate, type PlainDate } from './plain-date.js';
import type { Phase } from './view-models.js';

/** The renewal window opens this many days before the anniversary. */
export const RENEWAL_WINDOW_DAYS = 90;
/** The renewal should be complete this many days before the anniversary. */
export const FINISH_BY_DAYS = 14;

export interface AnniversaryStatus {
  anniversary: PlainDate;
  phase: Phase;
  /** Days from today to the anniversary; 0 on the day itself, negative once it has passed. */
  daysLeft: number;
  /** Days since the anniversary when expired, otherwise 0. */
  daysOverdue: number;
  windowOpens: PlainDate;
  finishBy: PlainDate;
}

/**
 * @example anniversaryStatus('2027-02-28', '2026-11-30').phase // 'renewal-open' (90 days left)
 */
export function anniversaryStatus(anniversary: PlainDate, today: PlainDate): AnniversaryStatus {
  const daysLeft = daysBetween(today, anniversary);
  return {
    anniversary,
    phase: phaseFor(daysLeft),
    daysLeft,
    daysOverdue: daysLeft < 0 ? -daysLeft : 0,
    windowOpens: addDays(anniversary, -RENEWAL_WINDOW_DAYS),
    finishBy: addDays(anniversary, -FINISH_BY_DAYS),
  };
}

/** Exactly 90 days left is renewal-open, exactly 14 is final-two-weeks, the day itself is not expired. */
export function phaseFor(daysLeft: number): Phase {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= FINISH_BY_DAYS) return 'final-two-weeks';
  if (daysLeft <= RENEWAL_WINDOW_DAYS) return 'renewal-open';
  return 'planning';
}

export const PHASE_LABELS: Record<Phase, string> = {
  planning: 'Planning',
  'renewal-open': 'Renewal window open',
  'final-two-weeks': 'Final two weeks',
  expired: 'Anniversary passed',
};

/** One sentence a person reads first: how far away the anniversary is and what that means. */
export function anniversaryHeadline(status: AnniversaryStatus): string {
  const { daysLeft, daysOverdue, phase } = status;
  switch (phase) {
    case 'expired':
      return `Your anniversary was ${daysOverdue} ${plural(daysOverdue, 'day')} ago, on ${longDate(status.anniversary)}.`;
    case 'final-two-weeks':
      return daysLeft === 0
        ? 'Your anniversary is today.'
        : `${daysLeft} ${plural(daysLeft, 'day')} left: complete the renewal now.`;
    case 'renewal-open':
      return `${daysLeft} days left: the renewal window is open.`;
    case 'planning':
      return `${daysLeft} days left: the renewal window opens on ${longDate(status.windowOpens)}.`;
  }
}

/**
 * What to do next in each phase, in the order a person should do it. `nextAnniversary` is the one
 * after this cycle's (from `cycle.ts`), where the reminders move once the renewal is marked done.
 */
export function anniversaryNextSteps(status: AnniversaryStatus, nextAnniversary: PlainDate): string[] {
  switch (status.phase) {
    case 'planning':
      return [
        `Put a reminder in your calendar for ${longDate(status.windowOpens)}, the day the online renewal can start.`,
        'Use the time to plan technical exams and customer references: both take time.',
      ];
    case 'renewal-open':
      return [
        'Start the online renewal in the Partner Membership Center, using the online competency renewal guide: it is open from 90 days before the anniversary.',
        'Review the requirements of each competency you hold and the notifications in the Partner Membership Center.',
        'Schedule technical assessments and exams, and budget for competency and exam fees.',
        `Aim to finish by ${longDate(status.finishBy)}, two weeks before the anniversary.`,
      ];
    case 'final-two-weeks':
      return [
        'Complete the online renewal now, so there is time to handle anything unexpected.',
        'Renew your internal use license keys.',
        'Once you are done, move your reminder to next year.',
      ];
    case 'expired':
      return [
        'Renew in the Partner Membership Center as soon as possible, or contact support if you cannot.',
        `If you have already renewed, an admin or the Primary Program Contact can say "mark renewal done": the reminders then move to the next anniversary, ${longDate(nextAnniversary)}.`,
      ];
  }
}

export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
