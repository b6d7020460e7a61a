/** Runs a reminder pass every few minutes inside the server; passes never overlap. */
import type { Logger } from '../logger.js';
import type { ReminderRunner } from './runner.js';

export interface Ticker {
  /** Stops scheduling and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

export function startTicker(runner: ReminderRunner, options: { intervalMs: number; now: () => Date; log: Logger }): Ticker {
  const { log } = options;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return; // the previous pass is still going: skip rather than pile up
    running = runner
      .runPass({ now: options.now() })
      .then((report) => {
        if (report.planned > 0 || report.entries.length > 0) log.info({ planned: report.planned, ...report.counts }, 'reminder pass done');
      })
      .catch((error: unknown) => log.error({ err: error }, 'reminder pass failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  setImmediate(tick); // a pass at start catches up on whatever was missed while down
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
