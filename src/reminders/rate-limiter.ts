/**
 * Sliding-window rate limits per key, several windows per key (Teams: per conversation 7/1 s,
 * 8/2 s, 60/30 s, 1800/h; per tenant ~30/s). `acquire` waits until every window has room, then
 * takes a slot, so concurrent senders never exceed a limit together.
 */
import { sleep as realSleep } from '../with-timeout.js';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Parses "7/1,8/2,60/30,1800/3600" (count/seconds) into windows; empty means no limit. */
export function parseRateWindows(text: string): RateWindow[] {
  if (text.trim() === '' || text.trim() === 'off') return [];
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) throw new Error(`"${part}" is not a rate limit written count/seconds, e.g. 7/1`);
    return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 };
  });
}

export class SlidingWindowLimiter {
  /** Send times per key, oldest first, kept only as long as the longest window. */
  private readonly history = new Map<string, number[]>();
  private readonly longestWindowMs: number;
  private acquisitions = 0;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {
    this.longestWindowMs = Math.max(0, ...windows.map((window) => window.windowMs));
  }

  /** Milliseconds until a send for `key` would fit every window (0 = now). */
  waitTime(key: string, now = this.clock()): number {
    const times = this.history.get(key);
    if (!times) return 0;
    let wait = 0;
    for (const { limit, windowMs } of this.windows) {
      const inWindow = times.filter((time) => time > now - windowMs);
      if (inWindow.length >= limit) {
        const oldestThatMustExpire = inWindow[inWindow.length - limit] as number;
        wait = Math.max(wait, oldestThatMustExpire + windowMs - now);
      }
    }
    return wait;
  }

  /** Waits for room under every one of `keys`, then records one send for each. */
  async acquire(keys: readonly string[]): Promise<void> {
    if (this.windows.length === 0) return;
    for (;;) {
      const now = this.clock();
      const wait = Math.max(0, ...keys.map((key) => this.waitTime(key, now)));
      if (wait <= 0) {
        for (const key of keys) this.record(key, now);
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }

  /** Keys tracked now; stays bounded because idle keys are dropped. */
  get size(): number {
    return this.history.size;
  }

  private record(key: string, now: number): void {
    const times = this.history.get(key) ?? [];
    times.push(now);
    while (times.length > 0 && (times[0] as number) <= now - this.longestWindowMs) times.shift();
    this.history.set(key, times);
    if (++this.acquisitions % 1000 === 0) this.dropIdleKeys(now);
  }

  private dropIdleKeys(now: number): void {
    for (const [key, times] of this.history) {
      if ((times[times.length - 1] ?? 0) <= now - this.longestWindowMs) this.history.delete(key);
    }
  }
}
