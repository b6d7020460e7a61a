/**
 * Teams may move a tenant to another service URL, and the tenant's reminder target must follow
 * (storage.rememberServiceUrl: one indexed read, a write only when the URL changed). Storage is asked
 * only when a tenant's URL differs from the one this process last brought the target up to date with,
 * or when that was a while ago, since another instance of the bot (same database) may have saved a
 * target with another URL in between; not at every turn.
 */
import { LRUCache } from 'lru-cache';
import { cacheClock } from '../cache-clock.js';

/** Tenants remembered (the least recently seen is forgotten first, and is then only asked again): about 1 MB. */
const TENANTS_REMEMBERED = 10_000;
/** After this long a tenant's URL is checked again, whatever this process saw. */
export const RECHECK_AFTER_MS = 5 * 60_000;

export function serviceUrlMemory(
  remember: (tenantId: string, serviceUrl: string) => Promise<void>,
  clock: () => number = () => performance.now(),
): (tenantId: string, serviceUrl: string) => Promise<void> {
  // tenant id → the service URL its target was last brought up to date with, for RECHECK_AFTER_MS.
  const checked = new LRUCache<string, string>({ max: TENANTS_REMEMBERED, ttl: RECHECK_AFTER_MS, ...cacheClock(clock) });
  return async (tenantId, serviceUrl) => {
    if (checked.get(tenantId) === serviceUrl) return;
    await remember(tenantId, serviceUrl);
    checked.set(tenantId, serviceUrl);
  };
}
