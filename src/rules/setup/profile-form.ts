/**
 * The setup/edit form: the view the card shows, and turning a submitted form back into a profile.
 * Every submit is validated; problems come back per field, in words a person can act on.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { leapDayNote } from '../cycle/leap-day.js';
import { OrganizationProfileSchema, withCatalogChecks, type OrganizationProfile } from '../organization/organization.js';
import type { PlainDate } from '../common/plain-date.js';
import {
  LIST_TITLES,
  listWindow,
  mergedList,
  windowButtons,
  windowNote,
  windowsOfSubmit,
  type ListWindows,
} from './profile-form-lists.js';
import { LINED_FIELDS, type LinedField, type ListStarts } from '../questions/parameters.js';
import { escapeMarkdown } from '../common/markdown.js';
import type { Suggestion } from '../questions/suggestions.js';

export const PROFILE_FORM_VERB = 'profile.save';
const COMPETENCY_INPUT_PREFIX = 'competency-';
const NO_LEVEL = 'none';

const field = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` }).default('');

/** The raw submit: every input arrives as a string; unknown keys other than competency inputs are ignored. */
export const ProfileFormSubmitSchema = z.object({
  name: field(200),
  partnerId: field(40),
  anniversaryDate: field(10),
  timeZone: field(64),
  contactName: field(200),
  contactEmail: field(320),
  contactAadObjectId: field(100),
  otherCompetencies: field(10_000),
  customerReferences: field(50_000),
  certifications: field(100_000),
});

export type ProfileFormResult =
  | { ok: true; profile: OrganizationProfile }
  | {
      ok: false;
      values: SetupFormValues;
      competencyLevels: Record<string, string>;
      errors: Record<string, string>;
      formError: string;
      /** The parts of the lists the form showed (setup/profile-form-lists.ts): a form shown again saves over the same lines. */
      windows: ListWindows;
      /** A list shown in part changed since the form was made: the form is shown anew from the profile as it is. */
      listsChanged?: true;
    };

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

/**
 * A submit becomes a profile. A form that showed a list in part (its submit names the windows) replaces
 * only those lines of `stored`, the profile it was made from; the other lines are kept.
 * @example parseProfileForm({ name: 'Contoso', ... }, catalog).ok
 */
export function parseProfileForm(raw: Record<string, unknown>, catalog: Catalog, stored?: OrganizationProfile): ProfileFormResult {
  const submitted = ProfileFormSubmitSchema.safeParse(raw);
  const values: SetupFormValues = submitted.success ? submitted.data : salvagedValues(raw);
  const competencyLevels = readCompetencyLevels(raw, catalog);
  const errors: Record<string, string> = {};
  if (!submitted.success) {
    for (const issue of submitted.error.issues) errors[String(issue.path[0])] = issue.message;
  }
  const { windows, refusal } = windowsOfSubmit(raw.windows, stored);
  if (refusal) return { ok: false, values, competencyLevels, errors: {}, windows, listsChanged: true, formError: refusal };
  const merged = <T>(field: LinedField, rows: T[], lines: number[]) => mergedList(field, windows, stored, rows, lines);

  const others = parseLines(values.otherCompetencies, ['name', 'level'], 'Competency name; silver or gold');
  if (others.error) errors.otherCompetencies = others.error;
  const references = parseLines(values.customerReferences, ['customer', 'competency', 'approvedOn'], 'Customer; competency; YYYY-MM-DD');
  const certifications = parseLines(values.certifications, ['person', 'exam', 'passedOn'], 'Person; exam; YYYY-MM-DD');
  if (references.error) errors.customerReferences = references.error;
  if (certifications.error) errors.certifications = certifications.error;

  const otherItems = merged('otherCompetencies', others.rows.map((row) => ({ name: row.name, level: row.level.toLowerCase() })), others.lineNumbers);
  const referenceItems = merged(
    'customerReferences',
    references.rows.map((row) => ({ ...row, competency: resolveCompetencyId(row.competency ?? '', catalog) })),
    references.lineNumbers,
  );
  const certificationItems = merged('certifications', certifications.rows, certifications.lineNumbers);
  const candidate = {
    name: values.name,
    partnerId: values.partnerId,
    anniversaryDate: values.anniversaryDate,
    timeZone: values.timeZone.trim() === '' ? 'UTC' : values.timeZone,
    primaryContact: {
      name: values.contactName,
      email: values.contactEmail,
      aadObjectId: values.contactAadObjectId.trim() === '' ? undefined : values.contactAadObjectId,
    },
    competencies: Object.entries(competencyLevels)
      .filter(([, level]) => level !== NO_LEVEL)
      .map(([id, level]) => ({ id, level })),
    otherCompetencies: otherItems.items,
    customerReferences: referenceItems.items,
    certifications: certificationItems.items,
  };
  const parsed = withCatalogChecks(OrganizationProfileSchema, catalog).safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key, message] = fieldMessage(issue.path, issue.message, {
        otherCompetencies: otherItems.lines,
        customerReferences: referenceItems.lines,
        certifications: certificationItems.lines,
      });
      errors[key] ??= message;
    }
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, profile: parsed.data };
  const { formError = '', ...fieldErrors } = errors;
  return { ok: false, values, competencyLevels, errors: fieldErrors, windows, formError: `Some fields need another look: nothing was saved. ${formError}`.trim() };
}

/** Above the date when "The date changed" opened the form: a new date restarts the reminders from it. */
const ANNIVERSARY_CORRECTION =
  'Enter the anniversary date the partner portal shows now and save: the reminders then follow that date, and a new date also ends a "We did not renew".';

export interface CompetencyChoiceView {
  /** Input id on the form: `competency-<catalog id>`. */
  inputId: string;
  title: string;
  /** 'none' | 'silver' | 'gold'. */
  level: string;
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
  /** Its data: `form: 'profile'`, and the windows of the lists shown in part (setup/profile-form-lists.ts). */
  submitData: { form: 'profile'; windows?: ListWindows };
}

/**
/**
 * Builds the form card's view, filled from a profile (edit) or from a rejected submit.
 * `lines`: the profile's lists are shown from `starts`, at most `count` lines each (a rejected submit's
 * text cut to its first `count` lines): the bot layer picks the largest count that fits one message.
 * `storedAnniversary` is the stored anchor when the profile shows another cycle's date (a 29 February shown as 28 February).
 */
export function setupFormView(
  catalog: Catalog,
  state: {
    profile?: OrganizationProfile;
    rejected?: Extract<ProfileFormResult, { ok: false }>;
    correctingAnniversary?: boolean;
    lines?: { starts: ListStarts; count: number };
    storedAnniversary?: PlainDate;
  } = {},
): SetupFormView {
  const rejected = state.rejected?.listsChanged ? undefined : state.rejected;
  const count = state.lines?.count ?? Number.POSITIVE_INFINITY;
  const windows: ListWindows = rejected ? rejected.windows : state.profile ? profileWindows(state.profile, state.lines?.starts ?? {}, count) : {};
  const values = rejected ? rejected.values : state.profile ? valuesFromProfile(state.profile, windows) : emptyValues();
  // A rejected submit is shown as typed, as far as it fits: the lines cut off were not saved either.
  const cut = rejected ? LINED_FIELDS.filter((field) => lineCount(values[field]) > count) : [];
  const shownValues = cut.length === 0 ? values : { ...values, ...Object.fromEntries(cut.map((field) => [field, firstLines(values[field], count)])) };
  const levels = rejected?.competencyLevels ?? Object.fromEntries((state.profile?.competencies ?? []).map((held) => [held.id, held.level]));
  const competencies = catalog.data.competencies.map((competency) => ({
    inputId: `${COMPETENCY_INPUT_PREFIX}${competency.id}`,
    title: competency.name,
    level: levels[competency.id] ?? NO_LEVEL,
  }));
  const errors: Record<string, string> = Object.fromEntries(
    [...Object.keys(emptyValues()), ...competencies.map((competency) => competency.inputId)].map((key) => [key, rejected?.errors[key] ?? '']),
  );
  const starts = { otherCompetencies: windows.otherCompetencies?.from ?? 0, customerReferences: windows.customerReferences?.from ?? 0, certifications: windows.certifications?.from ?? 0 };
  const perList = <T>(make: (field: LinedField) => T) => ({ otherCompetencies: make('otherCompetencies'), customerReferences: make('customerReferences'), certifications: make('certifications') });
  const cutNote = cut.length === 0 ? '' : ` The ${cut.map((field) => LIST_TITLES[field]).join(' and ')} you sent had too many lines to show again in one message: the first ${count} are shown.`;
  return {
    title: state.profile ? `Edit ${escapeMarkdown(state.profile.name)}` : 'Set up your organization',
    intro:
      'The anniversary date is the day your membership expires: sign in to the partner portal with the Microsoft account (formerly Live ID) associated with your membership, then click the welcome message at the top right: it shows that date. Dates are YYYY-MM-DD.',
    isEdit: state.profile !== undefined,
    values: shownValues,
    competencies,
    levelChoices: [
      { title: 'Not held', value: NO_LEVEL },
      { title: 'Silver', value: 'silver' },
      { title: 'Gold', value: 'gold' },
    ],
    errors,
    formError: `${state.rejected?.formError ?? ''}${cutNote}`,
    anniversaryNote: [state.correctingAnniversary ? ANNIVERSARY_CORRECTION : '', state.profile && state.storedAnniversary ? leapDayNote(state.storedAnniversary, state.profile.anniversaryDate) : '']
      .filter(Boolean)
      .join(' '),
    listNotes: perList((field) => windowNote(field, windows[field])),
    // Moving to other lines opens the form anew: not from a rejected submit, whose typed text it would drop.
    listPages: perList((field) => (rejected ? [] : windowButtons(field, windows[field], starts))),
    submitVerb: PROFILE_FORM_VERB,
    submitData: Object.keys(windows).length === 0 ? { form: 'profile' } : { form: 'profile', windows },
  };
}

/** The part of each list the form shows, for lists longer than `count` lines (or started further on). */
function profileWindows(profile: OrganizationProfile, starts: ListStarts, count: number): ListWindows {
  const windows: ListWindows = {};
  for (const field of LINED_FIELDS) {
    const window = listWindow(profile[field], starts[field] ?? 0, count);
    if (window) windows[field] = window;
  }
  return windows;
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split(/\r?\n/).length;
}

function firstLines(text: string, count: number): string {
  return text.split(/\r?\n/).slice(0, count).join('\n');
}

function valuesFromProfile(profile: OrganizationProfile, windows: ListWindows): SetupFormValues {
  const shown = <T>(field: LinedField, items: readonly T[]): readonly T[] => {
    const window = windows[field];
    return window ? items.slice(window.from, window.from + window.count) : items;
  };
  return {
    name: profile.name,
    partnerId: profile.partnerId,
    anniversaryDate: profile.anniversaryDate,
    timeZone: profile.timeZone,
    contactName: profile.primaryContact.name,
    contactEmail: profile.primaryContact.email,
    contactAadObjectId: profile.primaryContact.aadObjectId ?? '',
    otherCompetencies: shown('otherCompetencies', profile.otherCompetencies).map((other) => `${other.name}; ${other.level}`).join('\n'),
    customerReferences: shown('customerReferences', profile.customerReferences).map((r) => `${r.customer}; ${r.competency}; ${r.approvedOn}`).join('\n'),
    certifications: shown('certifications', profile.certifications).map((c) => `${c.person}; ${c.exam}; ${c.passedOn}`).join('\n'),
  };
}

/** What can be shown again of a submit that failed its first check, so nothing typed is lost. */
function salvagedValues(raw: Record<string, unknown>): SetupFormValues {
  const values = emptyValues();
  for (const key of Object.keys(values) as (keyof SetupFormValues)[]) {
    const value = raw[key];
    if (typeof value === 'string') values[key] = value.slice(0, 100_000);
  }
  return values;
}

function emptyValues(): SetupFormValues {
  return { name: '', partnerId: '', anniversaryDate: '', timeZone: 'UTC', contactName: '', contactEmail: '', contactAadObjectId: '', otherCompetencies: '', customerReferences: '', certifications: '' };
}

function readCompetencyLevels(raw: Record<string, unknown>, catalog: Catalog): Record<string, string> {
  const levels: Record<string, string> = {};
  for (const competency of catalog.data.competencies) {
    const value = raw[`${COMPETENCY_INPUT_PREFIX}${competency.id}`];
    levels[competency.id] = typeof value === 'string' && ['silver', 'gold'].includes(value) ? value : NO_LEVEL;
  }
  return levels;
}

interface ParsedLines<K extends string> {
  rows: Record<K, string>[];
  /** The 1-based text line of each row, so messages point at the line the person typed. */
  lineNumbers: number[];
  error?: string;
}

function parseLines<K extends string>(text: string, keys: readonly K[], shape: string): ParsedLines<K> {
  const rows: Record<K, string>[] = [];
  const lineNumbers: number[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const cells = line.split(';').map((cell) => cell.trim());
    if (cells.length !== keys.length || cells.some((cell) => cell === '')) {
      return { rows, lineNumbers, error: `Line ${index + 1}: write it as "${shape}".` };
    }
    rows.push(Object.fromEntries(keys.map((key, i) => [key, cells[i]])) as Record<K, string>);
    lineNumbers.push(index + 1);
  }
  return { rows, lineNumbers };
}

/** Accepts the catalog id or the competency's name in any case. */
function resolveCompetencyId(text: string, catalog: Catalog): string {
  const wanted = text.trim().toLowerCase();
  return catalog.data.competencies.find((c) => c.id === wanted || c.name.toLowerCase() === wanted)?.id ?? text.trim();
}

const FIELD_OF_PATH: Record<string, keyof SetupFormValues> = {
  name: 'name',
  partnerId: 'partnerId',
  anniversaryDate: 'anniversaryDate',
  timeZone: 'timeZone',
  'primaryContact.name': 'contactName',
  'primaryContact.email': 'contactEmail',
  'primaryContact.aadObjectId': 'contactAadObjectId',
};

function fieldMessage(path: readonly PropertyKey[], message: string, lineNumbers: Record<LinedField, (number | undefined)[]>): [string, string] {
  const [head, index, leaf] = path;
  if (head === 'otherCompetencies' || head === 'customerReferences' || head === 'certifications') {
    // The list as a whole (too many lines), one of its lines, or a kept line the form does not show.
    if (index === undefined) return [head, `${capitalize(message)}.`];
    const line = lineNumbers[head][Number(index)];
    const where = line !== undefined ? `Line ${line}` : `Item ${Number(index) + 1} of the list (not shown on this form)`;
    return [head, `${where}${leaf ? ` (${String(leaf)})` : ''}: ${message}.`];
  }
  if (head === 'competencies') return ['formError', `Competency: ${message}.`];
  const key = FIELD_OF_PATH[path.map(String).join('.')] ?? FIELD_OF_PATH[String(head)] ?? 'formError';
  return [key, capitalize(message)];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
