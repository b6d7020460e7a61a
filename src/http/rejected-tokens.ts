/**
 * Authorization headers the SDK refused recently, so a flood that repeats one forged token is
 * answered 401 from its headers alone: no body read, no signature checked again. Bounded in entries
 * and time. Only refusals the token itself causes are remembered (a bad signature, expiry, another
 * issuer, audience or algorithm, no usable scheme): one refused because of the bot's state (signing
 * keys rotated since the last refresh), the clock (not yet valid) or the activity it came with
 * (another service URL, endorsements per channel) could be Teams' own token a moment later.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { cacheClock } from '../cache-clock.js';

/** Forged tokens remembered at once: a flood's few repeated ones fit many times over, in about 1 MB of keys. */
const MAX_ENTRIES = 10_000;
/** The SDK's (and jsonwebtoken's) messages for refusals that depend on the token alone. */
const TOKEN_ITSELF_REFUSED =
  /invalid signature|jwt malformed|jwt signature is required|invalid algorithm|not in allowed list|jwt audience invalid|jwt issuer invalid|token has expired|Invalid AppId passed on token|Request is not authorized|No valid identity|Is not authenticated|Issuer Claim MUST be present/i;
/** Long enough to outlast a flood's bursts, short enough that a refusal is reconsidered now and then. */
const REMEMBER_MS = 10 * 60_000;

export function createRejectedTokens(now: () => number = () => Date.now()) {
  const rejected = new LRUCache<string, true>({ max: MAX_ENTRIES, ttl: REMEMBER_MS, ...cacheClock(now) });
  const keyOf = (authHeader: string) => createHash('sha256').update(authHeader).digest('base64url');
  return {
    has(authHeader: string): boolean {
      // Most requests arrive while nothing is remembered: no hash for them.
      if (authHeader === '' || rejected.size === 0) return false;
      return rejected.get(keyOf(authHeader)) !== undefined; // get, not has: a stale entry goes
    },
    remember(authHeader: string, reason: string): void {
      if (authHeader === '' || !TOKEN_ITSELF_REFUSED.test(reason)) return;
      rejected.set(keyOf(authHeader), true);
    },
    get size() {
      return rejected.size;
    },
  };
}
