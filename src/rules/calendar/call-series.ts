/**
 * The cloud competency attainment call series: a schedule published in one time zone (9:30 AM
 * Pacific), shown to each reader in their own zone. The schedule is data (default in
 * `data/call-schedule.json`); an operator can replace it with a file validated by the same schema.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { PlainDateSchema, TimeZoneSchema, type CatalogVocabulary } from '../organization/organization.js';
import { canonicalTimeZone, isTimeZone, parts } from '../common/plain-date.js';
import { ValueSourceSchema } from '../common/value-source.js';
import defaultScheduleJson from '../data/call-schedule.json' with { type: 'json' };

const ScheduledCallSchema = z.object({
  /** Stable id: the last part of the call's .ics URL, so it must stay URL- and file-name-safe. */
  id: z.string().max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lowercase letters, digits and dashes' }),
  date: PlainDateSchema,
  /** Wall-clock start in `timeZone`, 24-hour `HH:MM`, as the organizer published it. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a 24-hour time written HH:MM' }),
  timeZone: TimeZoneSchema,
  durationMinutes: z.number().int().min(1).max(600),
  /** The guide gives no call length: one from elsewhere is shown as a value to confirm. */
  durationSource: ValueSourceSchema,
  competencyId: z.string().min(1).max(80),
  /** Name as the call series publishes it; the catalog's name wins when it knows the id. */
  competencyName: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
});
export type ScheduledCall = z.infer<typeof ScheduledCallSchema>;

export const CallScheduleSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().min(1),
    title: z.string().min(1).max(200),
    /** What the calls cover, shown under the title. */
    about: z.string().max(1000).default(''),
    /** The same, in the past tense: shown once every call has taken place. */
    aboutPast: z.string().max(1000).default(''),
    calls: z.array(ScheduledCallSchema).min(1).max(200),
  })
  .superRefine((schedule, ctx) => {
    const ids = new Set<string>();
    schedule.calls.forEach((call, index) => {
      if (ids.has(call.id)) ctx.addIssue({ code: 'custom', path: ['calls', index, 'id'], message: `"${call.id}" appears twice` });
      ids.add(call.id);
    });
  });
export type CallScheduleData = z.infer<typeof CallScheduleSchema>;

/** A validated schedule with a lookup by id; build once at start-up. */
export interface CallSchedule {
  readonly data: CallScheduleData;
  call(id: string): ScheduledCall | undefined;
}

/**
 * Validates schedule JSON. Throws a ZodError listing every problem with its path. With a catalog,
 * a call about a competency the catalog does not know is a problem too.
 * @example parseCallSchedule(JSON.parse(fileText)).call('2016-02-03-cloud-platform')?.time // '09:30'
 */
export function parseCallSchedule(input: unknown, catalog?: CatalogVocabulary): CallSchedule {
  const schema = catalog
    ? CallScheduleSchema.superRefine((schedule, ctx) => {
        schedule.calls.forEach((call, index) => {
          if (!catalog.hasCompetency(call.competencyId)) {
            ctx.addIssue({ code: 'custom', path: ['calls', index, 'competencyId'], message: `unknown competency "${call.competencyId}"` });
          }
        });
      })
    : CallScheduleSchema;
  const data = schema.parse(input);
  const byId = new Map(data.calls.map((call) => [call.id, call]));
  return { data, call: (id) => byId.get(id) };
}

/** The schedule that ships with the bot (the 2016 series from the guidance). */
export function defaultCallSchedule(): CallSchedule {
  return parseCallSchedule(defaultScheduleJson);
}

/** The instant a call starts: its wall-clock time in its own zone, DST included. */
export function callStart(call: ScheduledCall): Date {
  const { year, month, day } = parts(call.date);
  const [hours, minutes] = call.time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, call.timeZone).getTime());
}

export function callEnd(call: ScheduledCall): Date {
  return new Date(callStart(call).getTime() + call.durationMinutes * 60_000);
}

/** The start as the organizer published it, in the call's own zone: "9:30 AM Pacific". */
export function publishedTimeLabel(call: ScheduledCall): string {
  const start = callStart(call);
  return `${format(new TZDate(start.getTime(), call.timeZone), 'h:mm a')} ${genericZoneName(call.timeZone, start)}`;
}

/** Absolute link to one call's .ics file; `publicUrl` may end with a slash. */
export function callIcsUrl(publicUrl: string, callId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/calendar/calls/${encodeURIComponent(callId)}.ics`;
}

export interface CallView {
  callId: string;
  title: string;
  competency: string;
  /** Start in the display zone, with the date as it falls there: "Wednesday, January 13, 2016, 6:30 PM". */
  whenLabel: string;
  /** As published: "9:30 AM Pacific". */
  originalLabel: string;
  durationLabel: string;
  /** True once the call has ended: it has no "Add to calendar" button. */
  past: boolean;
  /** "Past", "Happening now" or "Upcoming". */
  status: string;
  icsUrl: string;
}

export interface CallSeriesView {
  title: string;
  /** What the calls cover; '' when the schedule does not say. */
  about: string;
  /** Which zone the times are in and why: "Times in Europe/Berlin, your Teams time zone." */
  zoneLabel: string;
  timeZone: string;
  zoneSource: 'reader' | 'organization' | 'utc';
  /** "2 of 5 calls are still ahead.", or once all are over the dates they ran: "All 5 calls took place, from … to …." */
  summary: string;
  /** Every call is over: the card says so in one line and lists none (nothing left to add to a calendar). */
  allPast: boolean;
  calls: CallView[];
}

export interface CallSeriesInput {
  schedule: CallSchedule;
  now: Date;
  /** The zone Teams reported for the reader; ignored when missing or unknown. */
  readerZone?: string;
  organizationZone?: string;
  publicUrl: string;
  /** Names competencies the same way as the other cards. */
  catalog?: Pick<Catalog, 'competency'>;
}

/**
 * @example callSeriesView({ schedule, now, readerZone: 'Europe/Berlin', publicUrl }).calls[0].whenLabel
 * // 'Wednesday, January 13, 2016, 6:30 PM'
 */
export function callSeriesView(input: CallSeriesInput): CallSeriesView {
  const { schedule, now, publicUrl, catalog } = input;
  const zone = displayZone(input.readerZone, input.organizationZone);
  const sorted = [...schedule.data.calls].sort((a, b) => callStart(a).getTime() - callStart(b).getTime());
  const calls = sorted.map((call): CallView => {
    const start = callStart(call);
    const past = now.getTime() >= callEnd(call).getTime();
    const started = now.getTime() >= start.getTime();
    return {
      callId: call.id,
      title: call.title,
      competency: catalog?.competency(call.competencyId)?.name ?? call.competencyName,
      whenLabel: format(new TZDate(start.getTime(), zone.timeZone), 'EEEE, MMMM d, yyyy, h:mm a'),
      originalLabel: publishedTimeLabel(call),
      durationLabel:
        call.durationSource === 'guide' ? `${call.durationMinutes} minutes` : `length not in the guide: ${call.durationMinutes} minutes in the calendar entry, to confirm`,
      past,
      status: past ? 'Past' : started ? 'Happening now' : 'Upcoming',
      icsUrl: callIcsUrl(publicUrl, call.id),
    };
  });
  const ahead = calls.filter((call) => !call.past).length;
  return {
    title: schedule.data.title,
    about: ahead === 0 && schedule.data.aboutPast ? schedule.data.aboutPast : schedule.data.about,
    zoneLabel: zone.label,
    timeZone: zone.timeZone,
    zoneSource: zone.source,
    summary: ahead === 0 ? `All ${calls.length} ${calls.length === 1 ? 'call' : 'calls'} of the series took place, ${datesRan(sorted, zone.timeZone)}.` : `${ahead} of ${calls.length} calls are still ahead.`,
    allPast: ahead === 0,
    calls,
  };
}

/** "from January 13, 2016 to February 10, 2016", or "on …" for a single call, as the dates fell in `timeZone`. */
function datesRan(sorted: readonly ScheduledCall[], timeZone: string): string {
  const day = (call: ScheduledCall | undefined) => (call ? format(new TZDate(callStart(call).getTime(), timeZone), 'MMMM d, yyyy') : '');
  return sorted.length === 1 ? `on ${day(sorted[0])}` : `from ${day(sorted[0])} to ${day(sorted.at(-1))}`;
}

interface DisplayZone {
  timeZone: string;
  source: CallSeriesView['zoneSource'];
  label: string;
}

/** The reader's zone when Teams sent a real one, else the organization's, else UTC, saying which. */
export function displayZone(readerZone: string | undefined, organizationZone: string | undefined): DisplayZone {
  const reader = knownZone(readerZone);
  if (reader) return { timeZone: reader, source: 'reader', label: `Times in ${reader}, your Teams time zone.` };
  const readerSent = Boolean(readerZone?.trim());
  const organization = knownZone(organizationZone);
  if (organization) {
    const why = readerSent ? 'Teams sent a time zone this bot does not recognize' : 'Teams did not send yours';
    return { timeZone: organization, source: 'organization', label: `Times in ${organization}, your organization's time zone (${why}).` };
  }
  const why = readerSent ? 'Teams sent a time zone this bot does not recognize' : 'Teams did not send your time zone';
  return { timeZone: 'UTC', source: 'utc', label: `Times in UTC: ${why} and your organization has none set.` };
}

function knownZone(zone: string | undefined): string | undefined {
  const trimmed = zone?.trim();
  return trimmed && isTimeZone(trimmed) ? canonicalTimeZone(trimmed) : undefined;
}

/** "Pacific" for America/Los_Angeles (from ICU's "Pacific Time"); the zone id when ICU has no name. */
function genericZoneName(timeZone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = name ? /^(.+) Time$/.exec(name) : null;
  return match?.[1] ?? timeZone;
}

