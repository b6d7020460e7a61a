/**
 * Reminders already posted in the channel are updated in place rather than left as they were: a
 * newer reminder on the same topic turns the earlier one into a one-line "superseded" note, and
 * recording the renewal turns the reminders still showing into a one-line "recorded" note. Pure:
 * which message an event touches, and what the one-liner says.
 */
import { longDate, type PlainDate } from '../common/plain-date.js';
import { escapeMarkdown } from '../common/markdown.js';
import type { ReminderKind } from './payloads.js';
import { competencyOfRequirementsSubject } from './subject.js';
import type { RenewalOutcome } from '../cycle/renewal-answer.js';

/** A reminder message as the channel shows it: what it was about and when it went out. */
export interface PostedReminder {
  kind: ReminderKind;
  subject: string;
}

/**
 * The topic a reminder speaks to: the cycle's phase (window open, two weeks left, anniversary passed),
 * one customer reference, or one competency's requirements. A newer reminder supersedes only earlier
 * ones of its own topic: a reference expiring does not make "two weeks left" any less true.
 */
export function reminderTopic(reminder: PostedReminder): string {
  switch (reminder.kind) {
    case 'window-open':
    case 'two-weeks':
    case 'expired':
      return 'phase';
    case 'reference-expiring':
      return `reference:${reminder.subject}`;
    case 'requirements-changed':
      // Every change of one competency is one topic.
      return `requirements:${competencyOfRequirementsSubject(reminder.subject)}`;
  }
}

/** @example supersedes({ kind: 'two-weeks', subject: '' }, { kind: 'window-open', subject: '' }) // true */
export function supersedes(later: PostedReminder, earlier: PostedReminder): boolean {
  return reminderTopic(later) === reminderTopic(earlier);
}

/** What each kind of reminder was about, in a few words, for the one-liners. */
const REMINDER_SUBJECTS: Record<ReminderKind, string> = {
  'window-open': 'the renewal window is open',
  'two-weeks': 'complete the renewal now',
  'reference-expiring': 'a customer reference expires',
  expired: 'the anniversary has passed',
  'requirements-changed': 'competency requirements changed',
};

/** The one-line card view that replaces a posted reminder. */
export interface MessageNoteView {
  text: string;
}

/**
 * The note a superseded reminder becomes, pointing to the one that replaced it (posted below it).
 * @example supersededView({ kind: 'window-open', subject: '' }, '2026-11-30', { kind: 'two-weeks', subject: '' }, '2027-02-14').text
 * // 'Superseded: the reminder of November 30, 2026 (the renewal window is open) is replaced by the one of February 14, 2027 below (complete the renewal now).'
 */
export function supersededView(earlier: PostedReminder, postedOn: PlainDate, latest: PostedReminder, latestPostedOn: PlainDate): MessageNoteView {
  return {
    text: `Superseded: the reminder of ${longDate(postedOn)} (${REMINDER_SUBJECTS[earlier.kind]}) is replaced by the one of ${longDate(latestPostedOn)} below (${REMINDER_SUBJECTS[latest.kind]}).`,
  };
}

/**
 * The note a reminder becomes once the renewal it asked for is recorded, saying who recorded it and when.
 * @example recordedView({ anniversary: '2027-02-28', byName: 'Megan Bowen', on: '2027-02-20' }).text
 * // 'Renewal recorded: Megan Bowen marked the renewal for the February 28, 2027 anniversary done on February 20, 2027. Reminders now follow the next anniversary.'
 */
export function recordedView(recorded: { anniversary: PlainDate; byName: string; on: PlainDate; outcome?: RenewalOutcome }): MessageNoteView {
  const byName = escapeMarkdown(recorded.byName);
  if (recorded.outcome === 'not-renewed') {
    return {
      text: `Not renewed: ${byName} said on ${longDate(recorded.on)} that the membership was not renewed for the ${longDate(recorded.anniversary)} anniversary. The bot sends no more reminders until a new anniversary date is set.`,
    };
  }
  return {
    text: `Renewal recorded: ${byName} marked the renewal for the ${longDate(recorded.anniversary)} anniversary done on ${longDate(recorded.on)}. Reminders now follow the next anniversary.`,
  };
}
