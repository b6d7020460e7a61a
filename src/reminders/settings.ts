/** Tunables of reminder delivery; defaults keep under Teams' published limits. */
import type { RateWindow } from './rate-limiter.js';

export interface ReminderSettings {
  /** Local hour (0–23, organization's zone) from which a day's reminders go out. */
  localHour: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** Reminders claimed per database round trip. */
  batchSize: number;
  /** A send not answered in this time counts as a transient failure. */
  sendTimeoutMs: number;
  /** Tries per pass for transient failures (412, 5xx, timeouts) before leaving it pending. */
  maxAttempts: number;
  /** Tries per pass when throttled (429). */
  maxThrottledAttempts: number;
  /** A Retry-After longer than this leaves the reminder pending for a later pass instead of waiting. */
  maxRetryAfterMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** How long a claim holds a reminder; after it a killed runner's reminders are taken again. */
  leaseMs: number;
  /** Limits per conversation (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/h); empty = off. */
  conversationLimits: RateWindow[];
  /** Limits per tenant (Teams: about 30 requests/s per app per tenant); empty = off. */
  tenantLimits: RateWindow[];
  /** Also remind the Primary Program Contact in a 1:1 chat (PERSONAL_REMINDERS). */
  personalReminders: boolean;
}

export const TEAMS_CONVERSATION_LIMITS = '7/1,8/2,60/30,1800/3600';
export const TEAMS_TENANT_LIMITS = '30/1';
