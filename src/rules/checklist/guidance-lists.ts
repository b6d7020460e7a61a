/** The two calendar reminders of the renewal guidance and the checklist that comes with each. */
import { ASSUME_RENEWED_AFTER_DAYS } from '../cycle/cycle.js';
import { GRACE_IS_OURS } from '../cycle/renewal-standing.js';

export interface ChecklistItemTemplate {
  id: string;
  text: string;
  /** Shown under the item once it is ticked: what ticking it does not do, and what does. */
  tickedNote?: string;
}

/** 90 days before the anniversary: start the renewal. */
export const WINDOW_OPEN_CHECKLIST: readonly ChecklistItemTemplate[] = [
  { id: 'review-requirements', text: 'Review the requirements of each competency you hold' },
  { id: 'review-notifications', text: 'Review the notifications in the Partner Membership Center' },
  { id: 'schedule-exams', text: 'Schedule time for the technical assessments and exams' },
  { id: 'budget-fees', text: 'Budget ahead for any applicable competency fees or exam fees' },
];

/** 2 weeks before the anniversary: complete the renewal. */
export const TWO_WEEKS_CHECKLIST: readonly ChecklistItemTemplate[] = [
  { id: 'finish-renewal', text: 'Finish the online renewal early, leaving time for anything unexpected' },
  { id: 'renew-license-keys', text: 'Renew the internal use license keys' },
  {
    id: 'move-reminder',
    text: 'Move your calendar reminder to next year',
    tickedNote:
      'Ticking this moves nothing by itself: the calendar file has next year\'s reminders for your calendar. ' +
      `The bot's own reminders move to next year when someone answers "We renewed", or by themselves ${ASSUME_RENEWED_AFTER_DAYS} days after the anniversary. ${GRACE_IS_OURS}.`,
  },
];
