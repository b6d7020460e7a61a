/** The printed tables, the goals (met or not) and bench/results.json. */
import { writeFileSync } from 'node:fs';
import type { CardCost, CardSize } from './cards.js';
import type { FanOutRun } from './fan-out.js';
import type { ScanPoint } from './scheduler-scan.js';
import type { StartupResult } from './startup.js';
import type { TurnsResult } from './turns-scenario.js';
import { round } from './stats.js';

export interface Results {
  generatedAt: string;
  mode: 'full' | 'quick';
  durationSeconds: number;
  machine: { cores: number; cpuModel: string; node: string; platform: string; totalMemoryMb: number };
  build: string;
  goals: Goal[];
  turns: TurnsResult;
  startup: StartupResult[];
  fanOut: FanOutRun[];
  scan: { points: ScanPoint[]; notes: string[] };
  cards: { costs: CardCost[]; sizes: CardSize[]; limitBytes: number };
}

export interface Goal {
  goal: string;
  value: string;
  met: boolean;
}

/** B1, the smallest dedicated App Service plan: 1 core, 1.75 GB. */
const SMALLEST_PLAN_MB = 1792;

/** `limiter off`, `limiter teams-defaults`, `limiter off, auth on`. */
export function fanOutLabel(run: FanOutRun): string {
  if (run.limiter === 'sdk-only') return 'SDK alone, auth on';
  return `limiter ${run.limiter}${run.authentication === 'on' ? ', auth on' : ''}`;
}

export function evaluateGoals(results: Omit<Results, 'goals'>): Goal[] {
  const { turns, fanOut, scan, cards, startup } = results;
  const goals: Goal[] = [
    { goal: 'turns: throughput ≥ 0.9× the floor', value: `${turns.ratios.throughput.toFixed(2)}×`, met: turns.ratios.throughput >= 0.9 },
    { goal: 'turns: p99 ≤ 1.25× the floor', value: `${turns.ratios.p99.toFixed(2)}×`, met: turns.ratios.p99 <= 1.25 },
    // Not the goal: the same two goals against the floor sending the bot's own cards, i.e. what is left once card size is the same.
    { goal: "turns (vs the floor sending the bot's cards): throughput ≥ 0.9×", value: `${turns.ratiosToFloorCards.throughput.toFixed(2)}×`, met: turns.ratiosToFloorCards.throughput >= 0.9 },
    { goal: "turns (vs the floor sending the bot's cards): p99 ≤ 1.25×", value: `${turns.ratiosToFloorCards.p99.toFixed(2)}×`, met: turns.ratiosToFloorCards.p99 <= 1.25 },
    { goal: 'turns: no errors (every 2xx has its reply at the connector)', value: `${turns.bot.errors}`, met: turns.bot.errors === 0 },
  ];
  for (const run of fanOut) {
    const label = fanOutLabel(run);
    if (run.limiter === 'sdk-only') {
      // Not a goal: the ceiling the SDK sets on this machine, against which the pass's rate is read.
      goals.push({ goal: `fan-out (${label}): the SDK's own ceiling, for reference`, value: `${run.sendsPerSecond.toFixed(0)}/s (${((run.sendsPerSecond / run.boundPerSecond) * 100).toFixed(0)}% of ${run.boundPerSecond.toFixed(0)}/s), ${run.cpuMicrosPerSend.toFixed(0)} µs CPU/send`, met: run.duplicates === 0 && run.losses === 0 });
      continue;
    }
    goals.push({ goal: `fan-out (${label}): 0 duplicates, 0 losses`, value: `${run.duplicates} / ${run.losses}`, met: run.duplicates === 0 && run.losses === 0 });
    if (run.authentication === 'on') {
      goals.push({ goal: `fan-out (${label}): ≤ 1 token request per 10,000 sends`, value: `${run.tokenRequests} for ${run.sent} (${run.tokenRequestsPer10kSends?.toFixed(1)})`, met: (run.tokenRequestsPer10kSends ?? Infinity) <= 1 });
      goals.push({ goal: `fan-out (${label}): every send carries a token`, value: `${run.authorizedSends} of ${run.sent}`, met: run.authorizedSends === run.sent });
      goals.push({
        goal: `fan-out (${label}): ≥ 70% of the bound ${run.boundPerSecond.toFixed(0)}/s`,
        value: `${run.sendsPerSecond.toFixed(0)}/s (${((run.sendsPerSecond / run.boundPerSecond) * 100).toFixed(0)}%)`,
        met: run.sendsPerSecond >= 0.7 * run.boundPerSecond,
      });
      continue;
    }
    goals.push({
      goal: `fan-out (${label}): ≥ 90% of the bound ${run.boundPerSecond.toFixed(0)}/s`,
      value: `${run.sendsPerSecond.toFixed(0)}/s (${((run.sendsPerSecond / run.boundPerSecond) * 100).toFixed(0)}%)`,
      met: run.sendsPerSecond >= 0.9 * run.boundPerSecond,
    });
  }
  for (const backend of ['sqlite', 'postgres'] as const) {
    const points = scan.points.filter((point) => point.backend === backend);
    if (points.length < 2) continue;
    const first = points[0] as ScanPoint;
    const last = points[points.length - 1] as ScanPoint;
    const ratio = last.medianPassMs / first.medianPassMs;
    goals.push({
      goal: `scan (${backend}): flat, pass at ${last.organizations.toLocaleString('en-US')} ≤ 1.5× at ${first.organizations.toLocaleString('en-US')}`,
      value: `${ratio.toFixed(2)}×`,
      met: ratio <= 1.5,
    });
  }
  for (const cost of cards.costs.filter((entry) => entry.ratio !== undefined)) {
    goals.push({ goal: `cards: ${cost.card} build ≤ 3× by hand`, value: `${(cost.ratio as number).toFixed(1)}×`, met: (cost.ratio as number) <= 3 });
  }
  const largest = [...cards.sizes].sort((a, b) => b.activityBytes - a.activityBytes)[0];
  if (largest) goals.push({ goal: 'cards: every sample under 28 KB', value: `largest ${largest.sample}: ${largest.activityBytes} B`, met: largest.activityBytes <= cards.limitBytes });
  const bot = startup.find((entry) => entry.target === 'bot');
  const npmStart = startup.find((entry) => entry.target === 'npm start');
  const floorStart = startup.find((entry) => entry.target === 'floor');
  if (npmStart && floorStart) {
    goals.push({
      goal: 'start: `npm start` answers within the floor\'s start + 1 s',
      value: `${npmStart.medianMs.toFixed(0)} ms (floor ${floorStart.medianMs.toFixed(0)} ms)`,
      met: npmStart.medianMs <= floorStart.medianMs + 1_000,
    });
  }
  if (bot && floorStart) {
    const ratio = bot.medianIdleRssMb / floorStart.medianIdleRssMb;
    goals.push({ goal: 'footprint: idle RSS ≤ 1.5× the floor', value: `${ratio.toFixed(2)}× (${bot.medianIdleRssMb.toFixed(0)} MB)`, met: ratio <= 1.5 });
  }
  const peakUnderLoad = Math.max(0, ...turns.rounds.filter((entry) => entry.target === 'bot').map((entry) => entry.rssMb.max));
  if (bot) goals.push({ goal: `footprint: RSS under load fits the smallest plan (B1, ${SMALLEST_PLAN_MB} MB)`, value: `${peakUnderLoad.toFixed(0)} MB`, met: peakUnderLoad < SMALLEST_PLAN_MB });
  return goals;
}

function table(title: string, headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [`\n## ${title}`, line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

export function formatReport(results: Results): string {
  const { machine, turns, startup, fanOut, scan, cards } = results;
  const out: string[] = [];
  out.push(`Renewal Bot benchmark (${results.mode}) — ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, ${results.generatedAt}; took ${results.durationSeconds.toFixed(0)} s`);
  out.push(
    table(
      `Turns: ${turns.connections} connections, ${turns.organizations} organizations, median of ${turns.bot.rounds} rounds × ${turns.secondsPerRound} s (alternating)`,
      ['', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU µs/turn', 'RSS MB'],
      [
        ['bot', turns.bot.turnsPerSecond.toFixed(0), ms(turns.bot.p50), ms(turns.bot.p95), ms(turns.bot.p99), turns.bot.errors, turns.bot.cpuMicrosPerTurn.toFixed(0), turns.bot.rssUnderLoadMb.toFixed(0)],
        ['floor', turns.floor.turnsPerSecond.toFixed(0), ms(turns.floor.p50), ms(turns.floor.p95), ms(turns.floor.p99), turns.floor.errors, turns.floor.cpuMicrosPerTurn.toFixed(0), turns.floor.rssUnderLoadMb.toFixed(0)],
        ['floor, bot\'s cards', turns.floorCards.turnsPerSecond.toFixed(0), ms(turns.floorCards.p50), ms(turns.floorCards.p95), ms(turns.floorCards.p99), turns.floorCards.errors, turns.floorCards.cpuMicrosPerTurn.toFixed(0), turns.floorCards.rssUnderLoadMb.toFixed(0)],
        ['bot/floor', `${turns.ratios.throughput.toFixed(2)}×`, `${turns.ratios.p50.toFixed(2)}×`, `${turns.ratios.p95.toFixed(2)}×`, `${turns.ratios.p99.toFixed(2)}×`, '', `${(turns.bot.cpuMicrosPerTurn / turns.floor.cpuMicrosPerTurn).toFixed(2)}×`, ''],
        [
          'bot/floor, bot\'s cards',
          `${turns.ratiosToFloorCards.throughput.toFixed(2)}×`,
          `${turns.ratiosToFloorCards.p50.toFixed(2)}×`,
          `${turns.ratiosToFloorCards.p95.toFixed(2)}×`,
          `${turns.ratiosToFloorCards.p99.toFixed(2)}×`,
          '',
          `${(turns.bot.cpuMicrosPerTurn / turns.floorCards.cpuMicrosPerTurn).toFixed(2)}×`,
          '',
        ],
      ],
    ),
  );
  out.push(
    table(
      'Turn rounds (raw)',
      ['round', 'target', 'turns/s', 'p50', 'p95', 'p99', 'non2xx+transport', 'no reply', 'CPU µs/turn', 'RSS max'],
      turns.rounds.map((entry) => [entry.round, entry.target, entry.turnsPerSecond.toFixed(0), ms(entry.p50), ms(entry.p95), ms(entry.p99), entry.non2xx + entry.transportErrors, entry.missingReplies, entry.cpuMicrosPerTurn.toFixed(0), entry.rssMb.max.toFixed(0)]),
    ),
  );
  if (turns.profile) {
    const { bot, floor, floorCards } = turns.profile;
    out.push(`\nCPU per turn (profiled, measured window only): bot ${bot.cpuMicrosPerTurn.toFixed(0)} µs, floor ${floor.cpuMicrosPerTurn.toFixed(0)} µs, floor with the bot's cards ${floorCards.cpuMicrosPerTurn.toFixed(0)} µs`);
    out.push(table('Profile of the bot: top self time', ['function', 'where', '%'], bot.top.map((entry) => [entry.name, entry.location, entry.percent.toFixed(1)])));
    const perTurn = (run: typeof bot, area: string) => ((run.areas.find((entry) => entry.area === area)?.selfMs ?? 0) * 1000) / Math.max(1, run.turns);
    out.push(
      table(
        'Profile by area: self µs per turn',
        ['area', 'bot', 'floor', 'floor, bot\'s cards'],
        bot.areas.slice(0, 18).map((entry) => [entry.area, perTurn(bot, entry.area).toFixed(0), perTurn(floor, entry.area).toFixed(0), perTurn(floorCards, entry.area).toFixed(0)]),
      ),
    );
    out.push(table('Our code (src/) by inclusive time', ['function', 'where', '%', 'µs/turn'], bot.ourInclusive.slice(0, 12).map((entry) => [entry.name, entry.location, entry.percent.toFixed(1), ((entry.inclusiveMs * 1000) / Math.max(1, bot.turns)).toFixed(0)])));
  }
  out.push(
    table(
      'Start-up and footprint (median of runs)',
      ['', 'start → first answered turn ms', 'idle RSS MB', 'RSS under load MB'],
      startup.map((entry) => [
        entry.target,
        entry.medianMs.toFixed(0),
        Number.isFinite(entry.medianIdleRssMb) ? entry.medianIdleRssMb.toFixed(0) : '–',
        entry.target === 'npm start' ? '–' : (entry.target === 'bot' ? turns.bot : turns.floor).rssUnderLoadMb.toFixed(0),
      ]),
    ),
  );
  out.push(
    table(
      'Reminder fan-out (connector latency, concurrency → bound)',
      ['limiter', 'auth', 'tokens', 'orgs', 'sent', 'pass s', 'sends/s', 'send phase/s', 'bound/s', 'CPU µs/send', 'dupl.', 'lost', 'peak RSS MB'],
      fanOut.map((run) => [run.limiter, run.authentication ?? 'off', run.tokenRequests ?? '', run.organizations, run.sent, run.passSeconds.toFixed(1), run.sendsPerSecond.toFixed(0), run.sendPhasePerSecond.toFixed(0), `${run.boundPerSecond.toFixed(0)} (${run.concurrency}/${run.connectorLatencyMs} ms)`, run.cpuMicrosPerSend.toFixed(0), run.duplicates, run.losses, `${run.peakRssMb.toFixed(0)} (from ${run.baselineRssMb.toFixed(0)})`]),
    ),
  );
  out.push(
    table(
      'Scheduler scan: one pass, 100 due (median)',
      ['backend', 'organizations', 'seed s', 'pass ms', 'passes ms', 'query alone ms'],
      scan.points.map((point) => [point.backend, point.organizations.toLocaleString('en-US'), point.seedSeconds.toFixed(1), point.medianPassMs.toFixed(0), point.passMs.map((value) => value.toFixed(0)).join(' / '), point.medianQueryMs.toFixed(1)]),
    ),
  );
  for (const note of scan.notes) out.push(`  note: ${note}`);
  out.push(
    table(
      'Cards: build cost (µs per card, median)',
      ['card', 'renderCard', 'by hand', 'ratio'],
      cards.costs.map((cost) => [cost.card, cost.renderMicros.toFixed(1), cost.handMicros?.toFixed(1) ?? '', cost.ratio ? `${cost.ratio.toFixed(1)}×` : '']),
    ),
  );
  out.push(
    table(
      `Cards: size of the outgoing activity vs ${cards.limitBytes} B`,
      ['sample', 'card JSON B', 'activity B', '% of limit'],
      cards.sizes.map((size) => [size.sample, size.contentBytes, size.activityBytes, size.percentOfLimit.toFixed(1)]),
    ),
  );
  out.push(table('Goals', ['goal', 'value', 'met'], results.goals.map((goal) => [goal.goal, goal.value, goal.met ? 'yes' : 'NO'])));
  return out.join('\n');
}

/** results.json keeps every number; floats rounded to 3 digits so diffs stay readable. */
export function writeResults(file: string, results: Results): void {
  const rounded = JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value), 2);
  writeFileSync(file, `${rounded}\n`);
}
