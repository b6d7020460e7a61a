// Run as its own process during a load test, so its timings are not delayed by the busy test
// process: every second, once the delay in ms given as the second argument has passed, it opens a
// brand-new connection (no keep-alive) to the URL given as the first and times the answer. On
// SIGTERM it prints how many probes it made and the slowest wait in ms (null if one failed).
import { get } from 'node:http';

const [url, startAfterMs = '0'] = process.argv.slice(2);
const waiting = new Set();
let slowestMs = 0;
let probes = 0;
const probe = () => {
  probes++;
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
let timer;
const starting = setTimeout(() => (timer = setInterval(probe, 1000)), Number(startAfterMs));
process.on('SIGTERM', () => {
  clearTimeout(starting);
  clearInterval(timer);
  // A probe still unanswered has waited at least this long.
  for (const started of waiting) slowestMs = Math.max(slowestMs, performance.now() - started);
  process.stdout.write(`${JSON.stringify({ probes, slowestMs: Number.isFinite(slowestMs) ? Math.round(slowestMs) : null })}\n`, () => process.exit(0));
});
