/**
 * Every read and write path tried from tenant B with tenant A's ids in every field that carries
 * one: messages, form submits, invokes, checklist ticks, calendar tokens, CLI commands, reminders.
 * Nothing of A leaks to B, and nothing of A changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { makeActivity, type Activity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const A = 'aaaaaaaa-0000-0000-0000-00000000000a';
const B = 'bbbbbbbb-0000-0000-0000-00000000000b';
const CYCLE = '2027-02-28';
const SECRET_OF_A = ['Contoso Secret Ltd', 'megan@contoso.example', 'Megan Bowen', '4412345', 'Fabrikam'];

let t: TestApp;
let stateOfA: string;
let attempts = 0;
const snapshotOfA = async () =>
  JSON.stringify([await t.app.storage.getOrganization(A), await t.app.storage.getReminderTarget(A), await t.app.storage.checklistMarks(A, CYCLE), await t.app.storage.remindersOf(A)]);

/** An activity from tenant B (a member of B: aad-eve, B's admin) that names A wherever it can. */
function fromB(fixture: Parameters<typeof makeActivity>[0], extra: { text?: string; value?: unknown } = {}): Activity {
  const activity = makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: B, aadObjectId: 'aad-eve', ...extra });
  activity.channelData = { ...activity.channelData, tenantIdOfTarget: A, team: activity.channelData.team };
  return activity;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-01T12:00:00Z' });
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: A, name: 'Contoso Secret Ltd', customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] }));
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: B, name: 'Eve Corp', partnerId: '9990001', customerReferences: [], certifications: [], primaryContact: { name: 'Eve', email: 'eve@eve.example', aadObjectId: 'aad-eve' }, admins: ['aad-eve'] }));
  await t.ask(makeActivity('team-installation-add', { serviceUrl: t.connector.serviceUrl, tenantId: A }));
  await t.app.storage.markChecklistItem(A, CYCLE, { itemId: 'window-open:budget-fees', done: true, changedByName: 'Megan Bowen', changedById: 'user-megan', changedAt: '2026-12-01T10:00:00Z' });
  stateOfA = await snapshotOfA();
});
afterAll(() => t.stop());

async function expectNothingOfA(replies: unknown) {
  attempts++;
  const text = JSON.stringify(replies);
  for (const secret of SECRET_OF_A) expect(text).not.toContain(secret);
  expect(await snapshotOfA()).toBe(stateOfA);
}

describe('tenant B naming tenant A', () => {
  it('reads nothing of A in any question', async () => {
    for (const text of ['when is our anniversary', 'requirements', `requirements for ${A}`, 'who is our program contact', 'checklist', 'calendar link', 'calls', 'help', 'setup']) {
      await expectNothingOfA(await t.ask(fromB('personal-message', { text })));
    }
  });

  it('changes nothing of A with a form submit naming A', async () => {
    const form = { form: 'profile', tenantId: A, name: 'Eve Corp', partnerId: '1', anniversaryDate: '2027-01-01', contactName: 'Eve', contactEmail: 'eve@eve.example', admins: ['aad-eve'] };
    await expectNothingOfA(await t.ask(fromB('personal-card-submit', { value: form })));
    await expectNothingOfA((await t.post(fromB('personal-invoke-adaptive-card-action', { value: { action: { type: 'Action.Execute', verb: 'profile.save', data: form } } }))).body);
  });

  it("neither ticks nor reads A's checklist with A's tenant id in the card data", async () => {
    for (const [verb, data] of [
      ['checklist.toggle', { tenantId: A, cycle: CYCLE, itemId: 'window-open:schedule-exams', done: true }],
      ['checklist.toggle', { tenantId: A, cycle: CYCLE, itemId: 'window-open:budget-fees', done: false }],
      ['checklist.refresh', { tenantId: A, cycle: CYCLE }],
    ] as const) {
      await expectNothingOfA((await t.post(fromB('personal-invoke-adaptive-card-action', { value: { action: { type: 'Action.Execute', verb, data } } }))).body);
    }
  });

  it('is refused when its envelope names A in one place and B in the other', async () => {
    const mixed = fromB('personal-message', { text: 'when is our anniversary' });
    mixed.channelData.tenant.id = A;
    const replies = await t.ask(mixed);
    expect(JSON.stringify(replies)).toContain('I cannot tell which organization this is');
    await expectNothingOfA(replies);
  });

  it("does not move A's reminders by saying \"post reminders here\" in A's channel id", async () => {
    const activity = fromB('channel-message-with-mention', { text: 'post reminders here' });
    activity.conversation.id = 'team-id;messageid=1'; // A's General channel
    await expectNothingOfA(await t.ask(activity));
  });

  it("does not deactivate A's reminders by removing the app in B", async () => {
    const removal = fromB('team-installation-add');
    removal.action = 'remove';
    await t.post(removal);
    await expectNothingOfA([]);
  });

  it("reaches A's calendar only with A's own secret", async () => {
    // B's first link was shown when it first asked (above); its admin makes a new one to see one.
    const linkOfB = JSON.stringify(await t.ask(fromB('personal-message', { text: 'new calendar link' }))).match(/\/calendar\/([A-Za-z0-9_-]+)\/renewal\.ics/)![1]!;
    const calendarOfB = await (await fetch(`${t.app.url}/calendar/${linkOfB}/renewal.ics`)).text();
    expect(calendarOfB.replace(/\r\n[ \t]/g, '')).toContain('Eve Corp');
    await expectNothingOfA(calendarOfB);
    expect((await fetch(`${t.app.url}/calendar/${A}/renewal.ics`)).status).toBe(404); // the tenant id is not a secret
  });

  it('runs the reminders CLI for one tenant only', async () => {
    // A separate store: the CLI opens DATA_DIR itself, so give it its own copy of both tenants.
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStorage } = await import('../../src/storage/open-storage.js');
    const dir = mkdtempSync(join(tmpdir(), 'renewal-bot-isolation-'));
    try {
      const storage = await openStorage({ dataDir: dir });
      for (const tenantId of [A, B]) {
        await storage.saveOrganization(makeOrganization({ tenantId }));
        await storage.saveReminderTarget({ tenantId, teamId: `team-${tenantId}`, conversationId: `19:${tenantId}`, serviceUrl: t.connector.serviceUrl, conversationReference: { serviceUrl: t.connector.serviceUrl, conversationId: `19:${tenantId}`, tenantId, botId: 'bot', scope: 'channel' } });
      }
      await storage.close();
      t.connector.reset();
      const out: string[] = [];
      expect(await runCli(['reminders', 'run', '--now', '2026-11-30T09:00:00Z', '--tenant', B], { DATA_DIR: dir, LOG_LEVEL: 'silent' }, (line) => out.push(line), () => {})).toBe(0);
      expect(t.connector.sent.map((sent) => sent.conversationId)).toEqual([`19:${B}`]);
      expect(out.join('\n')).not.toContain(A);
      attempts++;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tried every path', () => {
    recordStat('isolation.attempts', attempts);
    expect(attempts).toBeGreaterThanOrEqual(17);
  });
});
