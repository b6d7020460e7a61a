/**
 * Runs a reminder pass every few minutes inside the server, and soon after a turn queued message
 * updates (a tick, a recorded renewal) so the channel does not show the old card for minutes; passes
 * never overlap.
 */
import type { Logger } from '../logger.js';
import type { ReminderRunner } from './runner.js';

export interface Ticker {
  /** Asks for a pass within `SOON_MS` (several asks make one pass; one asked during a pass runs after it). */
  soon(): void;
  /** Stops scheduling and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

/** How long a pass asked for by soon() waits, so a burst of ticks is delivered by one pass. */
export const SOON_MS = 2_000;

export function startTicker(runner: ReminderRunner, options: { intervalMs: number; now: () => Date; log: Logger }): Ticker {
  const { log } = options;
  let running: Promise<void> | undefined;
  let soonTimer: NodeJS.Timeout | undefined;
  let askedDuringPass = false;
  let stopped = false;
  /** `asked`: soon() wants this pass; an interval tick during a pass is skipped, an asked one runs after it. */
  const tick = (asked = false) => {
    if (stopped) return;
    if (running) {
      if (asked) askedDuringPass = true;
      return;
    }
    running = runner
      .runPass({ now: options.now() })
      .then((report) => {
        if (report.planned > 0 || report.entries.length > 0) log.info({ planned: report.planned, ...report.counts }, 'reminder pass done');
      })
      .catch((error: unknown) => log.error({ err: error }, 'reminder pass failed'))
      .finally(() => {
        running = undefined;
        if (askedDuringPass && !stopped) {
          askedDuringPass = false;
          setImmediate(() => tick(true));
        }
      });
  };
  const timer = setInterval(() => tick(), options.intervalMs);
  timer.unref();
  setImmediate(() => tick()); // a pass at start catches up on whatever was missed while down
  return {
    soon() {
      if (stopped || soonTimer) return;
      soonTimer = setTimeout(() => {
        soonTimer = undefined;
        tick(true);
      }, SOON_MS);
      soonTimer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(soonTimer);
      await running;
    },
  };
}
