/**
 * Control characters in what people type: refused with a field error in the setup form (through the
 * HTTP edge) and in the operator's import (a located error), and a row stored before the rule still
 * loads; every value a calendar file carries is TEXT-escaped, so a bare CR in an organization's name
 * can inject nothing, read back by a parser that splits lines on CR.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { renewalIcs } from '../../src/calendar/ics-files.js';
import { runCli } from '../../src/cli/main.js';
import { openDatabase } from '../../src/storage/database.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { renewalCalendarEvents } from '../../src/rules/calendar/renewal-calendar.js';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const INJECTED = 'Contoso\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Pay the invoice at evil.example';
const CONTROLS = ['\r', '\n', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'];

const form = (name: string) => ({
  form: 'profile',
  name,
  partnerId: '4412345',
  anniversaryDate: '2027-02-28',
  timeZone: 'Europe/Berlin',
  contactName: 'Megan Bowen',
  contactEmail: 'megan@contoso.example',
  customerReferences: 'Fabrikam; cloud-platform; 2025-06-01',
  certifications: 'Alex Wilber; 70-533; 2026-01-15',
  'competency-cloud-platform': 'gold',
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('control characters in profile text', () => {
  it.each(CONTROLS.map((char) => [JSON.stringify(char), char]))('refuses %s in the organization name with a field error in the form, and saves nothing', async (_shown, char) => {
    t = await startTestApp();
    const response = await t.post(
      makeActivity('personal-invoke-adaptive-card-action', {
        serviceUrl: t.connector.serviceUrl,
        tenantId: TENANT,
        aadObjectId: 'aad-alex',
        value: { action: { type: 'Action.Execute', verb: 'profile.save', data: form(`Contoso${char}Ltd`) } },
      }),
    );
    expect(cardText({ content: response.body.value })).toContain('Must not contain control characters or line breaks');
    expect(await t.app.storage.getOrganization(TENANT)).toBeUndefined();
    recordStat('controls.refused', 1);
  });

  it('accepts a tab, which a pasted name may carry', async () => {
    t = await startTestApp();
    const response = await t.post(
      makeActivity('personal-invoke-adaptive-card-action', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-alex', value: { action: { type: 'Action.Execute', verb: 'profile.save', data: form('Contoso\tLtd') } } }),
    );
    expect(cardText({ content: response.body.value })).toContain('Profile saved');
  });

  it('refuses a CR in a customer reference of the import, naming the line, and imports nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-controls-'));
    try {
      const record = { ...makeOrganization({ tenantId: TENANT }), customerReferences: [{ customer: 'Fabrikam\rX-INJECTED:1', competency: 'cloud-platform', approvedOn: '2025-06-01' }] };
      const file = join(dir, 'orgs.json');
      writeFileSync(file, JSON.stringify({ organizations: [record] }, null, 2));
      const err: string[] = [];
      const code = await runCli(['import', file], { DATA_DIR: dir, LOG_LEVEL: 'silent' }, () => undefined, (line) => err.push(line));
      expect(code).toBe(1);
      const line = JSON.stringify({ organizations: [record] }, null, 2).split('\n').findIndex((text) => text.includes('Fabrikam')) + 1;
      expect(err.join('\n')).toContain(`${file}:${line}: record 0, customerReferences.0.customer: must not contain control characters or line breaks`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still loads a row stored before the rule, each such character read back as a space', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-legacy-'));
    const storage = await openStorage({ dataDir: dir });
    const { db } = await openDatabase({ dataDir: dir });
    try {
      await storage.saveOrganization(makeOrganization({ tenantId: TENANT, name: 'Contoso' }));
      // As a row written before this rule: straight into the table, past the schema.
      const profile = JSON.stringify({ ...makeOrganization({ tenantId: TENANT }), name: INJECTED });
      await sql`update organizations set profile = ${profile} where tenant_id = ${TENANT}`.execute(db);
      expect((await storage.getOrganization(TENANT))?.name).toBe(INJECTED.replaceAll('\r', ' '));
    } finally {
      await db.destroy();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('calendar files', () => {
  it.each(CONTROLS.map((char) => [JSON.stringify(char), char]))('TEXT-escape %s in the calendar name, titles and alarms: a CR-splitting parser reads no injected line', (_shown, char) => {
    const name = INJECTED.replaceAll('\r', char);
    const events = renewalCalendarEvents(makeOrganization({ name }), '2026-11-25');
    const text = renewalIcs(events, { calendarName: `${name} membership renewal`, now: new Date('2026-11-25T12:00:00Z') });
    // Every physical line, split on CR, LF and the Unicode separators, is a property or a folded continuation.
    const lines = text.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/).filter((line) => line !== '');
    expect(lines.filter((line) => line.startsWith('SUMMARY:Pay'))).toEqual([]);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(events.length);
    expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(events.length);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/);
    recordStat('calendar.injectionsTried', 1);
  });
});
