/**
 * What the Primary Program Contact reads first on their contact card, by where the cycle stands: before
 * the window when it opens (guide line 6), in it to start now (line 5), in the last two weeks to
 * complete it (line 41), and after the anniversary whether it was renewed (the standing note).
 */
import { dayCount } from '../cycle/anniversary.js';
import type { CycleStatus } from '../cycle/cycle.js';
import { longDate } from '../common/plain-date.js';
import { standingNote } from '../cycle/renewal-standing.js';
import { SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';

export interface ContactMoment {
  step: string;
  suggestions: Suggestion[];
}

/** @example contactMoment(cycleOn(org, '2026-11-25')).step // 'The renewal window opens on November 30, 2026, …' */
export function contactMoment(status: CycleStatus): ContactMoment {
  const moment = phaseMoment(status);
  // After the anniversary, or once the bot assumed last year's renewal: whether it was renewed comes first.
  const note = standingNote(status);
  if (!note.text) return moment;
  return { step: `${moment.step} ${note.text}`.trim(), suggestions: note.suggestions };
}

function phaseMoment(status: CycleStatus): ContactMoment {
  const anniversary = longDate(status.anniversary);
  switch (status.phase) {
    case 'planning':
      return {
        step: `The renewal window opens on ${longDate(status.windowOpens)}, 90 days before your anniversary on ${anniversary}: you can start the online renewal in the Partner Membership Center then. Set a reminder for that day: the calendar file has it.`,
        suggestions: [SUGGESTIONS.calendarFile, SUGGESTIONS.requirements],
      };
    case 'renewal-open':
      return {
        step: `The renewal window is open, ${dayCount(status.daysLeft)} before your anniversary on ${anniversary}: start the online renewal now in the Partner Membership Center. Finishing by ${longDate(status.finishBy)}, two weeks before, is recommended.`,
        suggestions: [SUGGESTIONS.requirements, SUGGESTIONS.checklist],
      };
    case 'final-two-weeks':
      return {
        step:
          status.daysLeft === 0
            ? `Your membership expires today, ${anniversary}: complete the online renewal today.`
            : `${dayCount(status.daysLeft)} left before your anniversary on ${anniversary}: complete the online renewal now, so there is time for anything unexpected.`,
        suggestions: [SUGGESTIONS.checklist, SUGGESTIONS.support],
      };
    case 'expired':
      return { step: `Your membership expired on ${anniversary}.`, suggestions: [SUGGESTIONS.support] };
  }
}
