// Run as its own process during a load test, so its timings are not delayed by the busy test
// process: every second it opens a brand-new connection (no keep-alive) to the URL given as its
// argument and times the answer. On SIGTERM it prints the slowest wait in ms (null if one failed).
import { get } from 'node:http';

const url = process.argv[2];
const waiting = new Set();
let slowestMs = 0;
const probe = () => {
  const started = performance.now();
  waiting.add(started);
  const done = (failed) => {
    waiting.delete(started);
    slowestMs = failed ? Number.POSITIVE_INFINITY : Math.max(slowestMs, performance.now() - started);
  };
  get(url, { agent: false }, (response) => {
    response.resume();
    response.on('end', () => done(response.statusCode !== 200));
  }).on('error', () => done(true));
};
const timer = setInterval(probe, 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  // A probe still unanswered has waited at least this long.
  for (const started of waiting) slowestMs = Math.max(slowestMs, performance.now() - started);
  process.stdout.write(`${JSON.stringify({ slowestMs: Number.isFinite(slowestMs) ? Math.round(slowestMs) : null })}\n`, () => process.exit(0));
});
