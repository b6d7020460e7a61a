/**
 * Proactive reminders through the real CloudAdapter to a local Bot Connector: on the right day,
 * once, and every failure handled without stopping the pass.
 */
import { freePort } from '../support/free-port.js';
import { afterEach, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';
import { channelPosts, FAST_REMINDERS, installInTeam, postedTitles, startReminderApp, TENANT } from './reminder-app.js';

let t: TestApp;
afterEach(() => t?.stop());

// Anniversary 2027-02-28 in Berlin: the window opens 2026-11-30, reminders go out from 09:00 there (08:00 UTC).
const WINDOW_DAY_0900 = '2026-11-30T08:00:00Z';

describe('where reminders are posted', () => {
  it('stores the General channel of the team the app is added to, once however often it is installed', async () => {
    t = await startReminderApp({ now: '2026-11-01T12:00:00Z' });
    await installInTeam(t);
    await t.ask(makeActivity('team-conversation-update-bot-added', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT }));
    const target = await t.app.storage.getReminderTarget(TENANT);
    expect(target).toMatchObject({ teamId: 'team-id', conversationId: 'team-id', active: true });
  });

  it('moves to another channel when an admin says "post reminders here" there', async () => {
    t = await startReminderApp({ now: '2026-11-01T12:00:00Z' });
    const activity = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-megan', text: 'post reminders here' });
    activity.conversation.id = '19:planning@thread.tacv2;messageid=1795549364495';
    const cards = await t.ask(activity);
    expect(JSON.stringify(cards)).toContain('Reminders will be posted here');
    expect((await t.app.storage.getReminderTarget(TENANT))?.conversationId).toBe('19:planning@thread.tacv2');
  });

  it('refuses "post reminders here" from someone who is not an admin', async () => {
    t = await startReminderApp({ now: '2026-11-01T12:00:00Z' });
    const activity = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-mallory', text: 'post reminders here' });
    activity.conversation.id = '19:other@thread.tacv2';
    const refused = JSON.stringify(await t.ask(activity));
    expect(refused).toContain('Only an admin or the Primary Program Contact can move the reminders');
    expect(refused).not.toContain('change the profile');
    expect((await t.app.storage.getReminderTarget(TENANT))?.conversationId).toBe('team-id');
  });

  it('sends nothing after the app is removed from the team', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    await installInTeam(t, 'remove');
    const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    expect(report.counts.sent).toBe(0);
    expect(t.connector.sent).toHaveLength(0);
  });

  it('follows the newest service URL Teams uses for the tenant', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    const { startFakeConnector } = await import('../support/fake-connector.js');
    const moved = await startFakeConnector();
    try {
      await t.post(makeActivity('personal-message', { serviceUrl: moved.serviceUrl, tenantId: TENANT, text: 'help' }));
      moved.reset();
      await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
      expect(moved.sent.map((sent) => sent.conversationId)).toEqual(['team-id']);
      expect(t.connector.sent).toHaveLength(0);
    } finally {
      await moved.close();
    }
  });
});

describe('when Teams moves a tenant back', () => {
  it('follows the tenant back to a service URL it used before (the bot remembers only the latest)', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    const { startFakeConnector } = await import('../support/fake-connector.js');
    const moved = await startFakeConnector();
    try {
      await t.post(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' }));
      await t.post(makeActivity('personal-message', { serviceUrl: moved.serviceUrl, tenantId: TENANT, text: 'help' }));
      await t.post(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' }));
      moved.reset();
      t.connector.reset();
      await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
      expect(t.connector.sent.map((sent) => sent.conversationId)).toEqual(['team-id']);
      expect(moved.sent).toHaveLength(0);
    } finally {
      await moved.close();
    }
  });
});

describe('when reminders go out', () => {
  it('posts window-open on its day from 09:00 local time, not at 08:59 and not the day before', async () => {
    t = await startReminderApp({ now: '2026-11-29T12:00:00Z' });
    await t.app.reminders.runPass({ now: new Date('2026-11-29T12:00:00Z') });
    await t.app.reminders.runPass({ now: new Date('2026-11-30T07:59:00Z') }); // 08:59 in Berlin
    expect(t.connector.sent).toHaveLength(0);
    await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    expect(postedTitles(t)).toEqual(['The renewal window is open']);
    const card = JSON.stringify(t.connector.sent[0]?.body);
    expect(card).toContain('90-day checklist');
    expect(card).toContain('Open the checklist');
    expect(card).toContain('Program contact');
    expect(t.connector.sent[0]?.conversationId).toBe('team-id');
  });

  it('sends nothing on a second pass', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    const second = await t.app.reminders.runPass({ now: new Date('2026-11-30T15:00:00Z') });
    expect(second.counts.sent).toBe(0);
    expect(t.connector.sent).toHaveLength(1);
  });

  it('catches up after a gap with the latest reminder only, stating the days really left that day', async () => {
    t = await startReminderApp({ now: '2027-02-20T10:00:00Z' });
    await t.app.reminders.runPass({ now: new Date('2027-02-20T10:00:00Z') });
    expect(postedTitles(t)).toEqual(['8 days left: complete the renewal now']);
    expect(JSON.stringify(channelPosts(t)[0]?.body)).toContain('The anniversary, the day the membership expires, is February 28, 2027, 8 days from today.');
  });

  it('posts expired the day after the anniversary, and once the renewal is marked done only updates it to say so', async () => {
    t = await startReminderApp({ now: '2027-03-01T10:00:00Z', org: { anniversaryDate: '2027-02-28' } });
    await t.app.reminders.runPass({ now: new Date('2027-02-28T10:00:00Z') });
    t.connector.reset();
    await t.app.reminders.runPass({ now: new Date('2027-03-01T10:00:00Z') });
    expect(postedTitles(t)).toEqual(['The membership expired on February 28, 2027']);
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-megan', text: 'mark renewal done' }));
    expect(JSON.stringify(cards)).toContain('February 28, 2028');
    t.connector.reset();
    await t.app.reminders.runPass({ now: new Date('2027-03-02T10:00:00Z') });
    // No new reminder, neither in the channel nor to the contact: only the update of the one posted.
    expect(t.connector.sent.map((sent) => sent.method)).toEqual(['PUT']);
    expect(JSON.stringify(t.connector.sent[0]?.body)).toContain('Renewal recorded: Alex Wilber marked the renewal for the February 28, 2027 anniversary done');
  });

  it('posts each expiring customer reference once', async () => {
    t = await startReminderApp({
      now: '2026-11-12T10:00:00Z',
      org: { customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] },
    });
    await t.app.reminders.runPass({ now: new Date('2026-11-12T10:00:00Z') });
    await t.app.reminders.runPass({ now: new Date('2026-11-13T10:00:00Z') });
    expect(postedTitles(t)).toEqual(['A customer reference expires before your anniversary']);
    expect(JSON.stringify(channelPosts(t)[0]?.body)).toContain('The Fabrikam reference for Cloud Platform expires on February 10, 2027');
  });
});

describe('when the Bot Connector fails', () => {
  it('honours Retry-After on 429 and sends once', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    let calls = 0;
    t.connector.respond = () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: { id: 'x' } });
    const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    recordStat('faults.injected', 1);
    expect(report.counts.sent).toBe(1);
    const [first, second] = t.connector.sent;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('backs off on 429 without Retry-After and then sends', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    let calls = 0;
    t.connector.respond = () => (++calls <= 2 ? { status: 429 } : { status: 200, body: { id: 'x' } });
    const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    recordStat('faults.injected', 2);
    expect(report.counts.sent).toBe(1);
    expect(calls).toBe(3);
  });

  for (const [what, reply] of [
    ['500', { status: 500 }],
    ['502', { status: 502 }],
    ['412', { status: 412 }],
    ['a hang past the timeout', 'hang'],
  ] as const) {
    it(`leaves the reminder pending with the reason after a few tries on ${what}, and sends it at the next pass`, async () => {
      t = await startReminderApp({ now: WINDOW_DAY_0900 });
      t.connector.respond = () => reply;
      const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
      recordStat('faults.injected', t.connector.sent.length);
      expect(report.counts).toMatchObject({ sent: 0, pending: 1 });
      expect(t.connector.sent).toHaveLength(3); // REMINDER_MAX_ATTEMPTS
      const [row] = await t.app.storage.remindersOf(TENANT);
      expect(row).toMatchObject({ status: 'pending', kind: 'window-open' });
      expect(row?.lastError).toMatch(reply === 'hang' ? /did not answer/ : new RegExp(`HTTP ${(reply as { status: number }).status}`));

      t.connector.reset();
      t.setNow('2026-11-30T09:00:00Z');
      const next = await t.app.reminders.runPass({ now: new Date('2026-11-30T09:00:00Z') });
      expect(next.counts.sent).toBe(1);
      expect(postedTitles(t)).toEqual(['The renewal window is open']);
    });
  }

  it('leaves the reminder pending when the connector refuses connections, and sends once it is back', async () => {
    t = await startReminderApp({ now: WINDOW_DAY_0900 });
    const closed = await freePort(); // just free and closed again: connections are refused at once
    await t.post(makeActivity('personal-message', { serviceUrl: `http://127.0.0.1:${closed}/_connector`, tenantId: TENANT, text: 'help' })); // its reply fails too
    const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    recordStat('faults.injected', 3);
    expect(report.counts).toMatchObject({ sent: 0, pending: 1 });
    expect((await t.app.storage.remindersOf(TENANT))[0]?.lastError).toMatch(/ECONNREFUSED|connect/i);
    await t.post(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' }));
    t.connector.reset();
    t.setNow('2026-11-30T09:00:00Z');
    expect((await t.app.reminders.runPass({ now: new Date('2026-11-30T09:00:00Z') })).counts.sent).toBe(1);
  });

  for (const status of [403, 404]) {
    it(`marks the target inactive on ${status} and stops sending to it`, async () => {
      t = await startReminderApp({ now: WINDOW_DAY_0900 });
      t.connector.respond = () => ({ status });
      const report = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
      recordStat('faults.injected', 1);
      expect(report.counts.inactive).toBe(1);
      expect((await t.app.storage.getReminderTarget(TENANT))?.active).toBe(false);
      t.connector.reset();
      await t.app.reminders.runPass({ now: new Date('2027-02-14T10:00:00Z') });
      expect(t.connector.sent).toHaveLength(0);
    });
  }
});

describe('when the stored service URL is not trusted', () => {
  it('leaves the reminder pending with the reason and never calls the connector, pass after pass', async () => {
    // The connector is on loopback, which an explicit SERVICE_URL_ALLOWLIST does not include: the
    // target stands for one stored before the operator narrowed the list (or written by hand).
    t = await startTestApp({ now: WINDOW_DAY_0900, env: { ...FAST_REMINDERS, SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/' } });
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, anniversaryDate: '2027-02-28', timeZone: 'Europe/Berlin', customerReferences: [] }));
    const serviceUrl = t.connector.serviceUrl;
    await t.app.storage.saveReminderTarget({
      tenantId: TENANT,
      teamId: 'team-id',
      conversationId: 'team-id',
      serviceUrl,
      conversationReference: { serviceUrl, conversationId: 'team-id', tenantId: TENANT, botId: 'bot', scope: 'channel' },
    });

    const first = await t.app.reminders.runPass({ now: new Date(WINDOW_DAY_0900) });
    t.setNow('2026-11-30T09:00:00Z');
    const second = await t.app.reminders.runPass({ now: new Date('2026-11-30T09:00:00Z') });
    recordStat('serviceUrls.storedPending', first.counts.pending + second.counts.pending);
    recordStat('serviceUrls.called', t.connector.sent.length);
    for (const report of [first, second]) expect(report.counts).toMatchObject({ sent: 0, pending: 1, failed: 0 });
    expect(t.connector.sent).toHaveLength(0);
    const [row] = await t.app.storage.remindersOf(TENANT);
    expect(row).toMatchObject({ status: 'pending', kind: 'window-open' });
    expect(row?.lastError).toBe('the service URL is not in SERVICE_URL_ALLOWLIST');
    expect((await t.app.storage.getReminderTarget(TENANT))?.active).toBe(true);
  });
});
