/**
 * The card that answers "calendar link". The bot keeps only a hash of the link's secret, so it can
 * show a link only when it has just made it (first request, or an admin's rotation); afterwards
 * the card says a link exists, since when, and how to get a new one, which retires the old one.
 */
import { calendarDateIn, longDate } from '../common/plain-date.js';
import { QUESTION_SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import { escapeMarkdown } from '../common/markdown.js';

export interface CalendarLinkView {
  title: string;
  message: string;
  /** The .ics URL, only on the card that made it; '' on every later one. */
  url: string;
  /** Under the URL: keep it now, it is not shown again. '' without a URL. */
  urlNote: string;
  suggestions: Suggestion[];
}

/** The same rotation as the typed "new calendar link". */
export const NEW_CALENDAR_LINK_SUGGESTION: Suggestion = { title: 'Make a new link', data: { ask: 'calendar-link', rotate: true } };

export interface CalendarLinkInput {
  organizationName: string;
  /** The organization's time zone, for the day an existing link was made. */
  timeZone: string;
  /** A link made now (`rotated` when it replaced one), or the instant the existing one was made. */
  link: { url: string; rotated: boolean } | { createdAt: string };
  /** Whether the reader may replace the link (an admin or the Primary Program Contact). */
  mayRotate: boolean;
}

const WHAT_IT_HOLDS = 'the day the renewal window opens and two weeks before the anniversary, this year and next';
const KEEP_IT =
  'Copy it now: the bot keeps only a fingerprint of it and cannot show it again. Anyone with the link can see these dates; ' +
  'if it is shared too widely, an admin can say "new calendar link" to replace it.';

/**
 * @example calendarLinkView({ organizationName: 'Contoso', timeZone: 'UTC', link: { createdAt: '2026-11-02T10:00:00Z' }, mayRotate: false }).url // ''
 */
export function calendarLinkView(input: CalendarLinkInput): CalendarLinkView {
  const { link } = input;
  const organizationName = escapeMarkdown(input.organizationName);
  if ('url' in link) {
    return {
      title: link.rotated ? 'New calendar link' : 'Renewal calendar',
      message:
        (link.rotated ? 'The old link no longer works: calendars subscribed to it stop updating until they subscribe to this one. ' : '') +
        `Subscribe to ${organizationName}'s renewal dates (${WHAT_IT_HOLDS}) in Outlook or any calendar app with this link, or open it to download them once:`,
      url: link.url,
      urlNote: KEEP_IT,
      suggestions: QUESTION_SUGGESTIONS,
    };
  }
  const made = longDate(calendarDateIn(new Date(link.createdAt), input.timeZone));
  return {
    title: 'Renewal calendar',
    message:
      `${organizationName} already has a calendar link, made on ${made}. The bot keeps only a fingerprint of it, so it cannot show it again: ` +
      'look for it in the chat where it was made, or in a calendar already subscribed to it. ' +
      (input.mayRotate
        ? 'If it is lost, make a new link: the old one then stops working, and calendars subscribed to it must subscribe again.'
        : 'If it is lost, an admin or the Primary Program Contact can say "new calendar link" to make a new one; the old one then stops working.'),
    url: '',
    urlNote: '',
    suggestions: input.mayRotate ? [NEW_CALENDAR_LINK_SUGGESTION, ...QUESTION_SUGGESTIONS] : QUESTION_SUGGESTIONS,
  };
}
