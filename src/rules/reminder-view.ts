/** The card a reminder posts to the team channel, worded per kind. */
import type { Catalog } from './catalog.js';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST } from './checklists.js';
import { longDate, type PlainDate } from './plain-date.js';
import type { ReminderKind } from './reminders.js';
import { SUGGESTIONS } from './suggestions.js';
import type { ReminderView, Suggestion } from './view-models.js';
import { escapeMarkdown } from './markdown.js';

const CHECKLIST: Suggestion = { title: 'Open the checklist', text: 'checklist' };
const MARK_RENEWED: Suggestion = { title: 'We renewed', text: 'mark renewal done' };

export interface ReminderCardInput {
  kind: ReminderKind;
  organizationName: string;
  /** The anniversary of the reminder's cycle. */
  anniversary: PlainDate;
  payload: Record<string, unknown>;
}

/**
 * @example reminderView({ kind: 'window-open', organizationName: 'Contoso', anniversary: '2027-02-28', payload: {} }, catalog).title
 * // 'The renewal window is open'
 */
export function reminderView(input: ReminderCardInput, catalog: Catalog): ReminderView {
  const { anniversary, payload } = input;
  const organizationName = escapeMarkdown(input.organizationName);
  const anniversaryLabel = longDate(anniversary);
  const base = { organizationName, anniversaryLabel: `Anniversary: ${anniversaryLabel}` };
  switch (input.kind) {
    case 'window-open':
      return {
        ...base,
        title: 'The renewal window is open',
        style: 'warning',
        message: `${organizationName}'s membership anniversary is ${anniversaryLabel}, 90 days from today. The online renewal in the Partner Membership Center can start now.`,
        checklistTitle: '90-day checklist',
        checklist: WINDOW_OPEN_CHECKLIST.map((item) => item.text),
        suggestions: [CHECKLIST, SUGGESTIONS.requirements, SUGGESTIONS.contact],
      };
    case 'two-weeks':
      return {
        ...base,
        title: 'Two weeks left: complete the renewal now',
        style: 'attention',
        message: `The anniversary is ${anniversaryLabel}. Finish the online renewal now, so there is time for anything unexpected.`,
        checklistTitle: '2-week checklist',
        checklist: TWO_WEEKS_CHECKLIST.map((item) => item.text),
        suggestions: [CHECKLIST, SUGGESTIONS.requirements, SUGGESTIONS.support],
      };
    case 'reference-expiring': {
      const competency = catalog.competency(String(payload.competency))?.name ?? String(payload.competency);
      return {
        ...base,
        title: 'A customer reference expires before your anniversary',
        style: 'warning',
        message: `The ${escapeMarkdown(String(payload.customer))} reference for ${competency} expires on ${longDate(String(payload.expiresOn))}, before the anniversary on ${anniversaryLabel}. An expiring reference can delay the renewal even when everything else is met: identify a new one now.`,
        checklistTitle: '',
        checklist: [],
        suggestions: [{ title: `${competency} requirements`, text: `requirements for ${competency}` }, CHECKLIST],
      };
    }
    case 'expired':
      return {
        ...base,
        title: 'Your anniversary has passed',
        style: 'attention',
        message: `The membership anniversary was ${anniversaryLabel}. If you have not renewed yet, renew in the Partner Membership Center now or contact support. If you have renewed, an admin can say "mark renewal done" to move the reminders to next year.`,
        checklistTitle: '',
        checklist: [],
        suggestions: [MARK_RENEWED, SUGGESTIONS.support],
      };
    case 'requirements-changed': {
      const competency = catalog.competency(String(payload.competencyId))?.name ?? String(payload.competencyId);
      const level = payload.level === 'gold' ? 'Gold' : 'Silver';
      return {
        ...base,
        title: `${competency} requirements changed`,
        style: 'warning',
        message: `The requirements of ${competency} (${level}), which ${organizationName} holds, are not what they were when we last told you about them. What changed:`,
        checklistTitle: '',
        checklist: Array.isArray(payload.changes) ? payload.changes.map(String) : [],
        suggestions: [{ title: `${competency} requirements`, text: `requirements for ${competency} ${level.toLowerCase()}` }],
      };
    }
  }
}
