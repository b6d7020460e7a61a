/**
 * `npx tsx bench/flows.ts`: which of our files a typed message and a reminder run, measured (V8's
 * precise coverage, call counts) between two snapshots around each, after one warm-up of the same
 * kind so that start-up and first-use work are not counted. Prints the files, in path order, with the
 * calls each took. The Architecture section of the README walks the same two flows in call order.
 */
import { Session } from 'node:inspector/promises';
import { makeActivity } from '../test/support/activities.js';
import { makeOrganization } from '../test/support/organizations.js';
import { startTestApp } from '../test/support/test-app.js';
import { startReminderApp } from '../test/reminders/reminder-app.js';

const TENANT = '00000000-0000-0000-0000-0000000000001';

async function filesRun(session: Session, work: () => Promise<unknown>, only: (path: string) => boolean): Promise<Map<string, number>> {
  await session.post('Profiler.takePreciseCoverage');
  await work();
  const { result } = await session.post('Profiler.takePreciseCoverage');
  const files = new Map<string, number>();
  for (const script of result) {
    const at = script.url.indexOf('/src/');
    if (at < 0) continue;
    const path = script.url.slice(at + 1);
    const calls = script.functions.reduce((sum, fn) => sum + (fn.ranges[0]?.count ?? 0), 0);
    if (calls > 0 && only(path)) files.set(path, calls);
  }
  return files;
}

function print(title: string, files: Map<string, number>): void {
  console.log(`\n${title}: ${files.size} files`);
  for (const [path, calls] of [...files].sort()) console.log(`  ${path} (${calls} calls)`);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });

const chat = await startTestApp({ now: '2026-11-30T10:00:00Z' });
await chat.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT }));
const ask = (text: string) => chat.ask(makeActivity('personal-message', { serviceUrl: chat.connector.serviceUrl, tenantId: TENANT, text }));
await ask('who is our program contact');
print('A typed message ("who is our program contact?", a text not seen before)', await filesRun(session, () => ask('who is our program contact?'), () => true));
await chat.stop();

const reminders = await startReminderApp({ now: '2026-11-20T08:00:00Z', env: { PERSONAL_REMINDERS: 'off' } });
await reminders.app.reminders.runPass({ now: new Date('2026-11-20T08:00:00Z') });
// The HTTP server's own timers (load control) may tick meanwhile: not part of a pass.
const pass = await filesRun(session, () => reminders.app.reminders.runPass({ now: new Date('2026-11-30T08:00:00Z') }), (path) => !path.startsWith('src/http/'));
print(`A reminder pass that posts the window-open reminder (${reminders.connector.sent.length} post)`, pass);
await reminders.stop();
process.exit(0);
