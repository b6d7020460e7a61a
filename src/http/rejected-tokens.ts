/**
 * Authorization headers the SDK refused recently, so a flood that repeats one forged token is
 * answered 401 from its headers alone: no body read, no signature checked again. Bounded in entries
 * and time; only refusals that depend on the token alone are remembered (one refused because of the
 * activity it came with, such as a service URL that differs from the token's, could be valid with
 * another activity).
 */
import { createHash } from 'node:crypto';

const MAX_ENTRIES = 10_000;
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
      if (authHeader === '' || /serviceurl/i.test(reason)) return;
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
