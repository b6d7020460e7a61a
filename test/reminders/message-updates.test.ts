/**
 * Reminders that update in place, through the real CloudAdapter to a local Bot Connector: a newer
 * reminder turns the earlier one into a one-line "superseded" note (one PUT, once), recording the
 * renewal turns the latest into "recorded", a tick anywhere updates the checklist card in the
 * reminder channel; a deleted message (404) is no error, and a runner that died mid-update loses nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import type { SentActivity } from '../support/fake-connector.js';
import type { TestApp } from '../support/test-app.js';
import { startReminderApp as startApp, TENANT } from './reminder-app.js';

/** The channel alone: personal reminders to the contact (personal.test.ts) are off, except where a test says. */
const startReminderApp = (options: Parameters<typeof startApp>[0]) => startApp({ ...options, env: { PERSONAL_REMINDERS: 'off', ...options.env } });

let t: TestApp;
afterEach(() => t?.stop());

// Anniversary 2027-02-28 in Berlin: the window opens 2026-11-30, two weeks are left on 2027-02-14 (09:00 there is 08:00 UTC).
const WINDOW_DAY = '2026-11-30T08:00:00Z';
const TWO_WEEKS_DAY = '2027-02-14T08:00:00Z';
const CHANNEL = 'team-id';

async function passAt(iso: string) {
  t.setNow(iso);
  return t.app.reminders.runPass({ now: new Date(iso) });
}
const puts = () => t.connector.sent.filter((sent) => sent.method === 'PUT');
const posts = () => t.connector.sent.filter((sent) => sent.method === 'POST');
const textOf = (sent: SentActivity) => cardText({ content: (sent.body.attachments as { content: unknown }[])[0]!.content });
/** The id the connector gave the n-th reminder it received. */
function replyIds(): string[] {
  const ids: string[] = [];
  t.connector.respond = () => {
    const id = `msg-${ids.length + 1}`;
    ids.push(id);
    return { status: 200, body: { id } };
  };
  return ids;
}

describe('a newer reminder supersedes the earlier one', () => {
  it('updates the window-open reminder to a one-line note pointing to the two-week one, with one PUT, once', async () => {
    t = await startReminderApp({ now: WINDOW_DAY });
    const ids = replyIds();
    await passAt(WINDOW_DAY);
    expect(ids).toEqual(['msg-1']);
    const report = await passAt(TWO_WEEKS_DAY);
    expect(report.counts.sent).toBe(1);
    expect(report.updates).toMatchObject({ updated: 1, gone: 0, failed: 0 });

    expect(puts()).toHaveLength(1);
    const [put] = puts();
    expect(put!.path).toBe(`/_connector/v3/conversations/${CHANNEL}/activities/msg-1`);
    expect(put!.body).toMatchObject({ type: 'message', id: 'msg-1' });
    expect(textOf(put!)).toBe('Superseded: the reminder of November 30, 2026 (the renewal window is open) is replaced by the one of February 14, 2027 below (complete the renewal now).');
    // The newer reminder itself stays as it was posted.
    expect(textOf(posts()[1]!)).toContain('Two weeks left: complete the renewal now');

    await passAt('2027-02-14T09:00:00Z');
    await passAt('2027-02-15T09:00:00Z');
    expect(puts()).toHaveLength(1);
  });

  it('does not touch a reminder on another topic, nor another tenant\'s messages', async () => {
    t = await startReminderApp({
      now: WINDOW_DAY,
      org: { customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] },
    });
    replyIds();
    await passAt('2026-12-01T08:00:00Z'); // window-open and the Fabrikam reference (expires 2027-02-10)
    expect(posts()).toHaveLength(2);
    await passAt(TWO_WEEKS_DAY);
    expect(puts().map((put) => put.path.split('/').pop())).toHaveLength(1);
    expect(textOf(puts()[0]!)).toContain('(the renewal window is open)');
  });

  it('keeps no message id the connector should not have sent (a path step, control characters, 2 KB): the reminder is sent, never updated', async () => {
    for (const id of ['..', 'msg\n1', 'x'.repeat(2048)]) {
      t = await startReminderApp({ now: WINDOW_DAY });
      t.connector.respond = () => ({ status: 200, body: { id } });
      expect((await passAt(WINDOW_DAY)).counts.sent).toBe(1);
      expect(await t.app.storage.postedMessagesOf(TENANT)).toEqual([]);
      await passAt(TWO_WEEKS_DAY);
      expect(puts()).toHaveLength(0);
      await t.stop();
    }
  });

  it('takes a 404 for a deleted message as done, not as an error, and does not try again', async () => {
    t = await startReminderApp({ now: WINDOW_DAY });
    await passAt(WINDOW_DAY);
    t.connector.respond = (request) => (request.method === 'PUT' ? { status: 404, body: { error: { code: 'NotFound' } } } : { status: 200, body: { id: 'msg-2' } });
    const report = await passAt(TWO_WEEKS_DAY);
    expect(report.updates).toMatchObject({ updated: 0, gone: 1, failed: 0, pending: 0 });
    expect(await t.app.storage.messageUpdatesOf(TENANT)).toMatchObject([{ purpose: 'superseded', status: 'gone', lastError: 'HTTP 404: the message was deleted' }]);
    await passAt('2027-02-15T09:00:00Z');
    expect(puts()).toHaveLength(1);
  });

  it('retries a throttled or failing update as it retries sends, leaving it pending for a later pass', async () => {
    t = await startReminderApp({ now: WINDOW_DAY });
    await passAt(WINDOW_DAY);
    let putCount = 0;
    t.connector.respond = (request) => {
      if (request.method !== 'PUT') return { status: 200, body: { id: 'msg-2' } };
      putCount += 1;
      return putCount === 1 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 502 };
    };
    const report = await passAt(TWO_WEEKS_DAY);
    expect(putCount).toBe(4); // 429 once (retried at once), then 502 three times (REMINDER_MAX_ATTEMPTS)
    expect(report.updates).toMatchObject({ updated: 0, pending: 1 });
    expect(await t.app.storage.messageUpdatesOf(TENANT)).toMatchObject([{ status: 'pending', lastError: 'HTTP 502' }]);
    t.connector.respond = () => ({ status: 200, body: {} });
    const next = await passAt('2027-02-14T09:00:00Z');
    expect(next.updates.updated).toBe(1);
  });

  it('exactly once across a restart: an update claimed by a runner that died goes out once, after its lease', async () => {
    t = await startReminderApp({ now: WINDOW_DAY });
    await passAt(WINDOW_DAY);
    // The two-week reminder goes out; its update's PUT gets no answer (three timeouts), so it stays pending.
    t.connector.respond = (request) => (request.method === 'PUT' ? 'hang' : { status: 200, body: { id: 'msg-2' } });
    expect((await passAt(TWO_WEEKS_DAY)).updates).toMatchObject({ updated: 0, pending: 1 });
    t.connector.respond = () => ({ status: 200, body: {} });
    const putsBefore = puts().length;
    // Another runner claims it and dies before sending it.
    const taken = await t.app.storage.claimMessageUpdates({ runnerId: 'dead-runner', now: new Date('2027-02-14T08:10:00Z'), leaseMs: 120_000, limit: 10 });
    expect(taken).toHaveLength(1);
    // While the dead runner's lease holds, a pass leaves it alone; after it, the next pass updates the message once.
    await passAt('2027-02-14T08:11:00Z');
    expect(puts().length).toBe(putsBefore);
    await passAt('2027-02-14T08:13:00Z');
    await passAt('2027-02-14T08:30:00Z');
    expect(puts().length).toBe(putsBefore + 1);
    expect(await t.app.storage.messageUpdatesOf(TENANT)).toMatchObject([{ status: 'done', attempts: 3 }]);
  });
});

describe('with personal reminders to the contact on', () => {
  it('updates only the channel message: the contact\'s 1:1 chat gets its reminder and no update', async () => {
    t = await startReminderApp({ now: WINDOW_DAY, env: { PERSONAL_REMINDERS: 'on' } });
    let n = 0;
    t.connector.respond = (request) => (request.method === 'POST' ? { status: 200, body: { id: `msg-${++n}` } } : { status: 200, body: {} });
    await passAt(WINDOW_DAY);
    const report = await passAt(TWO_WEEKS_DAY);
    expect(report.updates).toMatchObject({ updated: 1 });
    const channelPosts = posts().filter((post) => post.conversationId === CHANNEL);
    expect(channelPosts).toHaveLength(2);
    expect(posts().some((post) => post.conversationId !== CHANNEL && post.path.includes('/activities/'))).toBe(true); // the contact's reminder
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.conversationId).toBe(CHANNEL);
  });
});

describe('recording the renewal', () => {
  it('updates the latest reminder to say who recorded the renewal and when', async () => {
    t = await startReminderApp({ now: WINDOW_DAY });
    const ids = replyIds();
    await passAt(WINDOW_DAY);
    await passAt(TWO_WEEKS_DAY);
    t.setNow('2027-02-20T10:00:00Z');
    const done = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-megan', text: 'mark renewal done' });
    done.from.name = 'Megan <Bowen>';
    expect(cardText({ content: (await t.ask(done))[0] })).toContain('February 28, 2028');
    const report = await passAt('2027-02-20T10:05:00Z');
    expect(report.updates.updated).toBe(1); // the two-week reminder's "recorded": window-open was superseded before
    const recorded = puts().filter((put) => put.path.endsWith(`/activities/${ids[1]}`));
    expect(recorded).toHaveLength(1);
    expect(textOf(recorded[0]!)).toBe('Renewal recorded: Megan \\<Bowen\\> marked the renewal for the February 28, 2027 anniversary done on February 20, 2027. Reminders now follow the next anniversary.');
  });
});

describe('the checklist card in the reminder channel', () => {
  async function openChecklistInChannel(): Promise<string> {
    const activity = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'checklist' });
    activity.conversation.id = `${CHANNEL};messageid=1795549364495`;
    t.connector.respond = () => ({ status: 200, body: { id: 'checklist-msg' } });
    const cards = await t.ask(activity);
    expect(cardText({ content: cards[0] })).toContain('0 of 9 done');
    return 'checklist-msg';
  }
  function tickInPersonalChat(tenantId: string, itemId: string) {
    const activity = makeActivity('personal-invoke-adaptive-card-action', {
      serviceUrl: t.connector.serviceUrl,
      tenantId,
      value: { action: { type: 'Action.Execute', verb: 'checklist.toggle', data: { tenantId, cycle: '2027-02-28', itemId, done: true } } },
    });
    activity.from = { ...activity.from, id: 'user-alex', name: 'Alex Wilber' };
    return t.post(activity);
  }

  it('is updated when an item is ticked anywhere, showing the tick to everyone in the channel', async () => {
    t = await startReminderApp({ now: '2026-12-01T13:00:00Z' });
    const activityId = await openChecklistInChannel();
    expect((await tickInPersonalChat(TENANT, 'window-open:budget-fees')).status).toBe(200);
    expect((await tickInPersonalChat(TENANT, 'window-open:schedule-exams')).status).toBe(200);
    t.connector.reset();
    const report = await passAt('2026-12-01T13:05:00Z');
    expect(report.updates.updated).toBe(1); // two ticks, one update
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.path).toBe(`/_connector/v3/conversations/${CHANNEL};messageid=1795549364495/activities/${activityId}`);
    const text = textOf(puts()[0]!);
    expect(text).toContain('2 of 9 done');
    expect(text).toContain('Alex Wilber');
  });

  it('is updated within seconds of the tick by the running bot, without waiting for the next scheduled pass', async () => {
    // An hourly ticker: only the pass the tick asks for can deliver the update within the test.
    t = await startReminderApp({ now: '2026-12-01T13:00:00Z', env: { REMINDER_TICK_SECONDS: '3600' } });
    const activityId = await openChecklistInChannel();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the pass the ticker runs at start is over
    t.connector.reset();
    expect((await tickInPersonalChat(TENANT, 'window-open:budget-fees')).status).toBe(200);
    expect((await tickInPersonalChat(TENANT, 'window-open:schedule-exams')).status).toBe(200);
    await vi.waitFor(() => expect(puts()).toHaveLength(1), { timeout: 8_000, interval: 100 });
    expect(puts()[0]!.path.endsWith(`/activities/${activityId}`)).toBe(true);
    expect(textOf(puts()[0]!)).toContain('2 of 9 done');
  });

  it('once deleted (404), is not updated again by later ticks', async () => {
    t = await startReminderApp({ now: '2026-12-01T13:00:00Z' });
    await openChecklistInChannel();
    t.connector.reset();
    t.connector.respond = (request) => (request.method === 'PUT' ? { status: 404, body: { error: { code: 'NotFound' } } } : { status: 200, body: {} });
    await tickInPersonalChat(TENANT, 'window-open:budget-fees');
    expect((await passAt('2026-12-01T13:05:00Z')).updates).toMatchObject({ gone: 1 });
    await tickInPersonalChat(TENANT, 'window-open:schedule-exams');
    await passAt('2026-12-01T13:10:00Z');
    expect(puts()).toHaveLength(1);
    expect((await t.app.storage.postedMessagesOf(TENANT)).map((message) => message.state)).toEqual(['gone']);
  });

  it("is not updated by a tick in another tenant, and a checklist opened elsewhere is not kept", async () => {
    t = await startReminderApp({ now: '2026-12-01T13:00:00Z' });
    const other = 'bbbbbbbb-0000-0000-0000-00000000000b';
    await openChecklistInChannel();
    await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'checklist' }));
    expect((await t.app.storage.postedMessagesOf(TENANT)).map((message) => message.card)).toEqual(['checklist']);
    await tickInPersonalChat(other, 'window-open:budget-fees');
    t.connector.reset();
    await passAt('2026-12-01T13:05:00Z');
    expect(puts()).toHaveLength(0);
  });
});
