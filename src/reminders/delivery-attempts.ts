/**
 * The one policy every call to the Bot Connector follows, a reminder's send or a message's update:
 * wait for room under the conversation's and the tenant's rate limits, call once, and on failure
 * retry as the answer says (429 as Teams asks, 412/5xx/timeouts a few times), then hand back an
 * outcome for the caller to record. Runners share one instance, so sends and updates count
 * against the same limits.
 */
import type { Logger } from '../logger.js';
import { backoffMs, deliveryFailureOf } from './delivery-outcome.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import type { ReminderSettings } from './settings.js';

export type AttemptOutcome<T> =
  | { outcome: 'done'; value: T }
  /** 403/404: the bot is no longer in the conversation, or the message no longer exists. */
  | { outcome: 'gone'; status: 403 | 404 }
  /** Not called: the service URL is outside SERVICE_URL_ALLOWLIST. */
  | { outcome: 'untrusted'; reason: string }
  /** A final refusal (another 4xx). */
  | { outcome: 'rejected'; status: number; reason: string }
  /** Still failing after the tries this pass allows: try again at `retryAt`. */
  | { outcome: 'later'; reason: string; retryAt: Date };

export type AttemptDelivery = <T>(where: { conversationId: string; tenantId: string }, call: () => Promise<T>) => Promise<AttemptOutcome<T>>;

export function createDeliveryAttempts(deps: { settings: ReminderSettings; clock: () => Date; sleep: (ms: number) => Promise<void>; log: Logger }): AttemptDelivery {
  const { settings, clock, sleep, log } = deps;
  const conversationLimiter = new SlidingWindowLimiter(settings.conversationLimits, () => clock().getTime(), sleep);
  const tenantLimiter = new SlidingWindowLimiter(settings.tenantLimits, () => clock().getTime(), sleep);

  return async function attempt(where, call) {
    let transientTries = 0;
    let throttledTries = 0;
    for (;;) {
      await conversationLimiter.acquire([where.conversationId]);
      await tenantLimiter.acquire([where.tenantId]);
      try {
        return { outcome: 'done', value: await call() };
      } catch (error) {
        const failure = deliveryFailureOf(error);
        if (failure.kind === 'gone') return { outcome: 'gone', status: failure.status };
        if (failure.kind === 'untrusted') return { outcome: 'untrusted', reason: failure.reason };
        if (failure.kind === 'rejected') return { outcome: 'rejected', status: failure.status, reason: failure.reason };
        const throttled = failure.kind === 'throttled';
        const tries = throttled ? ++throttledTries : ++transientTries;
        const limit = throttled ? settings.maxThrottledAttempts : settings.maxAttempts;
        const wait = throttled && failure.retryAfterMs !== undefined ? failure.retryAfterMs : backoffMs(tries, settings.retryBaseMs, settings.retryCapMs);
        const reason = throttled ? 'HTTP 429: throttled by Teams' : failure.reason;
        if (tries >= limit || wait > settings.maxRetryAfterMs) {
          return { outcome: 'later', reason, retryAt: new Date(clock().getTime() + Math.max(wait, settings.retryBaseMs)) };
        }
        log.debug({ tenantId: where.tenantId, reason, waitMs: wait }, 'connector call retrying');
        await sleep(wait);
      }
    }
  };
}
