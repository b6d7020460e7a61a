/** The two calendar reminders of the renewal guidance and the checklist that comes with each. */

export interface ChecklistItemTemplate {
  id: string;
  text: string;
}

/** 90 days before the anniversary: start the renewal. */
export const WINDOW_OPEN_CHECKLIST: readonly ChecklistItemTemplate[] = [
  { id: 'review-requirements', text: 'Review the requirements of each competency you hold' },
  { id: 'review-notifications', text: 'Review the notifications in the Partner Membership Center' },
  { id: 'schedule-exams', text: 'Schedule time for the technical assessments and exams' },
  { id: 'budget-fees', text: 'Budget for the competency fees and exam fees' },
];

/** 2 weeks before the anniversary: complete the renewal. */
export const TWO_WEEKS_CHECKLIST: readonly ChecklistItemTemplate[] = [
  { id: 'finish-renewal', text: 'Finish the online renewal early, leaving time for anything unexpected' },
  { id: 'renew-license-keys', text: 'Renew the internal use license keys' },
  { id: 'move-reminder', text: 'Move the reminder to next year' },
];
