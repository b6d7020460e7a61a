/**
 * Authorization headers whose token passed the header check recently: Teams sends the same token
 * with many requests for up to an hour, and its signature need not be checked twice per request (the
 * full check after the body still runs on every one, expiry included). Only a token that verified
 * gets in, so nobody without a valid one can fill it; bounded in entries and time.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { cacheClock } from '../cache-clock.js';

/** Tokens remembered at once: the channel signs a handful per bot and hour. */
const MAX_ENTRIES = 1_024;
/** Long enough to spare most signature checks, short against a token revoked meanwhile. */
const REMEMBER_MS = 5 * 60_000;

export function createVerifiedTokens(now: () => number = () => Date.now()) {
  const verified = new LRUCache<string, true>({ max: MAX_ENTRIES, ttl: REMEMBER_MS, ...cacheClock(now) });
  const keyOf = (authHeader: string) => createHash('sha256').update(authHeader).digest('base64url');
  return {
    has(authHeader: string): boolean {
      return verified.get(keyOf(authHeader)) !== undefined; // get, not has: a stale entry goes
    },
    remember(authHeader: string): void {
      verified.set(keyOf(authHeader), true);
    },
  };
}
