/**
 * Where an organization stands in its renewal cycle on a given calendar day, and how the anniversary
 * card says it. The stored anniversary is the day the current membership expires, as the partner
 * portal shows it (guide line 4): the card says so, "expires today" on the day and "expired on" after.
 */
import { addDays, daysBetween, longDate, type PlainDate } from '../common/plain-date.js';

/** The renewal window opens this many days before the anniversary. */
export const RENEWAL_WINDOW_DAYS = 90;
/** Finishing the renewal this many days before the anniversary is recommended (guide line 41): not a deadline. */
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

export type Phase = 'planning' | 'renewal-open' | 'final-two-weeks' | 'expired';

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
  expired: 'Membership expired',
};

/** "1 day", "45 days". */
export function dayCount(days: number): string {
  return `${days} ${plural(days, 'day')}`;
}

/** One sentence a person reads first: how far away the anniversary is and what that means. */
export function anniversaryHeadline(status: AnniversaryStatus): string {
  const { daysLeft, phase } = status;
  switch (phase) {
    case 'expired':
      return `Your membership expired on ${longDate(status.anniversary)}, your anniversary date.`;
    case 'final-two-weeks':
      return daysLeft === 0 ? 'Your membership expires today: it is your anniversary date.' : `${dayCount(daysLeft)} left: complete the renewal now.`;
    case 'renewal-open':
      return `${daysLeft} days left: the renewal window is open.`;
    case 'planning':
      return `${daysLeft} days left: the renewal window opens on ${longDate(status.windowOpens)}.`;
  }
}

/** The card's dates, each in the tense of `today`: a date already past reads as past. */
export function anniversaryFacts(status: AnniversaryStatus, todayLabel: string): { title: string; value: string }[] {
  const passed = (date: PlainDate) => status.daysLeft < daysBetween(date, status.anniversary);
  return [
    { title: status.daysLeft < 0 ? 'Membership expired' : 'Membership expires', value: `${longDate(status.anniversary)} (anniversary date)` },
    { title: passed(status.windowOpens) ? 'Renewal window opened' : 'Renewal window opens', value: longDate(status.windowOpens) },
    { title: passed(status.finishBy) ? 'Finishing early was recommended by' : 'Finishing early is recommended by', value: `${longDate(status.finishBy)} (two weeks before)` },
    { title: 'Today', value: todayLabel },
  ];
}

/** What to do next in each phase before the anniversary has passed, in the order a person should do it. */
export function anniversaryNextSteps(status: AnniversaryStatus): string[] {
  switch (status.phase) {
    case 'planning':
      return [
        `Set a reminder in your calendar for ${longDate(status.windowOpens)}, the day the online renewal can start: the calendar file below has it.`,
        'Start early on technical credentials with your technical team: they can take time to complete.',
        'Check your customer references in the Partner Membership Center: they expire after two years.',
      ];
    case 'renewal-open':
      return [
        'Start the online renewal in the Partner Membership Center, using the online competency renewal guide: it is open from 90 days before the anniversary.',
        'Review the requirements of each competency you hold and the notifications in the Partner Membership Center.',
        'Schedule technical assessments and exams, and budget for any applicable competency or exam fees.',
        `Finishing by ${longDate(status.finishBy)}, two weeks before the anniversary, is recommended.`,
        "You can also set a reminder for next year's renewal now: the calendar file below has both years.",
      ];
    case 'final-two-weeks':
      return [
        status.daysLeft === 0 ? 'Complete the online renewal today.' : 'Complete the online renewal now, so there is time to handle anything unexpected.',
        'Renew your internal use license keys.',
        'Once you are done, say "mark renewal done": the bot\'s reminders move to next year. Update your own calendar reminder for next year too.',
      ];
    case 'expired':
      return [];
  }
}

export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
