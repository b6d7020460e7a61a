/**
 * `npm run bench` (`-- --quick` for a short run): builds if dist/ is stale, runs every scenario on this machine,
 * prints the tables, writes bench/results.json and bench/chart.svg.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { TEAMS_MESSAGE_LIMIT_BYTES, benchCards } from './cards.js';
import { writeChart } from './chart.js';
import { startConnector } from './connector.js';
import { benchFanOut } from './fan-out.js';
import { ROOT, SERVER_ENTRY } from './processes.js';
import { evaluateGoals, formatReport, writeResults, type Results } from './report.js';
import { benchSchedulerScan } from './scheduler-scan.js';
import { benchStartup } from './startup.js';
import { seedTurnOrganizations } from './turn-load.js';
import { benchTurns } from './turns-scenario.js';

const quick = process.argv.includes('--quick');
const plan = quick
  ? { rounds: 3, seconds: 3, warmupSeconds: 2, fanOut: 2_000, scanSizes: [1_000, 10_000], scanPasses: 3, startupRuns: 3, cardBatchMs: 40 }
  : { rounds: 3, seconds: 10, warmupSeconds: 5, fanOut: 10_000, scanSizes: [10_000, 100_000, 1_000_000], scanPasses: 3, startupRuns: 5, cardBatchMs: 200 };
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function build(): string {
  log('building if dist/ is stale (src/build-if-stale.mjs) …');
  try {
    execFileSync(process.execPath, ['src/build-if-stale.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    return 'built at start';
  } catch (error) {
    if (!existsSync(join(ROOT, SERVER_ENTRY))) throw error;
    log('the build failed: measuring the existing dist/ (see the compiler output above)');
    return 'build failed, existing dist/ measured';
  }
}

async function main(): Promise<void> {
  const buildStatus = build();
  const cpu = cpus();
  const machine = { cores: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, totalMemoryMb: Math.round(totalmem() / 2 ** 20) };
  log(`machine: ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}; mode ${quick ? 'quick' : 'full'}`);

  log('cards …');
  const cards = { ...benchCards({ batchMs: plan.cardBatchMs, batches: 5 }), limitBytes: TEAMS_MESSAGE_LIMIT_BYTES };

  const fanOut = await benchFanOut({ organizations: plan.fanOut, latencyMs: 5, log });

  const turnsDir = mkdtempSync(join(tmpdir(), 'bench-turns-'));
  const connector = await startConnector(0);
  let turns;
  let startup;
  try {
    await seedTurnOrganizations(turnsDir, 50);
    startup = await benchStartup({ connector, dataDir: turnsDir, runs: plan.startupRuns, log });
    turns = await benchTurns({ connections: 32, organizations: 50, seconds: plan.seconds, rounds: plan.rounds, warmupSeconds: plan.warmupSeconds, dataDir: turnsDir, connector, profile: true, log });
  } finally {
    await connector.close();
    rmSync(turnsDir, { recursive: true, force: true });
  }

  const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  const scan = await benchSchedulerScan({ sizes: plan.scanSizes, passes: plan.scanPasses, postgresUrl, seedBudgetSeconds: 300, log });

  const partial = {
    generatedAt: new Date().toISOString(),
    mode: quick ? ('quick' as const) : ('full' as const),
    durationSeconds: (performance.now() - started) / 1000,
    machine,
    build: buildStatus,
    turns,
    startup,
    fanOut,
    scan,
    cards,
  };
  const results: Results = { ...partial, goals: evaluateGoals(partial) };
  console.log(formatReport(results));
  writeResults(join(ROOT, 'bench/results.json'), results);
  await writeChart(join(ROOT, 'bench/chart.svg'), results);
  log('wrote bench/results.json and bench/chart.svg');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
