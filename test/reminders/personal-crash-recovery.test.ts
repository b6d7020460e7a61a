/**
 * A reminder runner killed with SIGKILL in the middle of the personal half of a pass (1:1 chats with
 * each organization's Primary Program Contact: half known, half opened through the team), then run
 * again: every contact gets their reminder, and the only repeats are the sends that were in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { ok, startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { actAsTeams, connectorCalls, personalChatOf } from '../support/fake-teams.js';
import { recordStat } from '../support/verify-stats.js';
import { fleetRunner, runAndKill, seedFleet, sendsPerConversation, tenantOf } from './fleet.js';

const ORGANIZATIONS = 300;
const CONCURRENCY = 8;
const LEASE_SECONDS = 2;
/** Two weeks before the fleet's 2027-02-28 anniversary (UTC), from 09:00. */
const TWO_WEEKS = new Date('2027-02-14T09:00:00Z');
const memberOf = (index: number) => `29:megan-${index}`;
/** Where each contact's reminder must arrive: the chat they wrote in, or the one Teams opens for them. */
const chatOf = (index: number) => (index % 2 === 0 ? `a:known-${index}` : personalChatOf(memberOf(index)));

let dataDir: string;
let connector: FakeConnector;
afterEach(async () => {
  await connector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('loses no personal reminder when the runner is killed mid-pass, repeating at most the sends in flight', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-personal-crash-'));
  connector = await startFakeConnector();
  const teams = actAsTeams(connector, Object.fromEntries(Array.from({ length: ORGANIZATIONS }, (_, index) => [`team-${index}`, { 'aad-megan': memberOf(index) }])));
  teams.otherwise = () => ok(5);
  const seeding = await openStorage({ dataDir });
  await seedFleet(seeding, ORGANIZATIONS, connector.serviceUrl);
  for (let index = 0; index < ORGANIZATIONS; index += 2) {
    const conversationId = chatOf(index);
    await seeding.rememberPersonalChat(tenantOf(index), 'aad-megan', {
      conversationId,
      serviceUrl: connector.serviceUrl,
      conversationReference: { serviceUrl: connector.serviceUrl, conversationId, tenantId: tenantOf(index), botId: 'bot', scope: 'personal' },
    });
  }
  await seeding.close();
  const chats = new Set(Array.from({ length: ORGANIZATIONS }, (_, index) => chatOf(index)));
  const personalMessages = () => connector.sent.filter((sent) => chats.has(sent.conversationId) && sent.path.includes('/activities'));

  const killPoint = async () => {
    const deadline = Date.now() + 60_000;
    while (personalMessages().length < ORGANIZATIONS / 3) {
      if (Date.now() > deadline) throw new Error(`only ${personalMessages().length} personal messages arrived`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  expect(await runAndKill({ dataDir, now: TWO_WEEKS, concurrency: CONCURRENCY, leaseSeconds: LEASE_SECONDS, killWhen: killPoint })).toBe('SIGKILL');
  const beforeRestart = personalMessages().length;
  expect(beforeRestart).toBeLessThan(ORGANIZATIONS); // it really died in the middle

  await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 200));
  const storage = await openStorage({ dataDir });
  try {
    await fleetRunner(storage, 'restarted', { concurrency: CONCURRENCY }).runPass({ now: TWO_WEEKS });
    const perChat = sendsPerConversation(personalMessages());
    const duplicates = [...perChat.values()].reduce((sum, count) => sum + count - 1, 0);
    recordStat('reminders.personal.crash.due', ORGANIZATIONS);
    recordStat('reminders.personal.lost', ORGANIZATIONS - perChat.size);
    recordStat('reminders.personal.duplicated', duplicates);
    expect([...chats].filter((chat) => !perChat.has(chat))).toEqual([]); // nothing lost, each in the right chat
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY); // only what was in flight
    // A chat opened twice (killed between Teams creating it and storing it) is the same chat: no extra one.
    expect(new Set(connectorCalls(connector).creates.map((call) => (call.body.members as { id: string }[])[0]!.id)).size).toBe(ORGANIZATIONS / 2);
    expect((await storage.personalReminderCounts()).filter((count) => count.status !== 'sent')).toEqual([]);
    expect((await storage.reminderCounts()).filter((count) => count.status !== 'sent')).toEqual([]);
    console.info(`killed after ${beforeRestart} personal messages; ${duplicates} repeated after restart (in flight at most ${CONCURRENCY})`);
  } finally {
    await storage.close();
  }
}, 120_000);
