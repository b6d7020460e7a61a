/**
 * Keeps the turn gate's limit in step with the event loop: a timer that should fire every 100 ms
 * measures how late it runs (the lag), and nextTurnLimit turns that into the next limit.
 */
import { createTurnGate, nextTurnLimit, type TurnGate } from './turn-gate.js';

export interface LoadControlSettings {
  /** Most turns running at once, however idle the CPU (MAX_CONCURRENT_TURNS). */
  maxConcurrentTurns: number;
  /** Turns allowed to wait; past that a request gets 503 with Retry-After (MAX_WAITING_TURNS). */
  maxWaitingTurns: number;
}

const SAMPLE_EVERY_MS = 100;
const MIN_CONCURRENT_TURNS = 4;
/** Lag this small keeps an iteration short enough to accept a new connection ~20 times a second. */
const TARGET_LAG_MS = 40;
const STARTING_LIMIT = 16;

export function startLoadControl(settings: LoadControlSettings): { gate: TurnGate; stop(): void } {
  const limits = { min: Math.min(MIN_CONCURRENT_TURNS, settings.maxConcurrentTurns), max: settings.maxConcurrentTurns, targetLagMs: TARGET_LAG_MS };
  const gate = createTurnGate({ limit: Math.min(STARTING_LIMIT, limits.max), maxWaiting: settings.maxWaitingTurns });
  let expectedAt = performance.now() + SAMPLE_EVERY_MS;
  const sampler = setInterval(() => {
    const now = performance.now();
    const lagMs = Math.max(0, now - expectedAt);
    expectedAt = now + SAMPLE_EVERY_MS;
    gate.setLimit(nextTurnLimit(gate.limit, { lagMs, turnsWaiting: gate.waiting > 0 }, limits));
  }, SAMPLE_EVERY_MS);
  sampler.unref();
  return { gate, stop: () => clearInterval(sampler) };
}
