/**
 * The reader's time zone, as Teams reports it: `localTimezone` on the activity, or `timezone` in
 * the clientInfo entity. Anything that is not a known IANA zone is ignored.
 */
import type { Activity } from 'botbuilder';
import { canonicalTimeZone, isTimeZone } from '../rules/plain-date.js';

export function readerTimeZone(activity: Partial<Activity>): string | undefined {
  const fromEntity = activity.entities?.find((entity) => entity.type === 'clientInfo')?.timezone as unknown;
  for (const candidate of [activity.localTimezone, fromEntity]) {
    if (typeof candidate === 'string' && candidate.length <= 64 && isTimeZone(candidate)) return canonicalTimeZone(candidate);
  }
  return undefined;
}
