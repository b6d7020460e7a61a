/**
 * The card a personal reminder brings the Primary Program Contact in their 1:1 chat: the channel
 * reminder's words, addressed to them. Two weeks before the anniversary it escalates by state: it
 * lists the checklist items still open and the blockers still standing, or says that nothing is
 * left but to mark the renewal done.
 */
import type { Catalog } from '../catalog/catalog.js';
import { checklistItems, type ChecklistTick } from '../checklist/checklist.js';
import { escapeMarkdown } from '../common/markdown.js';
import type { Organization } from '../organization/organization.js';
import { firstItems } from '../common/paging.js';
import type { PlainDate } from '../common/plain-date.js';
import type { ReminderKind } from './payloads.js';
import { requirementsView } from '../requirements/requirements.js';
import { SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import type { PersonalReminderPart, ReminderView } from './view.js';

export const STOP_PERSONAL: Suggestion = SUGGESTIONS.stopPersonalReminders;
/**
 * Open items and blockers the reminder names (the guide's seven items and a few of the organization's):
 * the rest are one button away, on the checklist and the requirements, so the card fits one message.
 */
const ITEMS_NAMED = 10;
const MARK_RENEWED: Suggestion = SUGGESTIONS.markRenewed;

export interface PersonalReminderInput {
  org: Organization;
  /** The channel card of the same reminder, built by reminderView. */
  reminder: ReminderView;
  kind: ReminderKind;
  /** The anniversary of the reminder's cycle. */
  cycle: PlainDate;
  today: PlainDate;
  ticks: readonly ChecklistTick[];
}

/**
 * @example personalReminderView({ org, reminder, kind: 'two-weeks', cycle: '2027-02-28', today: '2027-02-14', ticks: [] }, catalog).openItems.length // every item of the cycle
 */
/** The channel's card with the personal part. */
export function personalReminderView(input: PersonalReminderInput, catalog: Catalog): ReminderView & PersonalReminderPart {
  const { org, reminder } = input;
  const base: ReminderView & PersonalReminderPart = {
    ...reminder,
    // Said to the contact themselves, it would be about them.
    contactNote: '',
    addressedTo: `${escapeMarkdown(org.primaryContact.name)}, you are the Primary Program Contact of ${reminder.organizationName}: typically the person authorized to manage the renewal, so this reminder comes to you.`,
    openItemsTitle: '',
    openItems: [],
    blockersTitle: '',
    blockers: [],
    allDone: '',
    stopNote: 'Say "stop personal reminders" to stop these; the team channel\'s reminders go on.',
    // The anniversary-passed question keeps all three answers; the others their first two buttons.
    suggestions: [...reminder.suggestions.slice(0, input.kind === 'expired' ? 3 : 2), STOP_PERSONAL],
  };
  if (input.kind !== 'two-weeks') return base;

  const done = new Set(input.ticks.filter((tick) => tick.done).map((tick) => tick.itemId));
  const items = checklistItems(org, input.cycle, input.today, catalog);
  const open = items.filter((item) => !done.has(item.id)).map((item) => item.text);
  const requirements = requirementsView(org, input.cycle, input.today, catalog);
  const blockers = requirements.competencies.flatMap((competency) =>
    competency.blockers.map((blocker) => `${competency.title} (${competency.levelLabel}): ${blocker}`),
  );
  return {
    ...base,
    // The open items replace the static 2-week list: they include it, as far as it is not ticked.
    checklistTitle: '',
    checklist: [],
    openItemsTitle: open.length > 0 ? `Still open on the renewal checklist: ${open.length} of ${items.length}` : '',
    openItems: named(open, (more) => `And ${more} more: open the checklist to see and tick them.`),
    blockersTitle: blockers.length > 0 ? 'Still blocking the renewal' : '',
    blockers: named(blockers, (more) => `And ${more} more: see the requirements.`),
    allDone:
      open.length === 0 && blockers.length === 0
        ? ['Every item of the renewal checklist is ticked and the bot found no blockers.', requirements.scopeNote, 'Once the online renewal is complete, say "mark renewal done" to move the reminders to next year.'].filter(Boolean).join(' ')
        : '',
    suggestions: open.length === 0 && blockers.length === 0 ? [MARK_RENEWED, STOP_PERSONAL] : base.suggestions,
  };
}

/** The first items, then a line saying how many more and where they are. */
function named(items: readonly string[], moreLine: (more: number) => string): string[] {
  const { first, more } = firstItems(items, ITEMS_NAMED);
  return more === 0 ? first : [...first, moreLine(more)];
}
