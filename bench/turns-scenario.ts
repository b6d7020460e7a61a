/**
 * The turns scenario end to end: start the server and the floor, check their replies, warm both up,
 * alternate measured rounds (bot, floor, bot, floor …), then one profiled run of the server.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeanConnector } from './connector.js';
import { FLOOR_ENTRY, SERVER_ENTRY, freePort, serverEnv, spawnNode, waitUntilAnswering, type Child } from './processes.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { checkReplies, runLoad, summarize, type LoadOptions, type TurnRound, type TurnSummary } from './turns.js';

export interface TurnsOptions extends LoadOptions {
  rounds: number;
  warmupSeconds: number;
  dataDir: string;
  connector: LeanConnector;
  profile: boolean;
  /** Copy each .cpuprofile here (for a closer look) instead of only summarizing it. */
  keepProfilesIn?: string;
  log: (line: string) => void;
}

export interface TurnsResult {
  connections: number;
  organizations: number;
  secondsPerRound: number;
  rounds: TurnRound[];
  bot: TurnSummary;
  floor: TurnSummary;
  ratios: { throughput: number; p50: number; p95: number; p99: number };
  profile?: { bot: ProfiledRun; floor: ProfiledRun };
}

const expectBot = (body: string, question: number) => {
  if (body.includes('"code"') || body.includes('Something went wrong')) return 'an error card';
  if (question === 0 && !body.includes('Renewal window opens')) return 'not the anniversary card';
  if (question === 1 && !body.includes('Cloud Platform')) return 'not the requirements card';
  return undefined;
};
const expectFloor = (body: string) => (body.includes('application/vnd.microsoft.card.adaptive') ? undefined : 'no Adaptive Card');

async function startServer(dataDir: string, nodeArgs: string[] = []): Promise<Child> {
  const child = spawnNode(SERVER_ENTRY, await freePort(), serverEnv(dataDir), nodeArgs);
  await waitUntilAnswering(`${child.url}/healthz`, child);
  return child;
}

async function startFloor(nodeArgs: string[] = []): Promise<Child> {
  const child = spawnNode(FLOOR_ENTRY, await freePort(), {}, nodeArgs);
  await waitUntilAnswering(`${child.url}/`, child);
  return child;
}

export async function benchTurns(options: TurnsOptions): Promise<TurnsResult> {
  const { connector, log } = options;
  const load: LoadOptions = { connections: options.connections, organizations: options.organizations, seconds: options.seconds };
  const bot = await startServer(options.dataDir);
  const floor = await startFloor();
  const rounds: TurnRound[] = [];
  try {
    await checkReplies(bot, connector, expectBot);
    await checkReplies(floor, connector, (body) => expectFloor(body));
    log(`turns: warm-up ${options.warmupSeconds} s each …`);
    for (const [target, child] of [['bot', bot], ['floor', floor]] as const) {
      await runLoad(child, connector, { ...load, seconds: options.warmupSeconds }, { target, round: 0 });
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const [target, child] of [['bot', bot], ['floor', floor]] as const) {
        const result = await runLoad(child, connector, load, { target, round });
        rounds.push(result);
        log(
          `turns round ${round} ${target.padEnd(5)}: ${result.turnsPerSecond.toFixed(0)} turns/s, p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}, RSS ${result.rssMb.max.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    await bot.stop();
    await floor.stop();
  }
  const botSummary = summarize(rounds, 'bot');
  const floorSummary = summarize(rounds, 'floor');
  const result: TurnsResult = {
    connections: options.connections,
    organizations: options.organizations,
    secondsPerRound: options.seconds,
    rounds,
    bot: botSummary,
    floor: floorSummary,
    ratios: {
      throughput: botSummary.turnsPerSecond / floorSummary.turnsPerSecond,
      p50: botSummary.p50 / floorSummary.p50,
      p95: botSummary.p95 / floorSummary.p95,
      p99: botSummary.p99 / floorSummary.p99,
    },
  };
  if (options.profile) result.profile = { bot: await profileRun('bot', options, load), floor: await profileRun('floor', options, load) };
  return result;
}

export interface ProfiledRun extends ProfileSummary {
  target: 'bot' | 'floor';
  turns: number;
  /** CPU (non-idle samples) per turn in the measured window, in microseconds. */
  cpuMicrosPerTurn: number;
}

/**
 * The same load against a process started with --cpu-prof (written when it exits on SIGTERM);
 * only the samples of the measured run count, not start-up or warm-up.
 */
async function profileRun(target: 'bot' | 'floor', options: TurnsOptions, load: LoadOptions): Promise<ProfiledRun> {
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-cpuprof-'));
  options.log(`turns: profiling the ${target} under the same load (${load.seconds} s) …`);
  const spawnedAt = performance.now();
  const profiler = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const child = target === 'bot' ? await startServer(options.dataDir, profiler) : await startFloor(profiler);
  let window = { from: 0, to: 0 };
  let turns = 0;
  try {
    await runLoad(child, options.connector, { ...load, seconds: options.warmupSeconds }, { target, round: 0 });
    const from = performance.now() - spawnedAt;
    turns = (await runLoad(child, options.connector, load, { target, round: 0 })).turns;
    window = { from, to: performance.now() - spawnedAt };
  } finally {
    await child.stop();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
  const summary = summarizeProfile(join(profileDir, file), { top: 15, window });
  if (options.keepProfilesIn) {
    mkdirSync(options.keepProfilesIn, { recursive: true });
    copyFileSync(join(profileDir, file), join(options.keepProfilesIn, `${target}.cpuprofile`));
    writeFileSync(join(options.keepProfilesIn, `${target}.window.json`), JSON.stringify({ window, turns }));
  }
  rmSync(profileDir, { recursive: true, force: true });
  return { ...summary, file, target, turns, cpuMicrosPerTurn: (summary.sampledMs * 1000) / Math.max(1, turns) };
}
