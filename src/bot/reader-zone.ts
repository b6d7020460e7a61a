/**
 * The reader's time zone, as Teams reports it: `localTimezone` on the activity, or `timezone` in
 * the clientInfo entity. Anything that is not a known IANA zone is ignored.
 */
import { canonicalTimeZone, isTimeZone } from '../rules/common/plain-date.js';

/** The two places of an activity that may carry the reader's zone (any value: Teams' input is unchecked here). */
export interface ZoneFields {
  localTimezone?: unknown;
  entities?: readonly { type?: unknown; timezone?: unknown }[];
}

/** Any activity may be given, whatever else it carries: only these two fields are read. */
export function readerTimeZone(activity: object): string | undefined {
  const { localTimezone, entities } = activity as ZoneFields;
  const fromEntity = entities?.find((entity) => entity.type === 'clientInfo')?.timezone;
  for (const candidate of [localTimezone, fromEntity]) {
    if (typeof candidate === 'string' && candidate.length <= 64 && isTimeZone(candidate)) return canonicalTimeZone(candidate);
  }
  return undefined;
}
