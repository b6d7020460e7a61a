/**
 * `npx tsx test/years/three-years.ts [zone]`: one organization, nobody pressing anything, the reminder
 * job run through the real CLI at the moments that matter over three cycles; prints what each pass sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { seedFleet, tenantOf } from '../reminders/fleet.js';
import { makeOrganization } from '../support/organizations.js';
import { yearMoments } from './moments.js';

const zone = process.argv[2] ?? 'Pacific/Auckland';
const anniversary = process.argv[3] ?? '2027-02-28';
const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-years-'));
const connector = await startFakeConnector();
const storage = await openStorage({ dataDir: dir });
await seedFleet(storage, 1, connector.serviceUrl);
await storage.upsertOrganizations([makeOrganization({ tenantId: tenantOf(0), anniversaryDate: anniversary, timeZone: zone, customerReferences: [] })]);
await storage.close();
const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', REMINDER_RETRY_BASE_MS: '5', REMINDER_RETRY_CAP_MS: '10' };
for (const moment of yearMoments(anniversary, zone, 3)) {
  const out: string[] = [];
  const before = connector.sent.length;
  await runCli(['reminders', 'run', '--now', moment.at.toISOString()], env, (line) => out.push(line), (line) => out.push(line));
  const sent = connector.sent.slice(before).filter((activity) => Array.isArray(activity.body.attachments));
  console.log(`\n## ${moment.label}: --now ${moment.at.toISOString()} (${moment.local} ${zone})`);
  if (process.env.YEARS_VERBOSE) console.log(out.join("\n"));
  if (sent.length === 0) console.log('   sent nothing');
  for (const activity of sent) console.log(`   → ${activity.conversationId}: ${cardText(activity.body).join(' | ')}`);
}
await connector.close();
rmSync(dir, { recursive: true, force: true });

/** The texts of a posted card, in order, shortened. */
function cardText(body: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string' && texts.length < 4) texts.push(record.text.slice(0, 160));
      if (record.type === 'Action.Submit' || record.type === 'Action.Execute') texts.push(`[${String(record.title)}]`);
      Object.values(record).forEach(walk);
    }
  };
  walk(body.attachments);
  return texts;
}
