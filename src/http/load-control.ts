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
/** Lag this small keeps an iteration short enough to accept a new connection ~25 times a second. */
const TARGET_LAG_MS = 40;
/** While connections pour in (a restart under traffic), aim for ~100 accepts a second. */
const TARGET_LAG_WHILE_CONNECTING_MS = 10;
/** Accepted in one sample period, this many mean a queue of them (keep-alive clients rarely connect). */
const ARRIVING_CONNECTIONS = 2;
const STARTING_LIMIT = 16;

export interface LoadControl {
  gate: TurnGate;
  /** Call for every accepted connection. */
  connectionAccepted(): void;
  stop(): void;
}

export function startLoadControl(settings: LoadControlSettings): LoadControl {
  const limits = {
    min: Math.min(MIN_CONCURRENT_TURNS, settings.maxConcurrentTurns),
    max: settings.maxConcurrentTurns,
    targetLagMs: TARGET_LAG_MS,
    targetLagWhileConnectingMs: TARGET_LAG_WHILE_CONNECTING_MS,
  };
  const gate = createTurnGate({ limit: Math.min(STARTING_LIMIT, limits.max), maxWaiting: settings.maxWaitingTurns });
  let expectedAt = performance.now() + SAMPLE_EVERY_MS;
  let connectionsSinceSample = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    const lagMs = Math.max(0, now - expectedAt);
    expectedAt = now + SAMPLE_EVERY_MS;
    const connectionsArriving = connectionsSinceSample >= ARRIVING_CONNECTIONS;
    connectionsSinceSample = 0;
    gate.setLimit(nextTurnLimit(gate.limit, { lagMs, turnsWaiting: gate.waiting > 0, connectionsArriving }, limits));
  }, SAMPLE_EVERY_MS);
  sampler.unref();
  return {
    gate,
    connectionAccepted: () => void connectionsSinceSample++,
    stop: () => clearInterval(sampler),
  };
}
