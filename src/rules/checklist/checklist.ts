/**
 * The renewal checklist a team ticks off together: the guidance's 90-day and 2-week lists plus
 * items computed from the organization's data. Ticks are kept per cycle, so each year starts fresh.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { phaseFor } from '../cycle/anniversary.js';
import { CALENDAR_LINK_SUGGESTION, type Suggestion } from '../questions/suggestions.js';
import type { Catalog } from '../catalog/catalog.js';
import { progressDonut, type DonutView } from '../cycle/charts.js';
import { TWO_WEEKS_CHECKLIST, WINDOW_OPEN_CHECKLIST } from './guidance-lists.js';
import { referenceKey, referenceStanding, summarizeReferences } from '../requirements/customer-evidence.js';
import { otherCompetencyKey, type Organization } from '../organization/organization.js';
import { daysBetween, longDate, type PlainDate } from '../common/plain-date.js';
import { certifiedPeopleFor } from '../requirements/technical-credentials.js';
import { pageView, pageWindow, type PageAnchor } from '../common/paging.js';
import { markedValue } from '../common/value-source.js';
import { escapeMarkdown } from '../common/markdown.js';

export const CHECKLIST_TOGGLE_VERB = 'checklist.toggle';
export const CHECKLIST_REFRESH_VERB = 'checklist.refresh';

export type ChecklistSection = 'window-open' | 'two-weeks' | 'organization';

export interface ChecklistItem {
  id: string;
  text: string;
  section: ChecklistSection;
  tickedNote?: string;
}

/** Who ticked or unticked an item and when, as stored. */
export interface ChecklistTick {
  itemId: string;
  done: boolean;
  changedByName: string;
  changedById: string;
  /** ISO instant. */
  changedAt: string;
}

/**
 * Every item of the cycle whose anniversary is `anniversary`.
 * @example checklistItems(org, '2027-02-28', '2026-12-01', catalog).length // 7 + one per blocker
 */
export function checklistItems(org: Organization, anniversary: PlainDate, today: PlainDate, catalog: Catalog): ChecklistItem[] {
  const items: ChecklistItem[] = [
    ...WINDOW_OPEN_CHECKLIST.map((item) => ({ ...item, id: `window-open:${item.id}`, section: 'window-open' as const })),
    ...TWO_WEEKS_CHECKLIST.map((item) => ({ ...item, id: `two-weeks:${item.id}`, section: 'two-weeks' as const })),
  ];
  for (const reference of org.customerReferences) {
    const standing = referenceStanding(reference, anniversary, today, catalog.data.referenceValidityYears);
    if (standing.state === 'counts') continue;
    const competency = catalog.competency(reference.competency)?.name ?? escapeMarkdown(reference.competency);
    items.push({
      id: `reference:${referenceKey(reference)}`,
      text: `Replace the ${escapeMarkdown(reference.customer)} reference for ${competency}: it ${standing.dateClause} and ${standing.consequence}`,
      section: 'organization',
    });
  }
  for (const held of org.competencies) {
    const competency = catalog.competency(held.id);
    if (!competency) continue;
    const level = held.level === 'gold' ? 'Gold' : 'Silver';
    const where = `on the ${competency.name} competency page, Requirements → ${level}`;
    const needed = competency.levels[held.level];
    const counting = summarizeReferences(org.customerReferences, (id) => id === held.id, anniversary, today, catalog.data.referenceValidityYears).counting;
    const missingReferences = needed.customerReferences - counting;
    if (missingReferences > 0) {
      const references = missingReferences === 1 ? 'customer reference' : 'customer references';
      items.push({ id: `references:${held.id}`, text: markedValue(`Find ${missingReferences} more ${references} for ${competency.name} (${level})`, competency.sources.customerReferences, where), section: 'organization' });
    }
    const missingPeople = needed.certifiedProfessionals - certifiedPeopleFor(held.id, org.certifications, catalog).length;
    if (missingPeople > 0) {
      const people = missingPeople === 1 ? 'person' : 'people';
      items.push({ id: `certifications:${held.id}`, text: markedValue(`Get ${missingPeople} more ${people} certified for ${competency.name} (${level})`, competency.sources.certifiedProfessionals, where), section: 'organization' });
    }
  }
  // A competency outside the catalog has no numbers: it is blocked while no reference counts for it (requirements/general.ts).
  for (const other of org.otherCompetencies) {
    const key = otherCompetencyKey(other.name);
    if (summarizeReferences(org.customerReferences, (competency) => otherCompetencyKey(competency) === key, anniversary, today, catalog.data.referenceValidityYears).counting > 0) continue;
    items.push({ id: `references:other:${key}`, text: `Find a customer reference for ${escapeMarkdown(other.name)}: none counts for it`, section: 'organization' });
  }
  return items;
}

export interface ChecklistViewInput {
  org: Organization;
  tenantId: string;
  /** The anniversary of the cycle shown. */
  cycle: PlainDate;
  /** The organization's current cycle: any other is shown read-only. */
  currentCycle: PlainDate;
  today: PlainDate;
  ticks: readonly ChecklistTick[];
  catalog: Catalog;
  /** Time zone for "ticked at" times: the reader's. */
  readerZone: string;
  refreshUserIds: string[];
  /** The cycle's items (checklistItems), when the caller has them already. */
  items?: readonly ChecklistItem[];
  /** A page of the items, in the order shown, when they all would not fit in one Teams message; all of them without it. */
  page?: ChecklistPage;
}

/** `count` items from `anchor`, in the order shown. */
export interface ChecklistPage {
  anchor: PageAnchor;
  count: number;
}

/** The checklist of one cycle, built once: how many items it has, and the view of any page of them. */
export interface ChecklistPages {
  total: number;
  view(page?: ChecklistPage): ChecklistView;
}

const SECTION_TITLES: Record<ChecklistSection, string> = {
  'window-open': 'Start the renewal (from 90 days before)',
  'two-weeks': 'Complete the renewal (2 weeks before)',
  organization: 'From your organization\'s data',
};

/** The checklist the card shows: the cycle, and the page (`from` or, going back, `until`) when it is paged. */
export type ChecklistPageData = { tenantId: string; cycle: string; from?: number; until?: number };

export interface ChecklistView {
  organizationName: string;
  title: string;
  cycleLabel: string;
  /** Progress as a donut ("3 of 10 done"), the same words as its fallback. */
  progressChart: DonutView;
  /** An earlier cycle: shown for reference, without buttons. */
  readOnly: boolean;
  note: string;
  sections: ChecklistSectionView[];
  /** "Times in Asia/Tokyo." once any item is ticked; ''. */
  timesNote: string;
  /** "Items 21–40 of 505: …" when the card shows a page of the items; '' when it shows them all. */
  pageLabel: string;
  /** Previous / Next items: the refresh verb with the page's anchor, so the card changes in place. */
  pageActions: { title: string; data: ChecklistPageData }[];
  toggleVerb: string;
  refreshVerb: string;
  refreshData: ChecklistPageData;
  /** Teams refreshes the card automatically for these users (at most 60) in chats and channels. */
  refreshUserIds: string[];
  /** The button that asks for the calendar link, as the typed "calendar link" does. */
  calendarLink: Suggestion;
}

export function checklistView(input: ChecklistViewInput): ChecklistView {
  return checklistPages(input).view(input.page);
}

export interface ChecklistItemView {
  itemId: string;
  text: string;
  done: boolean;
  /** "✔" or "☐": the template shows it, it holds no logic. */
  mark: string;
  /** "Ticked by Alex Wilber, Nov 25, 2026, 2:03 PM" while ticked (the zone is the card's `timesNote`); '' otherwise. */
  doneLabel: string;
  /** What ticking this item does not do, and what does; '' unless ticked. */
  tickedNote: string;
  /** Title of the button that flips it: "Tick" or "Untick". */
  actionTitle: string;
  /** The data the button sends with Action.Execute; `from`: the page the card shows, answered with the same page. */
  actionData: { tenantId: string; cycle: string; itemId: string; done: boolean; from?: number };
}

export interface ChecklistSectionView {
  title: string;
  items: ChecklistItemView[];
}

/**
 * The items, their ticks and their order are worked out here once; a card that must fit one message
 * then tries pages of several sizes (src/cards/checklist-card.ts) without building them again.
 */
export function checklistPages(input: Omit<ChecklistViewInput, 'page'>): ChecklistPages {
  const { org, cycle, catalog } = input;
  const items = input.items ?? checklistItems(org, cycle, input.today, catalog);
  const ticks = new Map(input.ticks.map((tick) => [tick.itemId, tick]));
  // The items in the order shown, one list for paging: the current phase's first, then the rest.
  const order = sectionOrder(cycle, input.today);
  const ordered = order.flatMap((section) => items.filter((item) => item.section === section));
  const readOnly = cycle !== input.currentCycle;
  const whole = {
    organizationName: escapeMarkdown(org.name),
    title: 'Renewal checklist',
    cycleLabel: `Renewal for the anniversary on ${longDate(cycle)}`,
    progressChart: progressDonut(items.filter((item) => ticks.get(item.id)?.done).length, items.length),
    readOnly,
    note: readOnly ? `This is an earlier renewal's checklist, kept for reference. The current one is for ${longDate(input.currentCycle)}.` : '',
    // The zone of the "ticked at" times, once for the card.
    timesNote: items.some((item) => ticks.get(item.id)?.done) ? `Times in ${input.readerZone}.` : '',
    toggleVerb: CHECKLIST_TOGGLE_VERB,
    refreshVerb: CHECKLIST_REFRESH_VERB,
    refreshUserIds: input.refreshUserIds.slice(0, 60),
    // A button, not the link: the link is shown only on the card that makes it (calendar/link-view.ts).
    calendarLink: CALENDAR_LINK_SUGGESTION,
  };

  function view(requested?: ChecklistPage): ChecklistView {
    const window = pageWindow(requested?.anchor ?? { from: 0 }, requested?.count ?? ordered.length, ordered.length);
    const shown = ordered.slice(window.from, window.from + window.count);
    const page = pageView(window, ordered.length, 'items');
    // Every button of a page brings back the same page: a tick, a refresh, the automatic refresh.
    const at = page.label ? { from: window.from } : {};
    const itemView = (item: ChecklistItem): ChecklistItemView => {
      const tick = ticks.get(item.id);
      const done = tick?.done === true;
      return {
        itemId: item.id,
        text: item.text,
        done,
        mark: done ? '✔' : '☐',
        // Who ticked it, only while it is ticked: an unticked item looks like one never ticked.
        doneLabel: tick && done ? `Ticked by ${escapeMarkdown(tick.changedByName)}, ${formatInZone(tick.changedAt, input.readerZone)}` : '',
        tickedNote: done ? (item.tickedNote ?? '') : '',
        actionTitle: done ? 'Untick' : 'Tick',
        actionData: { tenantId: input.tenantId, cycle, itemId: item.id, done: !done, ...at },
      };
    };
    const sections: ChecklistSectionView[] = order
      .map((section) => {
        const inSection = shown.filter((item) => item.section === section);
        // A section begun on an earlier page says so.
        const continued = inSection.length > 0 && inSection[0] !== ordered.find((item) => item.section === section);
        return { title: `${SECTION_TITLES[section]}${continued ? ' (continued)' : ''}`, items: inSection.map(itemView) };
      })
      .filter((section) => section.items.length > 0);
    const pageData = (anchor: PageAnchor) => ({ tenantId: input.tenantId, cycle, ...anchor });
    return {
      ...whole,
      sections,
      pageLabel: page.label ? `${page.label}: the card shows as many as fit in one message.` : '',
      pageActions: [
        ...(page.previous ? [{ title: 'Previous items', data: pageData(page.previous) }] : []),
        ...(page.next ? [{ title: 'Next items', data: pageData(page.next) }] : []),
      ],
      refreshData: { tenantId: input.tenantId, cycle, ...at },
    };
  }
  return { total: ordered.length, view };
}

/** The list for the current phase comes first: the 2-week list once two weeks are left. */
function sectionOrder(cycle: PlainDate, today: PlainDate): ChecklistSection[] {
  const phase = phaseFor(daysBetween(today, cycle));
  return phase === 'final-two-weeks' || phase === 'expired' ? ['two-weeks', 'window-open', 'organization'] : ['window-open', 'two-weeks', 'organization'];
}

function formatInZone(instant: string, zone: string): string {
  return format(new TZDate(instant, zone), 'MMM d, yyyy, h:mm a');
}
