/**
 * How an LRUCache with a `ttl` reads one of our clocks (tests pass fake ones that start at 0 and jump).
 * lru-cache takes a start time of 0 for "no ttl", so the clock is read 1 ms later than it says; and it
 * reads the clock at every check (ttlResolution 0) instead of keeping a reading for a millisecond
 * with a timer, so a clock that jumps is seen at once.
 */
export function cacheClock(now: () => number): { perf: { now: () => number }; ttlResolution: number } {
  return { perf: { now: () => now() + 1 }, ttlResolution: 0 };
}
