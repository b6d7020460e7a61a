/**
 * The delivery policy every proactive call of a pass follows, channel or personal: Teams' rate
 * limits per conversation and per tenant, 429 waits as told (or backs off), transient failures retry
 * a few times and then leave the reminder for a later pass, 403/404 and other refusals end it.
 * The caller records the outcome on its reminder.
 */
import type { Logger } from '../logger.js';
import type { ReminderKey, ReminderLedger } from '../storage/reminder-store.js';
import type { PassReport } from './pass-report.js';
import { backoffMs, classifyDeliveryError } from './delivery-outcome.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import type { ReminderSettings } from './settings.js';

export type SendOutcome =
  | { outcome: 'sent' }
  /** 403/404: the bot can no longer reach the conversation (or the member). */
  | { outcome: 'gone'; status: 403 | 404 }
  /** Not called: the service URL is outside SERVICE_URL_ALLOWLIST. */
  | { outcome: 'untrusted'; reason: string; retryAt: Date }
  | { outcome: 'rejected'; status: number; reason: string }
  /** Tries used up for this pass (or a Retry-After too long): try again from `retryAt`. */
  | { outcome: 'pending'; reason: string; retryAt: Date };

export interface RetryPolicy {
  settings: ReminderSettings;
  log: Logger;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** Limiters shared by every send of the runner, so channel and personal sends count together. */
export function createLimiters(policy: Pick<RetryPolicy, 'settings' | 'clock' | 'sleep'>) {
  const now = () => policy.clock().getTime();
  return {
    conversation: new SlidingWindowLimiter(policy.settings.conversationLimits, now, policy.sleep),
    tenant: new SlidingWindowLimiter(policy.settings.tenantLimits, now, policy.sleep),
  };
}

export type Limiters = ReturnType<typeof createLimiters>;

export interface SendCall {
  tenantId: string;
  /** The conversation the call writes to or reads from, for its rate limit. */
  conversationId: string;
  /** For the logs: what is being sent. */
  kind: string;
  attempt: () => Promise<void>;
}

export function createSendWithRetries(policy: RetryPolicy, limiters: Limiters) {
  const { settings, log, clock, sleep } = policy;
  return async function sendWithRetries(call: SendCall): Promise<SendOutcome> {
    let transientTries = 0;
    let throttledTries = 0;
    for (;;) {
      await limiters.conversation.acquire([call.conversationId]);
      await limiters.tenant.acquire([call.tenantId]);
      try {
        await call.attempt();
        return { outcome: 'sent' };
      } catch (error) {
        const failure = classifyDeliveryError(error);
        if (failure.kind === 'gone') return { outcome: 'gone', status: failure.status };
        // Kept pending, not failed: a later activity from Teams (rememberServiceUrl) or a corrected
        // SERVICE_URL_ALLOWLIST makes it go out at the next pass; until then it is never called.
        if (failure.kind === 'untrusted') return { outcome: 'untrusted', reason: failure.reason, retryAt: new Date(clock().getTime() + settings.retryBaseMs) };
        if (failure.kind === 'rejected') return { outcome: 'rejected', status: failure.status, reason: failure.reason };
        const throttled = failure.kind === 'throttled';
        const tries = throttled ? ++throttledTries : ++transientTries;
        const limit = throttled ? settings.maxThrottledAttempts : settings.maxAttempts;
        const wait = throttled && failure.retryAfterMs !== undefined ? failure.retryAfterMs : backoffMs(tries, settings.retryBaseMs, settings.retryCapMs);
        const reason = throttled ? 'HTTP 429: throttled by Teams' : failure.reason;
        if (tries >= limit || wait > settings.maxRetryAfterMs) {
          return { outcome: 'pending', reason, retryAt: new Date(clock().getTime() + Math.max(wait, settings.retryBaseMs)) };
        }
        log.debug({ tenantId: call.tenantId, kind: call.kind, reason, waitMs: wait }, 'reminder send retrying');
        await sleep(wait);
      }
    }
  };
}

export type SendWithRetries = ReturnType<typeof createSendWithRetries>;

/** A send that did not go out and did not lose its conversation: refused for good, or left for a later pass. */
export type NotSent = Extract<SendOutcome, { outcome: 'rejected' | 'untrusted' | 'pending' }>;

/** Records a NotSent outcome on its reminder (failed, or pending with its retry time) and in the report. */
export async function recordNotSent(
  context: { storage: Pick<ReminderLedger, 'closeReminder' | 'releaseReminder'>; report: PassReport; log: Logger },
  key: ReminderKey,
  result: NotSent,
  what: 'reminder' | 'personal reminder',
): Promise<void> {
  const { storage, report, log } = context;
  if (result.outcome === 'rejected') {
    await storage.closeReminder(key, 'failed', result.reason);
    report.add(key, 'failed', result.reason);
    log.error({ tenantId: key.tenantId, kind: key.kind, status: result.status }, `${what} rejected by the connector`);
    return;
  }
  await storage.releaseReminder(key, { reason: result.reason, retryAt: result.retryAt });
  report.add(key, 'pending', result.reason);
  if (result.outcome === 'untrusted') log.warn({ tenantId: key.tenantId, kind: key.kind }, `${what} not sent: the service URL is not in SERVICE_URL_ALLOWLIST`);
  else log.warn({ tenantId: key.tenantId, kind: key.kind, reason: result.reason, retryAt: result.retryAt }, `${what} left pending for a later pass`);
}
