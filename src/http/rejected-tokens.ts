/**
 * Authorization headers the SDK refused recently, so a flood that repeats one forged token is
 * answered 401 from its headers alone: no body read, no signature checked again. Bounded in entries
 * and time. Only refusals the token itself causes are remembered (a bad signature, expiry, another
 * issuer, audience or algorithm, no usable scheme): one refused because of the bot's state (signing
 * keys rotated since the last refresh), the clock (not yet valid) or the activity it came with
 * (another service URL, endorsements per channel) could be Teams' own token a moment later.
 */
import { createHash } from 'node:crypto';

const MAX_ENTRIES = 10_000;
/** The SDK's (and jsonwebtoken's) messages for refusals that depend on the token alone. */
const TOKEN_ITSELF_REFUSED =
  /invalid signature|jwt malformed|jwt signature is required|invalid algorithm|not in allowed list|jwt audience invalid|jwt issuer invalid|token has expired|Invalid AppId passed on token|Request is not authorized|No valid identity|Is not authenticated|Issuer Claim MUST be present/i;
const REMEMBER_MS = 10 * 60_000;

export function createRejectedTokens(now: () => number = () => Date.now()) {
  const until = new Map<string, number>();
  const keyOf = (authHeader: string) => createHash('sha256').update(authHeader).digest('base64url');
  return {
    has(authHeader: string): boolean {
      if (authHeader === '' || until.size === 0) return false;
      const key = keyOf(authHeader);
      const expiresAt = until.get(key);
      if (expiresAt === undefined) return false;
      if (expiresAt > now()) return true;
      until.delete(key);
      return false;
    },
    remember(authHeader: string, reason: string): void {
      if (authHeader === '' || !TOKEN_ITSELF_REFUSED.test(reason)) return;
      const key = keyOf(authHeader);
      until.delete(key);
      until.set(key, now() + REMEMBER_MS);
      // Maps iterate in insertion order: the first key is the oldest.
      if (until.size > MAX_ENTRIES) until.delete(until.keys().next().value as string);
    },
    get size() {
      return until.size;
    },
  };
}
