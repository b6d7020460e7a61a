/**
 * The Bot Framework SDK fetches the channel's OpenID metadata and signing keys with no timeout, once
 * per request while it has none (every request during an outage), and reports a failed fetch like a
 * bad token. This guard wraps its fetch so that concurrent requests share one, each waits at most
 * `timeoutMs`, keys already held keep working when a refresh fails, and an outage is told apart
 * from a rejected token (503, not 401).
 *
 * The SDK does not export the class (botframework-connector/lib/auth/openIdMetadata), so the guard
 * patches its prototype once.
 */
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';
import type { Logger } from '../logger.js';
import { sampledLog } from '../sampled-log.js';
import { withTimeout } from '../with-timeout.js';

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
/** After a failed refresh while keys are held, the held keys are used this long before trying again. */
const RETRY_WITH_HELD_KEYS_MS = 60_000;
const heldUntil = new WeakMap<object, number>();
let settings: { timeoutMs: number; log?: Logger } = { timeoutMs: 5_000 };

let outageLog: ReturnType<typeof sampledLog> | undefined;

export function installKeySetGuard(options: { timeoutMs: number; log?: Logger }): void {
  settings = options;
  // Every request asks during an outage: one line a second says so, with how many asked.
  outageLog = options.log && sampledLog(options.log, 'signing keys unavailable: requests get 503 until they can be fetched (or use the keys held)', 1_000, 'error');
  (OpenIdMetadata.prototype as unknown as MetadataInternals).refreshCache = guardedRefresh;
}

async function guardedRefresh(this: MetadataInternals): Promise<void> {
  const holding = this.keys && this.keys.length > 0;
  if (holding && (heldUntil.get(this) ?? 0) > Date.now()) return; // a refresh failed just now: keep the held keys
  let fetching = fetchesInFlight.get(this);
  if (!fetching) {
    const started: Promise<void> = originalRefresh.call(this).finally(() => {
      if (fetchesInFlight.get(this) === started) fetchesInFlight.delete(this);
    });
    fetching = started;
    fetchesInFlight.set(this, fetching);
  }
  try {
    await withTimeout(fetching, settings.timeoutMs, () => new Error(`no answer within ${settings.timeoutMs} ms`));
    heldUntil.delete(this);
  } catch (error) {
    // A fetch that hangs is abandoned: the next request starts a new one instead of joining it forever.
    if (fetchesInFlight.get(this) === fetching) fetchesInFlight.delete(this);
    const reason = error instanceof Error ? error.message : String(error);
    if (holding) {
      // The keys we hold are still the channel's until it says otherwise: keep serving with them.
      heldUntil.set(this, Date.now() + RETRY_WITH_HELD_KEYS_MS);
      outageLog?.count({ metadataUrl: this.url, reason, keysHeld: true });
      return;
    }
    outageLog?.count({ metadataUrl: this.url, reason, keysHeld: false });
    throw new KeySetUnavailableError(this.url, reason);
  }
}
