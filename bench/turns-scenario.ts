/**
 * The turns scenario end to end: start the server, the floor, and the floor answering with the bot's own
 * cards; check their replies, warm them up, alternate measured rounds (bot, floor, floor-cards, bot …),
 * then one profiled run of each.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeanConnector } from './connector.js';
import { FLOOR_ENTRY, SERVER_ENTRY, freePort, serverEnv, spawnNode, waitUntilAnswering, type Child } from './processes.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { checkReplies, runLoad, summarize, type LoadOptions, type Target, type TurnRound, type TurnSummary } from './turns.js';

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
  /** The floor sending the bot's anniversary and requirements cards (3.7 and 13.4 KB) instead of its 0.2 KB one. */
  floorCards: TurnSummary;
  ratios: Ratios;
  /** Bot / floor-cards: the bot's cost beyond what its card sizes cost the SDK. */
  ratiosToFloorCards: Ratios;
  profile?: { bot: ProfiledRun; floor: ProfiledRun; floorCards: ProfiledRun };
}

export interface Ratios {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

function ratiosOf(bot: TurnSummary, floor: TurnSummary): Ratios {
  return { throughput: bot.turnsPerSecond / floor.turnsPerSecond, p50: bot.p50 / floor.p50, p95: bot.p95 / floor.p95, p99: bot.p99 / floor.p99 };
}

const expectBot = (body: string, question: number) => {
  if (body.includes('"code"') || body.includes('Something went wrong')) return 'an error card';
  // The seeded anniversaries are 20+ days out: the window has opened ("Renewal window opened") or opens.
  if (question === 0 && !body.includes('Renewal window open')) return 'not the anniversary card';
  if (question === 1 && !body.includes('Cloud Platform')) return 'not the requirements card';
  return undefined;
};
const expectFloor = (body: string) => (body.includes('application/vnd.microsoft.card.adaptive') ? undefined : 'no Adaptive Card');

async function startServer(dataDir: string, nodeArgs: string[] = []): Promise<Child> {
  const child = spawnNode(SERVER_ENTRY, await freePort(), serverEnv(dataDir), nodeArgs);
  await waitUntilAnswering(`${child.url}/healthz`, child);
  return child;
}

async function startFloor(nodeArgs: string[] = [], cardsFile?: string): Promise<Child> {
  const child = spawnNode(FLOOR_ENTRY, await freePort(), cardsFile ? { FLOOR_CARDS: cardsFile } : {}, nodeArgs);
  await waitUntilAnswering(`${child.url}/`, child);
  return child;
}

/** The bot's two cards as it sent them (the attachment content of each reply), for the floor-cards target. */
function writeBotCards(replies: string[], file: string): void {
  const [anniversary, requirements] = replies.map((reply) => (JSON.parse(reply) as { attachments: { content: unknown }[] }).attachments[0]?.content);
  writeFileSync(file, JSON.stringify({ anniversary, requirements }));
}

export async function benchTurns(options: TurnsOptions): Promise<TurnsResult> {
  const { connector, log } = options;
  const load: LoadOptions = { connections: options.connections, organizations: options.organizations, seconds: options.seconds };
  const cardsDir = mkdtempSync(join(tmpdir(), 'bench-floor-cards-'));
  const cardsFile = join(cardsDir, 'cards.json');
  const bot = await startServer(options.dataDir);
  const children: [Target, Child][] = [['bot', bot]];
  const rounds: TurnRound[] = [];
  let profile: TurnsResult['profile'];
  try {
    writeBotCards(await checkReplies(bot, connector, expectBot), cardsFile);
    const floor = await startFloor();
    children.push(['floor', floor]);
    const floorCards = await startFloor([], cardsFile);
    children.push(['floor-cards', floorCards]);
    await checkReplies(floor, connector, (body) => expectFloor(body));
    await checkReplies(floorCards, connector, expectBot);
    log(`turns: warm-up ${options.warmupSeconds} s each …`);
    for (const [target, child] of children) {
      await runLoad(child, connector, { ...load, seconds: options.warmupSeconds }, { target, round: 0 });
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const [target, child] of children) {
        const result = await runLoad(child, connector, load, { target, round });
        rounds.push(result);
        log(
          `turns round ${round} ${target.padEnd(11)}: ${result.turnsPerSecond.toFixed(0)} turns/s, p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}, CPU ${result.cpuMicrosPerTurn.toFixed(0)} µs/turn, RSS ${result.rssMb.max.toFixed(0)} MB`,
        );
      }
    }
    for (const [, child] of children) await child.stop();
    children.length = 0;
    if (options.profile) {
      profile = {
        bot: await profileRun('bot', options, load),
        floor: await profileRun('floor', options, load),
        floorCards: await profileRun('floor-cards', options, load, cardsFile),
      };
    }
  } finally {
    for (const [, child] of children) await child.stop();
    rmSync(cardsDir, { recursive: true, force: true });
  }
  const botSummary = summarize(rounds, 'bot');
  const floorSummary = summarize(rounds, 'floor');
  const floorCardsSummary = summarize(rounds, 'floor-cards');
  return {
    connections: options.connections,
    organizations: options.organizations,
    secondsPerRound: options.seconds,
    rounds,
    bot: botSummary,
    floor: floorSummary,
    floorCards: floorCardsSummary,
    ratios: ratiosOf(botSummary, floorSummary),
    ratiosToFloorCards: ratiosOf(botSummary, floorCardsSummary),
    ...(profile ? { profile } : {}),
  };
}

export interface ProfiledRun extends ProfileSummary {
  target: Target;
  turns: number;
  /** CPU (non-idle samples) per turn in the measured window, in microseconds. */
  cpuMicrosPerTurn: number;
}

/**
 * The same load against a process started with --cpu-prof (written when it exits on SIGTERM);
 * only the samples of the measured run count, not start-up or warm-up.
 */
async function profileRun(target: Target, options: TurnsOptions, load: LoadOptions, cardsFile?: string): Promise<ProfiledRun> {
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-cpuprof-'));
  options.log(`turns: profiling the ${target} under the same load (${load.seconds} s) …`);
  const spawnedAt = performance.now();
  const profiler = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const child = target === 'bot' ? await startServer(options.dataDir, profiler) : await startFloor(profiler, target === 'floor-cards' ? cardsFile : undefined);
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
