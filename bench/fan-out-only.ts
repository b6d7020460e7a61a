/**
 * `npx tsx bench/fan-out-only.ts [organizations] [--cold] [--concurrency=N]`: the fan-out scenario of
 * `npm run bench` alone (authentication off and on). `--cold`: one pass with authentication on in a fresh
 * process, no warm-up, so the token requests of a first pass (concurrent senders, no token yet) are
 * counted too. `--concurrency=N`: REMINDER_CONCURRENCY for the `--cold` pass (default 8).
 */
import { benchFanOut, fanOutOnce } from './fan-out.js';
import { startTokenEndpoint } from './token-endpoint.js';

const organizations = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 2_000);
const concurrency = Number(process.argv.find((arg) => arg.startsWith('--concurrency='))?.split('=')[1] ?? 0) || undefined;
const runs = [];
if (process.argv.includes('--cold')) {
  const tokens = await startTokenEndpoint();
  try {
    runs.push(await fanOutOnce(organizations, 5, 'off', tokens, concurrency));
  } finally {
    await tokens.close();
  }
} else {
  runs.push(...(await benchFanOut({ organizations, latencyMs: 5, log: (line) => console.log(line) })));
}
for (const run of runs) {
  console.log(
    `${run.limiter.padEnd(15)} auth ${run.authentication.padEnd(3)} concurrency ${run.concurrency} (bound ${run.boundPerSecond.toFixed(0)}/s)  ${run.sendsPerSecond.toFixed(0).padStart(5)}/s  CPU ${run.cpuMicrosPerSend.toFixed(0).padStart(5)} µs/send  tokens ${run.tokenRequests ?? '-'}  peak RSS ${run.peakRssMb.toFixed(0)} MB`,
  );
}
process.exit(0);
