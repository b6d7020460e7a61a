/**
 * Bounds how many turns run at once; the rest wait in arrival order, and past a limit are refused.
 *
 * Why: libuv accepts one new connection per event-loop iteration, and an iteration runs every
 * callback that is ready. With hundreds of turns in progress on a busy CPU an iteration took most
 * of a second, so new connections (the channel opening another, a client reconnecting) waited in
 * the kernel's accept queue for tens of seconds and timed out. Admitting fewer turns at once keeps
 * iterations short at no cost in throughput: the CPU is just as busy, and the waiting happens here,
 * in order. How many is not fixed: turns that mostly wait on the Bot Connector cost little, so the
 * limit follows the event loop's lag (see nextTurnLimit).
 */
export interface TurnGate {
  /** Resolves true when the caller may start its turn (it must call leave() after), false when the queue is full. */
  enter(): Promise<boolean>;
  leave(): void;
  /** Raising it starts waiting turns at once; lowering it lets running turns finish. */
  setLimit(limit: number): void;
  readonly limit: number;
  readonly running: number;
  readonly waiting: number;
}

export function createTurnGate(options: { limit: number; maxWaiting: number }): TurnGate {
  let limit = options.limit;
  let running = 0;
  const queue: (() => void)[] = [];
  const startWaiting = () => {
    while (running < limit && queue.length > 0) {
      running++;
      queue.shift()!();
    }
  };
  return {
    enter() {
      if (running < limit && queue.length === 0) {
        running++;
        return Promise.resolve(true);
      }
      if (queue.length >= options.maxWaiting) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => queue.push(() => resolve(true)));
    },
    leave() {
      running--;
      startWaiting();
    },
    setLimit(next) {
      limit = next;
      startWaiting();
    },
    get limit() {
      return limit;
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}

export interface TurnLimitSettings {
  min: number;
  max: number;
  /** Event-loop lag above this means the CPU is the bottleneck: admit fewer turns. */
  targetLagMs: number;
  /** The lag aimed for while new connections keep arriving, so a burst of them is accepted quickly. */
  targetLagWhileConnectingMs: number;
}

export interface LoadObservation {
  lagMs: number;
  turnsWaiting: boolean;
  /** Several connections accepted since the last sample: more are probably queued behind them. */
  connectionsArriving: boolean;
}

/**
 * The next limit, from the lag just measured: down by a quarter while the loop lags, up by an
 * eighth (at least one) while turns are waiting and it does not, unchanged otherwise.
 */
export function nextTurnLimit(current: number, observed: LoadObservation, settings: TurnLimitSettings): number {
  const clamp = (limit: number) => Math.min(settings.max, Math.max(settings.min, limit));
  const targetLagMs = observed.connectionsArriving ? settings.targetLagWhileConnectingMs : settings.targetLagMs;
  if (observed.lagMs > targetLagMs) return clamp(Math.floor(current * 0.75));
  if (observed.turnsWaiting) return clamp(current + Math.max(1, Math.floor(current / 8)));
  return clamp(current);
}
