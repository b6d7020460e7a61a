/**
 * `npx tsx bench/turns-only.ts [rounds] [seconds] [--profile] [--keep-profiles=DIR]`: the turns scenario of
 * `npm run bench` alone (bot, floor and the floor sending the bot's cards alternating, 32 connections,
 * 50 organizations), with a summary; `--keep-profiles=DIR` keeps the .cpuprofile files for a closer look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector } from './connector.js';
import { seedTurnOrganizations } from './turn-load.js';
import { benchTurns } from './turns-scenario.js';

const numbers = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg)).map(Number);
const rounds = numbers[0] ?? 3;
const seconds = numbers[1] ?? 10;
const keepProfiles = process.argv.find((arg) => arg.startsWith('--keep-profiles='))?.split('=')[1];
const dataDir = mkdtempSync(join(tmpdir(), 'bench-turns-'));
const connector = await startConnector(0);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
try {
  await seedTurnOrganizations(dataDir, 50);
  console.log(`load average before: ${load()}`);
  const turns = await benchTurns({
    connections: 32,
    organizations: 50,
    seconds,
    rounds,
    warmupSeconds: 5,
    dataDir,
    connector,
    profile: process.argv.includes('--profile') || keepProfiles !== undefined,
    keepProfilesIn: keepProfiles,
    log: (line) => console.log(`${line}  [load ${load()}]`),
  });
  const { bot, floor, floorCards, ratios, ratiosToFloorCards } = turns;
  console.log(`bot   ${bot.turnsPerSecond.toFixed(0)} turns/s p50 ${bot.p50.toFixed(1)} p99 ${bot.p99.toFixed(1)} CPU ${bot.cpuMicrosPerTurn.toFixed(0)} µs/turn`);
  console.log(`floor ${floor.turnsPerSecond.toFixed(0)} turns/s p50 ${floor.p50.toFixed(1)} p99 ${floor.p99.toFixed(1)} CPU ${floor.cpuMicrosPerTurn.toFixed(0)} µs/turn`);
  console.log(`floor, bot's cards ${floorCards.turnsPerSecond.toFixed(0)} turns/s p50 ${floorCards.p50.toFixed(1)} p99 ${floorCards.p99.toFixed(1)} CPU ${floorCards.cpuMicrosPerTurn.toFixed(0)} µs/turn`);
  console.log(`bot/floor: throughput ${ratios.throughput.toFixed(2)}× p50 ${ratios.p50.toFixed(2)}× p99 ${ratios.p99.toFixed(2)}×`);
  console.log(`bot/floor with the bot's cards: throughput ${ratiosToFloorCards.throughput.toFixed(2)}× p50 ${ratiosToFloorCards.p50.toFixed(2)}× p99 ${ratiosToFloorCards.p99.toFixed(2)}×`);
  if (turns.profile) {
    for (const run of [turns.profile.bot, turns.profile.floor, turns.profile.floorCards]) {
      console.log(`\n${run.target}: ${run.cpuMicrosPerTurn.toFixed(0)} µs CPU per turn (profiled)`);
      for (const area of run.areas.slice(0, 20)) console.log(`  ${area.area.padEnd(40)} ${((area.selfMs * 1000) / run.turns).toFixed(0).padStart(5)} µs/turn ${area.percent.toFixed(1).padStart(5)}%`);
    }
  }
} finally {
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
