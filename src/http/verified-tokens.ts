/**
 * Authorization headers whose token passed the header check recently: Teams sends the same token
 * with many requests for up to an hour, and its signature need not be checked twice per request (the
 * full check after the body still runs on every one). Only a token that verified gets in, so nobody
 * without a valid one can fill it; bounded in entries and time.
 */
import { createHash } from 'node:crypto';

/** Tokens remembered at once: the channel signs a handful per bot and hour. */
const MAX_ENTRIES = 1_024;
/** Long enough to spare most signature checks, short against a token revoked meanwhile. */
const REMEMBER_MS = 5 * 60_000;

export function createVerifiedTokens(now: () => number = () => Date.now()) {
  const until = new Map<string, number>();
  const keyOf = (authHeader: string) => createHash('sha256').update(authHeader).digest('base64url');
  return {
    has(authHeader: string): boolean {
      const key = keyOf(authHeader);
      const expiresAt = until.get(key);
      if (expiresAt !== undefined && expiresAt > now()) return true;
      until.delete(key);
      return false;
    },
    remember(authHeader: string): void {
      const key = keyOf(authHeader);
      until.delete(key);
      until.set(key, now() + REMEMBER_MS);
      // Maps iterate in insertion order: the first key is the oldest.
      if (until.size > MAX_ENTRIES) until.delete(until.keys().next().value as string);
    },
  };
}
