/**
 * What each card shows, already worded and formatted by the rules. Templates in `cards/` bind these
 * fields and hold no logic beyond `$when` and `$data`.
 */
import type { BarChartView, DonutView, GaugeView } from './charts.js';
import type { PlainDate } from './plain-date.js';
import type { LinedField, ListWindows } from './profile-form-lists.js';

export type Phase = 'planning' | 'renewal-open' | 'final-two-weeks' | 'expired';

import type { Ask } from './questions.js';
import type { Suggestion } from './suggestions.js';

export type { Suggestion } from './suggestions.js';

export interface WelcomeView {
  title: string;
  intro: string;
  /** Where the reminders go and how to move them. */
  remindersNote: string;
  /** True once the organization has a profile; the card then offers the questions, otherwise setup. */
  isSetUp: boolean;
  setupHint: string;
  /** Shown when the card answers something the bot did not understand. */
  notUnderstood?: string;
  suggestions: Suggestion[];
}

export interface AnniversaryView {
  organizationName: string;
  phase: Phase;
  phaseLabel: string;
  /** Accent for the phase: 'good' | 'attention' | 'warning'. */
  phaseStyle: 'good' | 'attention' | 'warning';
  headline: string;
  anniversaryDate: PlainDate;
  anniversaryLabel: string;
  daysLeft: number;
  daysOverdue: number;
  /** The dates, each in the tense of today, and today with its time zone (once on the card). */
  facts: { title: string; value: string }[];
  /** After the anniversary: whether the bot is asking, was told "not renewed", or assumes the renewal ('' otherwise). */
  /** A 29 February anniversary shown on 28 February: the bot's rule, the guide has none; ''. */
  leapDayNote: string;
  standingNote: string;
  nextSteps: string[];
  /** What the program itself sends as the anniversary approaches and during the year. */
  programNotices: string[];
  /** The renewal window as a gauge of the days left in it, with the same in words as its fallback. */
  cycleGauge: GaugeView;
  suggestions: Suggestion[];
}

export interface RequirementLine {
  label: string;
  detail: string;
  /** 'met' | 'blocker' | 'info' — blockers render in the attention colour. */
  status: 'met' | 'blocker' | 'info';
  statusLabel: string;
}

export interface LinkView {
  /** Button title; says "address to confirm" when the address is not in the guide. */
  title: string;
  url: string;
}

export interface CompetencyRequirementsView {
  competencyId: string;
  /** Id of the container that holds its details, shown on demand (Action.ToggleVisibility). */
  detailsId: string;
  /** Its one line on the collapsed card: "2 blockers (numbers to confirm)", "No blockers found; performance not checked". */
  statusLabel: string;
  /** What the bot did not check for it ("performance", "technical credentials"). */
  unchecked: string[];
  /** Its blockers are counted against catalog numbers to confirm. */
  countsToConfirm: boolean;
  /** Customer references and certified people against what is needed; null without catalog numbers. */
  chart: BarChartView | null;
  title: string;
  focus: string;
  levelLabel: string;
  held: boolean;
  ready: boolean;
  summary: string;
  /** A competency outside the catalog, shown with the guide's general rules only. */
  general: boolean;
  /** Says the rules shown are the general ones; '' for catalog competencies. */
  generalNote: string;
  blockers: string[];
  /** Customer references that expire by the anniversary: they may delay the renewal (the first few, then "And N more"). */
  risks: string[];
  /** How many references that is, all of them. */
  riskCount: number;
  lines: RequirementLine[];
  /** Buttons to the lists its details shorten (references that may delay it, expired ones, certified people); often none. */
  evidenceLinks: Suggestion[];
  /** '' when there is no page to link. */
  requirementsUrl: string;
  requirementsLinkTitle: string;
  /**
   * Set when the card has no room for the details (many competencies, Teams' 28 KB per message): its
   * "Details" button then asks for this competency's own card instead of showing hidden details.
   */
  detailsOnRequest?: Ask;
}

/** One list of a competency's evidence, a page at a time (cards/evidence-list.json). */
export interface EvidenceListView {
  organizationName: string;
  title: string;
  intro: string;
  items: string[];
  /** "References 41–80 of 390"; '' when the card shows them all. */
  pageLabel: string;
  /** Previous, Next, and the competency's requirements. */
  suggestions: Suggestion[];
}

export interface CrossChangeView {
  title: string;
  detail: string;
  effectiveLabel: string;
  appliesLabel: string;
}

export interface RequirementsView {
  organizationName: string;
  anniversaryLabel: string;
  headline: string;
  /** What the bot checked and what it did not, under the headline. */
  scopeNote: string;
  /** References expiring by the anniversary may delay the renewal (guide line 31); '' when none. */
  riskNote: string;
  /** The rules of every competency (customer evidence, technical credentials), said once for the card. */
  everyCompetencyRules: string[];
  hasCompetencies: boolean;
  emptyHint: string;
  /** Within 90 days the Primary Program Contact can also see the requirements in the Partner Membership Center. */
  partnerCenterNote: string;
  competencies: CompetencyRequirementsView[];
  /** Titles of the buttons that show the changes across competencies and the credentials help. */
  changesToggleTitle: string;
  credentialsToggleTitle: string;
  credentialsTitle: string;
  credentialsNote: string;
  /** Exams, IT training and partner learning paths. */
  credentialLinks: LinkView[];
  changesTitle: string;
  changesNote: string;
  whatsNewLink: LinkView;
  changes: CrossChangeView[];
  feesNote: string;
  thresholdsNote: string;
  catalogVersion: string;
  /**
   * Set when even one line and a button per competency would not fit in a Teams message (dozens of
   * competencies): the card then lists them, with what blocks each, as choices for a competency's own card.
   */
  listOnly?: boolean;
  competencyChoices?: { title: string; value: string }[];
  /** The choice selected at first (the first competency). */
  firstChoice?: string;
  listNote?: string;
}

export interface ContactView {
  organizationName: string;
  contactName: string;
  contactEmail: string;
  askerIsContact: boolean;
  headline: string;
  explanation: string;
  /** For the contact: renewing also takes the authority to renew; '' for anyone else. */
  authorityNote: string;
  nextSteps: string[];
  /** For the contact: the buttons of the moment (calendar file, requirements, "We renewed", …). */
  suggestions: Suggestion[];
  mailto: string;
}

export interface SupportView {
  title: string;
  steps: string[];
  signInTitle: string;
  signInSteps: string[];
  supportUrl: string;
  supportLinkTitle: string;
  signInHelpUrl: string;
  signInHelpLinkTitle: string;
}

export interface ErrorView {
  title: string;
  message: string;
  /** Stable error code, shown small so support can find it in the logs. */
  code: string;
}

export interface CompetencyChoiceView {
  /** Input id on the form: `competency-<catalog id>`. */
  inputId: string;
  title: string;
  /** 'none' | 'silver' | 'gold'. */
  level: string;
}

/** Field names of the setup form; the submit handler reads the same names. */
export interface SetupFormValues {
  name: string;
  partnerId: string;
  anniversaryDate: string;
  timeZone: string;
  contactName: string;
  contactEmail: string;
  contactAadObjectId: string;
  /** One competency outside the catalog a line: `Name; silver|gold`. */
  otherCompetencies: string;
  /** One reference a line: `Customer; competency id; YYYY-MM-DD` (the approval date). */
  customerReferences: string;
  /** One certification a line: `Person; exam; YYYY-MM-DD` (the date passed). */
  certifications: string;
}

export interface SetupFormView {
  title: string;
  intro: string;
  isEdit: boolean;
  values: SetupFormValues;
  competencies: CompetencyChoiceView[];
  levelChoices: { title: string; value: string }[];
  /** Message per field name (same keys as `values`, plus competency input ids); empty string when fine. */
  errors: Record<string, string>;
  /** Shown above the form when the last submit had problems. */
  formError: string;
  /** Shown above the anniversary date when the form was opened to correct it ("The date changed"); '' otherwise. */
  anniversaryNote: string;
  /** Under each list shown in part: which lines, and that the others are kept on save; '' for a whole list. */
  listNotes: Record<LinedField, string>;
  /** Buttons opening the form at the lines before and after those shown. */
  listPages: Record<LinedField, Suggestion[]>;
  /** Verb of the Action.Execute that submits the form. */
  submitVerb: string;
  /** Its data: `form: 'profile'`, and the windows of the lists shown in part (profile-form-lists.ts). */
  submitData: { form: 'profile'; windows?: ListWindows };
}

export interface ProfileSavedView {
  title: string;
  organizationName: string;
  facts: { title: string; value: string }[];
  suggestions: Suggestion[];
}

/**
 * A reminder (cards/reminder.json): posted in the team channel, or brought to the Primary Program
 * Contact in their 1:1 chat, where it also has the personal part (personal-reminder-view.ts).
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

/** A short confirmation or explanation, e.g. "Reminders will be posted here". */
export interface NoticeView {
  title: string;
  message: string;
  suggestions: Suggestion[];
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
