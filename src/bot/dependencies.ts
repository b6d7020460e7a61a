/** What the bot's handlers are given; built once in app.ts, shared by all turns, holding no turn state. */
import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger.js';
import type { Organization } from '../rules/organization/organization.js';
import { calendarDateIn, type PlainDate } from '../rules/common/plain-date.js';
import type { CallSchedule } from '../rules/calendar/call-series.js';
import type { Catalog } from '../rules/catalog/catalog.js';
import type { Storage } from '../storage/storage.js';
import type { ServiceUrlAllowlist } from './service-url-allowlist.js';

export interface BotDependencies {
  storage: Storage;
  catalog: Catalog;
  /** The clock; only index.ts passes the real one. */
  now: () => Date;
  log: Logger;
  /** ALLOWED_TENANTS: other tenants get a polite refusal and touch no data. */
  isTenantAllowed: (tenantId: string) => boolean;
  callSchedule: CallSchedule;
  /** Base of absolute links in cards (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** SERVICE_URL_ALLOWLIST: a turn from any other service URL stores nothing. */
  serviceUrls: ServiceUrlAllowlist;
  /** Called when a turn queued updates of posted messages (a tick, a recorded renewal), so they go out soon. */
  messagesChanged?: () => void;
  /** PERSONAL_REMINDERS: when off, the contact's 1:1 chat is not kept and the switch says so. */
  personalReminders: boolean;
}

/** What handlers get: the bot's dependencies and the organization's today, computed in one place. */
export interface HandlerDependencies extends BotDependencies {
  /** Today's calendar date in the organization's time zone. */
  today(org: Organization): PlainDate;
}

export function handlerDependencies(deps: BotDependencies): HandlerDependencies {
  const todayIn = todayPerZone(deps.now);
  return { ...deps, today: (org) => todayIn(org.timeZone) };
}

/** Zones whose date is kept: an organization's zone is one of the few hundred IANA zones, so all of them fit. */
const ZONES_KEPT = 1024;

/**
 * Today in a zone, worked out once per minute of the clock rather than at every turn: every zone's
 * offset from UTC (and so each local midnight) has been a whole number of minutes since 1972, so the
 * date in a zone can only change where a minute starts.
 */
function todayPerZone(now: () => Date): (timeZone: string) => PlainDate {
  const known = new LRUCache<string, { minute: number; date: PlainDate }>({ max: ZONES_KEPT });
  return (timeZone) => {
    const instant = now();
    const minute = Math.floor(instant.getTime() / 60_000);
    const kept = known.get(timeZone);
    if (kept?.minute === minute) return kept.date;
    const date = calendarDateIn(instant, timeZone);
    known.set(timeZone, { minute, date });
    return date;
  };
}
