/**
 * `npx tsx bench/fan-out-only.ts [organizations] [--cold] [--concurrency=N] [--profile=FILE]`: the fan-out
 * scenario of `npm run bench` alone (authentication off and on). `--cold`: one pass with authentication on in
 * a fresh process, no warm-up, so the token requests of a first pass (concurrent senders, no token yet) are
 * counted too. `--concurrency=N`: REMINDER_CONCURRENCY for the `--cold` pass (default 8). `--profile=FILE`
 * (with `--cold`): a warm-up pass first, then the measured pass under the V8 CPU profiler, written to FILE
 * (read it with `npx tsx bench/profile-summary.ts FILE`). `--cold --sdk-only`: the SDK's ceiling instead (one
 * card, sent through the sender alone, concurrency 32 unless given).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { benchFanOut, fanOutOnce, sdkSendsOnce, type AroundPass } from './fan-out.js';
import { startTokenEndpoint } from './token-endpoint.js';

const profileFile = process.argv.find((arg) => arg.startsWith('--profile='))?.split('=')[1];

/** The pass under the CPU profiler (sampling every 100 µs), the profile written to `file`. */
function profiled(file: string): AroundPass {
  return async (pass) => {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    try {
      return await pass();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    }
  };
}

const organizations = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 2_000);
const concurrency = Number(process.argv.find((arg) => arg.startsWith('--concurrency='))?.split('=')[1] ?? 0) || undefined;
const runs = [];
if (process.argv.includes('--cold')) {
  const tokens = await startTokenEndpoint();
  try {
    if (process.argv.includes('--sdk-only')) {
      await sdkSendsOnce(Math.min(1_000, organizations), 5, concurrency ?? 32, tokens); // warm-up
      runs.push(await sdkSendsOnce(organizations, 5, concurrency ?? 32, tokens, profileFile ? profiled(profileFile) : undefined));
    } else {
      if (profileFile) await fanOutOnce(Math.min(1_000, organizations), 5, 'off', tokens, concurrency); // warm-up, not profiled
      runs.push(await fanOutOnce(organizations, 5, 'off', tokens, concurrency, profileFile ? profiled(profileFile) : undefined));
    }
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
