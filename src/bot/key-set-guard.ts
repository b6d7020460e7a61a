/**
 * The Bot Framework SDK fetches the channel's OpenID metadata and signing keys with no timeout, once
 * per request while it has none (every request during an outage), and reports a failed fetch like a
 * bad token. This guard wraps its fetch so that concurrent requests share one, each waits at most
 * `timeoutMs`, keys already held keep working when a refresh fails, and an outage is told apart
 * from a rejected token (503, not 401).
 *
 * The SDK does not export the class (botframework-connector/lib/auth/openIdMetadata), so the guard
 * patches its prototype once; `keySetGuardInstalled()` lets a test show the patch took.
 */
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';
import type { Logger } from '../logger.js';

/** The signing keys could not be fetched: nobody's token can be checked, so the request is 503. */
export class KeySetUnavailableError extends Error {
  constructor(
    readonly metadataUrl: string,
    readonly reason: string,
  ) {
    super(`signing keys unavailable from ${metadataUrl}: ${reason}`);
    this.name = 'KeySetUnavailableError';
  }
}

interface MetadataInternals {
  url: string;
  keys?: unknown[];
  refreshCache(): Promise<void>;
}

const originalRefresh = (OpenIdMetadata.prototype as unknown as MetadataInternals).refreshCache;
const fetchesInFlight = new WeakMap<object, Promise<void>>();
let settings: { timeoutMs: number; log?: Logger } = { timeoutMs: 5_000 };

export function installKeySetGuard(options: { timeoutMs: number; log?: Logger }): void {
  settings = options;
  (OpenIdMetadata.prototype as unknown as MetadataInternals).refreshCache = guardedRefresh;
}

export function keySetGuardInstalled(): boolean {
  return (OpenIdMetadata.prototype as unknown as MetadataInternals).refreshCache === guardedRefresh;
}

async function guardedRefresh(this: MetadataInternals): Promise<void> {
  let fetching = fetchesInFlight.get(this);
  if (!fetching) {
    fetching = originalRefresh.call(this).finally(() => fetchesInFlight.delete(this));
    fetchesInFlight.set(this, fetching);
  }
  try {
    await withTimeout(fetching, settings.timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.keys && this.keys.length > 0) {
      // The keys we hold are still the channel's until it says otherwise: keep serving with them.
      settings.log?.warn({ metadataUrl: this.url, reason }, 'signing keys not refreshed; keeping the ones held');
      return;
    }
    settings.log?.error({ metadataUrl: this.url, reason }, 'signing keys unavailable: requests get 503 until they can be fetched');
    throw new KeySetUnavailableError(this.url, reason);
  }
}

function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
