/**
 * iCalendar text (RFC 5545) for the renewal reminders and the competency calls, written by the `ics`
 * package. The renewal reminders are all-day DATE values: a calendar date has no time zone, so the
 * file says the same day whatever zone the server or the reader is in. Calls are UTC instants.
 */
import { createRequire } from 'node:module';
import type { DateArray, EventAttributes, HeaderAttributes } from 'ics';
import { callEnd, callStart, publishedTimeLabel, type ScheduledCall } from '../rules/calendar/call-series.js';
import { addDays, longDate, parts, type PlainDate } from '../rules/common/plain-date.js';
import type { RenewalCalendarEvent } from '../rules/calendar/renewal-calendar.js';

const PRODUCT_ID = 'renewal-bot';
/** Calls remind this long before they start. */
const CALL_ALARM_MINUTES = 15;

// `timestamp` (DTSTAMP) is accepted by the package's schema but missing from its types. Passing
// it keeps the file a function of `now` instead of the wall clock.
type IcsEvent = EventAttributes & { timestamp: number };

/** The organization's renewal reminders as one calendar file. */
export function renewalIcs(events: readonly RenewalCalendarEvent[], options: { calendarName: string; now: Date }): string {
  return writeCalendar(
    events.map((event) => ({
      uid: event.uid,
      title: lineSafe(event.title),
      description: lineSafe(event.description),
      // Three-element arrays become `DTSTART;VALUE=DATE`; `ics` never passes them through Date, so
      // no input/output type applies and the server's TZ cannot shift the day.
      start: dateArray(event.date),
      end: dateArray(addDays(event.date, 1)), // DTEND of an all-day event is exclusive: the next day
      transp: 'TRANSPARENT', // a reminder, not a meeting: keep the day free
      busyStatus: 'FREE',
      alarms: [
        {
          action: 'display',
          description: escapeText(event.alarm.message),
          // Relative to the start (the day's local midnight): fires at that time of the event's day.
          trigger: { hours: event.alarm.hours, minutes: event.alarm.minutes, before: false },
        },
      ],
      timestamp: options.now.getTime(),
    })),
    // X-WR-CALNAME is written as given (only CRLF and LF encoded): it is escaped here, as TEXT.
    { calName: escapeText(options.calendarName) },
  );
}

/** One or more competency calls as a calendar file. */
export function callsIcs(calls: readonly ScheduledCall[], options: { now: Date }): string {
  return writeCalendar(
    calls.map((call) => ({
      uid: `call-${call.id}@renewal-bot`,
      title: lineSafe(call.title),
      description: `MPN 101 Cloud Competency Attainment call about ${call.competencyName}: its requirements and benefits, how to get started and an estimated timeline, with support staff and experts answering questions. Published as ${publishedTimeLabel(call)} on ${longDate(call.date)}; your calendar shows it in your own time zone.${call.durationSource === 'guide' ? '' : ` The guide gives no length: this entry blocks ${call.durationMinutes} minutes, to confirm.`}`,
      // Epoch milliseconds are written as UTC (`...Z`): an instant every calendar converts itself.
      start: callStart(call).getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: callEnd(call).getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      alarms: [{ action: 'display', description: escapeText(call.title), trigger: { minutes: CALL_ALARM_MINUTES, before: true } }],
      timestamp: options.now.getTime(),
    })),
    {},
  );
}

/** The ics package (CommonJS, with its validation library, about 10 MB) is loaded on the first calendar download, not at start. */
let icsModule: typeof import('ics') | undefined;

function writeCalendar(events: IcsEvent[], header: HeaderAttributes): string {
  icsModule ??= createRequire(import.meta.url)('ics') as typeof import('ics');
  const { error, value } = icsModule.createEvents(events, { productId: PRODUCT_ID, method: 'PUBLISH', ...header });
  if (error || value === null) {
    throw new Error(`could not write the iCalendar file: ${error?.message ?? 'the ics package returned nothing'}`, { cause: error ?? undefined });
  }
  return value;
}

function dateArray(date: PlainDate): DateArray {
  const { year, month, day } = parts(date);
  return [year, month, day];
}

/**
 * Line breaks of every kind become LF, which `ics` encodes as `\n`, and other control characters a
 * space: `ics` encodes only CRLF and LF, so a bare CR (or U+2028) in an organization's name would
 * reach the file raw, where a parser that splits on CR reads what follows as a new property.
 */
function lineSafe(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(/[\p{Cc}]/gu, (char) => (char === '\n' ? char : ' '));
}

/**
 * TEXT escaping (RFC 5545 3.3.11) for the values `ics` writes without escaping (the alarm description,
 * X-WR-CALNAME; it escapes SUMMARY and DESCRIPTION itself); newlines it encodes.
 */
function escapeText(text: string): string {
  return lineSafe(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,');
}
