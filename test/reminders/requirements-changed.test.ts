/**
 * Requirement changes through restarts with a replaced catalog (CATALOG_FILE), the ledger and the
 * real Bot Connector: every change the organization has not been told of is told once, a change back
 * to an earlier state included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { installInTeam, FAST_REMINDERS, TENANT } from './reminder-app.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp } from '../support/test-app.js';
import { cardText } from '../cards/card-text.js';

const dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-changes-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A catalog file whose Cloud Platform Gold asks for `references` customer references. */
function catalogFile(references: number): string {
  const data = structuredClone(defaultCatalog().data);
  data.competencies.find((competency) => competency.id === 'cloud-platform')!.levels.gold.customerReferences = references;
  const file = join(dataDir, `catalog-${references}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

/** Starts the bot on the shared database with a catalog, runs one reminder pass, returns what it posted. */
async function passWithCatalog(references: number, now: string, first: boolean): Promise<string[]> {
  const t = await startTestApp({ now, env: { ...FAST_REMINDERS, DATA_DIR: dataDir, CATALOG_FILE: catalogFile(references) } });
  try {
    if (first) {
      await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28', timeZone: 'Europe/Berlin', customerReferences: [] }));
      await installInTeam(t);
    } else {
      // Each start has its own local Bot Connector: a message from the tenant tells the bot its address.
      await t.post(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' }));
      t.connector.reset();
    }
    await t.app.reminders.runPass({ now: new Date(now) });
    return t.connector.sent.flatMap((sent) => ((sent.body.attachments as { content: unknown }[] | undefined) ?? []).map((attachment) => cardText(attachment)));
  } finally {
    await t.stop();
  }
}

it('tells each catalog change once, A→B→A→B being three changes, and nothing on a restart without change', async () => {
  const posted = [
    await passWithCatalog(5, '2026-06-01T10:00:00Z', true),
    await passWithCatalog(6, '2026-06-02T10:00:00Z', false),
    await passWithCatalog(5, '2026-06-03T10:00:00Z', false),
    await passWithCatalog(6, '2026-06-04T10:00:00Z', false),
    await passWithCatalog(6, '2026-06-05T10:00:00Z', false),
  ];
  const changes = posted.map((cards) => cards.flatMap((text) => text.split('\n').filter((line) => line.startsWith('Customer references needed'))));
  expect(changes).toEqual([
    [],
    ['Customer references needed: 5 → 6 (to confirm)'],
    ['Customer references needed: 6 → 5 (to confirm)'],
    ['Customer references needed: 5 → 6 (to confirm)'],
    [],
  ]);
});
