/**
 * Teams may move a tenant to another service URL, and the tenant's reminder target must follow
 * (storage.rememberServiceUrl: one indexed read, a write only when the URL changed). Storage is asked
 * only when a tenant's URL differs from the one this process last brought the target up to date with,
 * or when that was a while ago, since another instance of the bot (same database) may have saved a
 * target with another URL in between; not at every turn.
 */

/** Tenants remembered; the oldest is forgotten first (and is then only asked again). */
const TENANTS_REMEMBERED = 10_000;
/** After this long a tenant's URL is checked again, whatever this process saw. */
export const RECHECK_AFTER_MS = 5 * 60_000;

export function serviceUrlMemory(
  remember: (tenantId: string, serviceUrl: string) => Promise<void>,
  clock: () => number = () => performance.now(),
): (tenantId: string, serviceUrl: string) => Promise<void> {
  const checked = new Map<string, { serviceUrl: string; at: number }>();
  return async (tenantId, serviceUrl) => {
    const known = checked.get(tenantId);
    if (known && known.serviceUrl === serviceUrl && clock() - known.at < RECHECK_AFTER_MS) return;
    await remember(tenantId, serviceUrl);
    checked.delete(tenantId);
    checked.set(tenantId, { serviceUrl, at: clock() });
    if (checked.size > TENANTS_REMEMBERED) checked.delete(checked.keys().next().value as string);
  };
}
