/**
 * The card a reminder posts to the team channel, worded per kind. Every reminder states the days
 * left as they are on the day it is sent (a late, catch-up reminder included), in the organization's
 * time zone, and a date already past in the past tense.
 */
import { plural } from '../cycle/anniversary.js';
import { cycleOn, type CycleStatus } from '../cycle/cycle.js';
import { standingNote } from '../cycle/renewal-standing.js';
import type { Catalog } from '../catalog/catalog.js';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST } from '../checklist/guidance-lists.js';
import { daysBetween, longDate, type PlainDate } from '../common/plain-date.js';
import type { KindAndPayload, ReminderPayload } from './payloads.js';
import { SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import { markedValue } from '../common/value-source.js';
import { escapeMarkdown } from '../common/markdown.js';

const CHECKLIST = SUGGESTIONS.checklist;

export type ReminderCardInput = KindAndPayload & {
  organizationName: string;
  /** The anniversary of the reminder's cycle. */
  anniversary: PlainDate;
  /** The day the card is sent, in the organization's time zone. */
  today: PlainDate;
  /** A line saying the Primary Program Contact could not be reached personally (reminders/personal.ts). */
  contactNote?: string;
  /** The cycle on `today` (cycle/cycle.ts), for the anniversary-passed question; without it, one counted from `anniversary` alone. */
  cycle?: Pick<CycleStatus, 'next' | 'assumedRenewedOn'>;
};

/** "90 days from today", "1 day from today", "today". */
function fromToday(days: number): string {
  return days === 0 ? 'today' : `${days} ${plural(days, 'day')} from today`;
}

/**
 * A reminder (cards/reminder.json): posted in the team channel, or brought to the Primary Program
 * Contact in their 1:1 chat, where it also has the personal part (reminders/personal-view.ts).
 */
export interface ReminderView extends Partial<PersonalReminderPart> {
  organizationName: string;
  title: string;
  /** Accent colour of the title: 'warning' or 'attention'. */
  style: 'warning' | 'attention';
  message: string;
  anniversaryLabel: string;
  /** Empty when the reminder has no checklist (and on the personal two-week reminder, which lists what is open instead). */
  checklistTitle: string;
  checklist: string[];
  /** Says the Primary Program Contact could not be reached personally; '' when nothing is known against it (always, in their own chat). */
  contactNote: string;
  suggestions: Suggestion[];
}

/** What a reminder in the Primary Program Contact's 1:1 chat adds to the channel's. */
export interface PersonalReminderPart {
  /** Who it is for and why: the contact, by name. */
  addressedTo: string;
  /** Two weeks before: the checklist items not ticked yet. */
  openItemsTitle: string;
  openItems: string[];
  /** Two weeks before: the blockers the requirements still show. */
  blockersTitle: string;
  blockers: string[];
  /** Two weeks before, with nothing open and nothing blocking: what is left to do. */
  allDone: string;
  /** How to stop (and restart) personal reminders. */
  stopNote: string;
}

/**
 * @example reminderView({ kind: 'window-open', organizationName: 'Contoso', anniversary: '2027-02-28', today: '2026-11-30', payload: {} }, catalog).message
 * // "Contoso's membership anniversary is February 28, 2027, 90 days from today. …"
 */
export function reminderView(input: ReminderCardInput, catalog: Catalog): ReminderView {
  const { anniversary, today } = input;
  const organizationName = escapeMarkdown(input.organizationName);
  const anniversaryLabel = longDate(anniversary);
  const daysLeft = daysBetween(today, anniversary);
  const base = { organizationName, anniversaryLabel: `Anniversary: ${anniversaryLabel}`, contactNote: input.contactNote ?? '' };
  switch (input.kind) {
    case 'window-open':
      return {
        ...base,
        title: 'The renewal window is open',
        style: 'warning',
        message: `${organizationName}'s membership anniversary is ${anniversaryLabel}, ${fromToday(daysLeft)}. The online renewal in the Partner Membership Center can start now: it opens 90 days before the anniversary.`,
        checklistTitle: '90-day checklist',
        checklist: WINDOW_OPEN_CHECKLIST.map((item) => item.text),
        suggestions: [CHECKLIST, SUGGESTIONS.requirements, SUGGESTIONS.contact],
      };
    case 'two-weeks':
      return {
        ...base,
        title: twoWeeksTitle(daysLeft),
        style: 'attention',
        message:
          daysLeft === 0
            ? `Today, ${anniversaryLabel}, is the anniversary: the day the membership expires. Complete the online renewal today if it is not done yet.`
            : `The anniversary, the day the membership expires, is ${anniversaryLabel}, ${fromToday(daysLeft)}. Finishing the online renewal now is recommended, so there is time for anything unexpected.`,
        checklistTitle: '2-week checklist',
        checklist: TWO_WEEKS_CHECKLIST.map((item) => item.text),
        suggestions: [CHECKLIST, SUGGESTIONS.requirements, SUGGESTIONS.support],
      };
    case 'reference-expiring':
      return { ...base, ...referenceReminder(input.payload, anniversary, today, catalog, daysLeft) };
    case 'expired': {
      // Without the organization's cycle, the one rule of cycle/cycle.ts applied to the reminder's anniversary alone.
      const cycle = input.cycle ?? cycleOn({ anniversaryDate: anniversary, renewedCycles: 0 }, anniversary);
      const asking = standingNote({ standing: 'asking', anniversary, next: cycle.next, assumedRenewedOn: cycle.assumedRenewedOn });
      return {
        ...base,
        title: `The membership expired on ${anniversaryLabel}`,
        style: 'attention',
        message: `${organizationName}'s anniversary, the day the membership expires, was ${anniversaryLabel}. ${asking.text}`,
        checklistTitle: '',
        checklist: [],
        suggestions: [...asking.suggestions, SUGGESTIONS.support],
      };
    }
    case 'requirements-changed': {
      const { payload } = input;
      const competency = catalog.competency(payload.competencyId)?.name ?? escapeMarkdown(payload.competencyId);
      const level = payload.level === 'gold' ? 'Gold' : 'Silver';
      const where = `on the ${competency} competency page, Requirements → ${level}`;
      return {
        ...base,
        title: `${competency} requirements changed in this bot's catalog`,
        style: 'warning',
        message: `This bot's catalog values for ${competency} (${level}), which ${organizationName} holds, are not what they were when we last told you about them. The renewal guide gives none of these values: confirm each ${where}. Microsoft itself emails you and posts a notification in the Partner Membership Center when a competency you hold changes its requirements or benefits. What changed:`,
        checklistTitle: '',
        checklist: payload.changes.map((change) => markedValue(change, 'to-confirm', '')),
        suggestions: [{ title: `${competency} requirements`, data: { ask: 'requirements', competencyId: payload.competencyId, level: payload.level } }],
      };
    }
  }
}

/** A catalog competency's own requirements; one outside the catalog is shown among all of them, as typed. */
function competencyRequirements(name: string, competencyId: string, catalog: Catalog): Suggestion {
  return { title: `${name} requirements`, data: catalog.competency(competencyId) ? { ask: 'requirements', competencyId } : { ask: 'requirements' } };
}

function twoWeeksTitle(daysLeft: number): string {
  if (daysLeft === 14) return 'Two weeks left: complete the renewal now';
  if (daysLeft === 0) return 'Your membership expires today';
  return `${daysLeft} ${plural(daysLeft, 'day')} left: complete the renewal now`;
}

/** The reference's expiry in the right tense on the day the card goes out. */
function referenceReminder(
  payload: ReminderPayload<'reference-expiring'>,
  anniversary: PlainDate,
  today: PlainDate,
  catalog: Catalog,
  daysLeft: number,
): Pick<ReminderView, 'title' | 'style' | 'message' | 'checklistTitle' | 'checklist' | 'suggestions'> {
  const competency = catalog.competency(payload.competency)?.name ?? escapeMarkdown(payload.competency);
  const expiresOn = payload.expiresOn;
  const daysToExpiry = daysBetween(today, expiresOn);
  const anniversaryLabel = longDate(anniversary);
  const reference = `The ${escapeMarkdown(payload.customer)} reference for ${competency}`;
  const expired = daysToExpiry <= 0;
  return {
    title: expired ? 'A customer reference has expired' : 'A customer reference expires before your anniversary',
    style: 'warning',
    message: expired
      ? `${reference} expired ${daysToExpiry === 0 ? 'today' : `on ${longDate(expiresOn)}`}: it no longer counts toward the renewal on ${anniversaryLabel}, ${fromToday(daysLeft)}. Identify a new customer reference now.`
      : `${reference} expires on ${longDate(expiresOn)}, ${fromToday(daysToExpiry)}, on or before the anniversary on ${anniversaryLabel}. An expiring customer reference may delay the renewal, even when every other requirement is met: identify a new one now.`,
    checklistTitle: '',
    checklist: [],
    suggestions: [competencyRequirements(competency, payload.competency, catalog), CHECKLIST],
  };
}
