/**
 * `npm run verify`: the whole proof suite at full strength (tokens, tenant isolation, thousands of
 * fuzzed payloads, injected faults, a SIGKILLed runner, 500 conversations for 60 s), then one
 * summary of what was tried and what held. Exit code: vitest's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-verify-'));
const statsFile = join(dir, 'stats.jsonl');

const env = {
  ...process.env,
  VERIFY_STATS_FILE: statsFile,
  FUZZ_RUNS: quick ? '300' : '3000',
  LOAD_SECONDS: quick ? '10' : '60',
  LOAD_CONVERSATIONS: quick ? '100' : '500',
  FLOOD_RATE: quick ? '400' : '1000',
  FLOOD_PHASE_MS: quick ? '1500' : '4000',
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'all', 'test/security', 'test/reminders', 'test/http', 'test/bot/linear-text.test.ts', 'test/bot/largest-profile-fits.test.ts', 'test/cli/import-limits.test.ts', 'test/cli/doctor.test.ts'], { env, stdio: 'inherit' });

const totals = new Map<string, number>();
try {
  for (const line of readFileSync(statsFile, 'utf8').split('\n').filter(Boolean)) {
    const { name, value } = JSON.parse(line) as { name: string; value: number };
    totals.set(name, (totals.get(name) ?? 0) + value);
  }
} catch {
  // No stats: the suite did not get far; the exit code says why.
}
rmSync(dir, { recursive: true, force: true });
const get = (name: string) => totals.get(name) ?? 0;

const rows: [string, string][] = [
  ['forged tokens tried / rejected with 401', `${get('tokens.forged')} / ${get('tokens.rejected')} (valid token accepted: ${get('tokens.valid.accepted') > 0 ? 'yes' : 'no'})`],
  ['cross-tenant attempts (nothing leaked or changed)', String(get('isolation.attempts'))],
  ['payloads fuzzed through the HTTP edge', String(get('fuzz.payloads'))],
  ['faults injected (connector 429/5xx/412/403/404/hang/refused, storage down)', String(get('faults.injected'))],
  ['servers refused at start (no MicrosoftAppId on a public interface, or credentials without it)', String(get('exposure.refused'))],
  ['bodies tried / refused before parsing (415 type or encoding, 413 size), none written to disk', `${get('bodies.tried')} / ${get('bodies.refused')}`],
  ['slow clients cut (408) / connections over the cap closed', `${get('slow.clients.cut')} / ${get('connections.refusedOverCap')}`],
  ['activities from outside Teams answered with the Teams-only card, nothing read or written', String(get('teamsOnly.refused'))],
  ['reminder-channel moves / stops by an install or a removal elsewhere, refused', `${get('targets.moveRefused')} / ${get('targets.stopRefused')}`],
  ['forged-token flood: forged requests / valid p99 quiet → flooded', totals.has('flood.floodedP99Ms') ? `${get('flood.forged')} / ${get('flood.quietP99Ms')} ms → ${get('flood.floodedP99Ms')} ms` : 'not measured'],
  ['slow uploads behind forged tokens: refused 401 from the headers / valid requests answered 200 meanwhile (slowest ms)', `${get('slowUploads.forged')} / ${get('slowUploads.validOk')} of 5 (${get('slowUploads.validSlowestMs')} ms)`],
  ['bodies behind a valid token cut at their 5 s deadline (408), one address held to half the slots', String(get('slowUploads.bodyDeadlineCut'))],
  ['adversarial message texts timed against plain ones of the same length (all within 5x)', String(get('patterns.adversarialTried'))],
  ['misspelt settings that stopped the start / loopback service URLs refused off loopback', `${get('config.misspeltRefused')} / ${get('config.loopbackRefusedOffLoopback')}`],
  ['refused service URLs / warning lines they wrote', `${get('logs.refusedServiceUrlRequests')} / ${get('logs.refusedServiceUrlLines')}`],
  ['control characters refused in the form / calendar injections tried (none got through)', `${get('controls.refused')} / ${get('calendar.injectionsTried')}`],
  ['import: oversize refused unread / 100,000-deep nesting located / large invalid file reported in', `${get('import.oversizeRefused')} / ${get('import.deepLocated')} / ${totals.has('import.largeInvalidMs') ? `${get('import.largeInvalidMs')} ms (${get('import.largeInvalidMb')} MB)` : 'not measured'}`],
  [
    'largest profile: every card fits one Teams message (test/bot/largest-profile-fits.test.ts)',
    totals.has('cards.largestProfile.maxBytes') ? `${get('cards.largestProfile.activities')} activities (${get('cards.largestProfile.cards')} kinds of card), largest ${get('cards.largestProfile.maxBytes')} B of 28672` : 'not measured',
  ],
  ['first profiles refused (guest, anonymous, role unconfirmed) / admin changes refused / logged', `${get('admins.firstSaveRefused')} / ${get('admins.changesRefused')} / ${get('admins.changesLogged')}`],
  ['signing keys unreachable: answered 503 (not 401)', get('keys.outage.answered503') > 0 ? 'yes' : 'no'],
  ['zone names tried against the bounded caches', String(get('caches.zoneNamesTried'))],
  ['untrusted service URLs never called (inbound 400 / stored, left pending / calls)', `${get('serviceUrls.inboundRefused')} / ${get('serviceUrls.storedPending')} / ${get('serviceUrls.called')}`],
  ['reminders due when a runner is SIGKILLed mid-pass', String(get('reminders.crash.due'))],
  ['reminders lost', String(get('reminders.lost'))],
  ['reminders duplicated (only in-flight sends may repeat)', String(get('reminders.duplicated'))],
  ['personal reminders due / lost / duplicated when a runner is SIGKILLed mid-pass', `${get('reminders.personal.crash.due')} / ${get('reminders.personal.lost')} / ${get('reminders.personal.duplicated')}`],
  ['turns under load / errors / RSS growth after warm-up', `${get('load.requests')} / ${get('load.errors')} / ${totals.has('load.rssGrowthMb') ? `${get('load.rssGrowthMb')} MB` : 'not measured'}`],
  ['slowest turn under load / new connection after warm-up', totals.has('load.slowestNewConnectionMs') ? `${get('load.slowestTurnMs')} ms / ${get('load.slowestNewConnectionMs')} ms` : 'not measured'],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\nRenewal Bot verify${quick ? ' (quick)' : ''}: ${run.status === 0 ? 'PASSED' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
process.exit(run.status ?? 1);
