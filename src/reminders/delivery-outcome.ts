/**
 * How a failed send is handled is decided from the host's classification (host/contract.ts
 * DeliveryFailure): Teams' throttling (429) waits as told, transient failures retry a few times, a
 * bot that left the conversation stops it.
 */
import { DeliveryError, reasonOf, type DeliveryFailure } from '../host/contract.js';

/** The failure a sender rejected with; anything else that went wrong counts as transient. */
export function deliveryFailureOf(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryError) return error.failure;
  return { kind: 'transient', reason: reasonOf(error) };
}

/** Exponential backoff with full jitter: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
