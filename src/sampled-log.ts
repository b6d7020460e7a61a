/**
 * A warning that a flood could repeat thousands of times a second (rejected tokens) is logged at
 * most once per interval, with how many happened since: the log stays readable and cheap.
 */
import type { Logger } from './logger.js';

export function sampledLog(log: Logger, message: string, intervalMs = 1_000, level: 'warn' | 'error' = 'warn') {
  let lastAt = -Infinity;
  let since = 0;
  return {
    count(fields: Record<string, unknown>): void {
      since++;
      const now = performance.now();
      if (now - lastAt < intervalMs) return;
      log[level]({ ...fields, count: since }, message);
      lastAt = now;
      since = 0;
    },
  };
}
