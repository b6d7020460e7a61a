/** `npx tsx bench/fan-out-only.ts [organizations]`: the fan-out scenario of `npm run bench` alone (auth off and on). */
import { benchFanOut } from './fan-out.js';

const organizations = Number(process.argv[2] ?? 2_000);
const runs = await benchFanOut({ organizations, latencyMs: 5, log: (line) => console.log(line) });
for (const run of runs) {
  console.log(
    `${run.limiter.padEnd(15)} auth ${run.authentication.padEnd(3)}  ${run.sendsPerSecond.toFixed(0).padStart(5)}/s  CPU ${run.cpuMicrosPerSend.toFixed(0).padStart(5)} µs/send  tokens ${run.tokenRequests ?? '-'}  peak RSS ${run.peakRssMb.toFixed(0)} MB`,
  );
}
process.exit(0);
