/** The limiter keeps every key under every window, whatever the concurrency. */
import { describe, expect, it } from 'vitest';
import { parseRateWindows, SlidingWindowLimiter } from '../../src/reminders/rate-limiter.js';
import { classifyConnectorError } from '../../src/host/delivery-failure.js';
import { backoffMs } from '../../src/reminders/delivery-outcome.js';

function virtualTime() {
  let now = 0;
  return { clock: () => now, sleep: async (ms: number) => void (now += ms) };
}

/** The most sends any window of `windowMs` saw. */
function busiestWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length));
}

describe('SlidingWindowLimiter', () => {
  it("keeps one conversation under Teams' 7/1 s, 8/2 s, 60/30 s and 1800/h", async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(parseRateWindows('7/1,8/2,60/30,1800/3600'), time.clock, time.sleep);
    const sentAt: number[] = [];
    for (let send = 0; send < 200; send++) {
      await limiter.acquire(['conversation-1']);
      sentAt.push(time.clock());
    }
    expect(busiestWindow(sentAt, 1000)).toBeLessThanOrEqual(7);
    expect(busiestWindow(sentAt, 2000)).toBeLessThanOrEqual(8);
    expect(busiestWindow(sentAt, 30_000)).toBeLessThanOrEqual(60);
    // And it is not needlessly slow: 200 sends at 60 per 30 s take just under 100 s.
    expect(sentAt.at(-1)).toBeLessThan(100_000);
  });

  it('limits keys independently', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(parseRateWindows('1/1'), time.clock, time.sleep);
    await limiter.acquire(['a']);
    await limiter.acquire(['b']);
    expect(time.clock()).toBe(0);
    await limiter.acquire(['a']);
    expect(time.clock()).toBe(1000);
  });

  it('holds concurrent acquirers to the limit together', async () => {
    const limiter = new SlidingWindowLimiter(parseRateWindows('5/0.2'));
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 15 }, async () => {
      await limiter.acquire(['shared']);
      sentAt.push(Date.now());
    }));
    expect(busiestWindow(sentAt, 195)).toBeLessThanOrEqual(5);
  });

  it('forgets idle keys so memory stays flat over many conversations', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(parseRateWindows('7/1'), time.clock, time.sleep);
    for (let key = 0; key < 5000; key++) {
      await limiter.acquire([`conversation-${key}`]);
      await time.sleep(1);
    }
    expect(limiter.size).toBeLessThan(2000);
  });

  it('rejects a malformed limit with the part that is wrong', () => {
    expect(() => parseRateWindows('7/1,eight/2')).toThrow('"eight/2" is not a rate limit');
    expect(parseRateWindows('off')).toEqual([]);
  });
});

describe('delivery failures', () => {
  it('reads Retry-After in seconds from a 429', () => {
    const error = Object.assign(new Error('throttled'), { statusCode: 429, response: { headers: { get: (name: string) => (name === 'retry-after' ? '3' : undefined) } } });
    expect(classifyConnectorError(error)).toEqual({ kind: 'throttled', status: 429, retryAfterMs: 3000 });
  });

  it('treats 403 and 404 as a conversation the bot has left, 5xx/412/timeouts as transient, other 4xx as rejected', () => {
    expect(classifyConnectorError({ statusCode: 403 }).kind).toBe('gone');
    expect(classifyConnectorError({ statusCode: 404 }).kind).toBe('gone');
    expect(classifyConnectorError({ statusCode: 502 }).kind).toBe('transient');
    expect(classifyConnectorError({ statusCode: 412 }).kind).toBe('transient');
    expect(classifyConnectorError(new Error('socket hang up')).kind).toBe('transient');
    expect(classifyConnectorError({ statusCode: 400 }).kind).toBe('rejected');
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 100, 10_000, () => 1)).toBe(200);
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffMs(20, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffMs(3, 100, 10_000, () => 0.5)).toBe(400);
  });
});
