/**
 * Counts that `npm run verify` adds up into its summary (tokens tried, payloads fuzzed, faults
 * injected…). Tests call `recordStat`; outside verify (no VERIFY_STATS_FILE) it does nothing.
 */
import { appendFileSync } from 'node:fs';

export function recordStat(name: string, value: number): void {
  const file = process.env.VERIFY_STATS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ name, value })}\n`);
}
