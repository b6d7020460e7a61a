/**
 * Posted messages and their queued updates, on every back end: a newer reminder queues one
 * "superseded" update for the earlier one of its topic in that channel, recording the renewal one
 * "recorded" update per reminder still showing, a checklist tick one refresh of the channel's
 * checklist card; updates are claimed under a lease, once across replicas.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderKind } from '../../src/rules/reminders/plan.js';
import type { MessageKey } from '../../src/storage/message-updates.js';
import type { ReminderKey } from '../../src/storage/reminder-store.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';
import type { MakeStorage, StorageUnderTest } from './storage-contract.js';

const CHANNEL = '19:general@thread.tacv2';
const T0 = new Date('2026-11-30T08:00:00.000Z');
const MINUTE = 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);

export function runMessageUpdateContract(name: string, makeStorage: MakeStorage): void {
  describe(`${name} posted messages and their updates`, () => {
    let subject: StorageUnderTest;
    let storage: Storage;
    beforeEach(async () => {
      subject = await makeStorage({ now: () => T0 });
      storage = subject.storage;
      for (const tenantId of ['tenant-a', 'tenant-b']) {
        await storage.saveOrganization(makeOrganization({ tenantId }));
        await storage.saveReminderTarget({ tenantId, teamId: 'team-1', conversationId: CHANNEL, serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationReference: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: CHANNEL, tenantId, botId: 'bot', scope: 'channel' } });
      }
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const reminder = (kind: ReminderKind, subject = '', tenantId = 'tenant-a'): ReminderKey => ({ tenantId, kind, cycle: '2027-02-28', subject, audience: 'channel' });
    /** Plans, then records the reminder as posted in `conversationId` with `activityId`. */
    const post = async (key: ReminderKey, activityId: string, at: Date, conversationId = CHANNEL) => {
      await storage.recordPlan(key.tenantId, { reminders: [{ ...key, dueOn: '2026-11-30', payload: {} }], nextReminderOn: '2027-02-14', toldRequirements: {} });
      await storage.recordReminderPosted(key, at, { conversationId, activityId });
    };
    const claim = (options: { runnerId?: string; now?: Date; limit?: number } = {}) =>
      storage.claimMessageUpdates({ runnerId: 'runner-1', now: T0, leaseMs: 5 * MINUTE, limit: 10, ...options });
    const updates = async (tenantId = 'tenant-a') => (await storage.messageUpdatesOf(tenantId)).map((row) => [row.activityId, row.purpose, row.status]);
    const key = (activityId: string, tenantId = 'tenant-a', conversationId = CHANNEL): MessageKey => ({ tenantId, conversationId, activityId });

    it('marks the reminder sent and keeps the id of the message it posted', async () => {
      await post(reminder('window-open'), 'act-1', T0);
      expect((await storage.remindersOf('tenant-a'))[0]).toMatchObject({ kind: 'window-open', status: 'sent', sentAt: T0.toISOString() });
      expect(await storage.postedMessagesOf('tenant-a')).toEqual([
        { ...key('act-1'), card: 'reminder', cycle: '2027-02-28', reminderKind: 'window-open', reminderSubject: '', postedAt: T0.toISOString(), state: 'live' },
      ]);
      expect(await updates()).toEqual([]);
    });

    it('queues one "superseded" update for the earlier reminder of the same topic in that channel, and nothing for others', async () => {
      await post(reminder('window-open'), 'act-1', T0);
      await post(reminder('reference-expiring', 'fabrikam'), 'act-2', later(MINUTE));
      await post(reminder('window-open', '', 'tenant-b'), 'act-b', T0);
      await post(reminder('two-weeks'), 'act-3', later(2 * MINUTE));
      expect(await updates()).toEqual([['act-1', 'superseded', 'pending']]);
      expect((await storage.postedMessagesOf('tenant-a')).map((row) => [row.activityId, row.state])).toEqual([['act-1', 'superseded'], ['act-2', 'live'], ['act-3', 'live']]);
      expect(await updates('tenant-b')).toEqual([]);
      // Recorded again (a retried write): no second update.
      await storage.recordReminderPosted(reminder('two-weeks'), later(2 * MINUTE), { conversationId: CHANNEL, activityId: 'act-3' });
      await post(reminder('expired'), 'act-4', later(3 * MINUTE));
      expect(await updates()).toEqual([['act-1', 'superseded', 'pending'], ['act-3', 'superseded', 'pending']]);
    });

    it('leaves a reminder in a channel the reminders moved away from as it is', async () => {
      await post(reminder('window-open'), 'act-1', T0, '19:old@thread.tacv2');
      await post(reminder('two-weeks'), 'act-2', later(MINUTE));
      expect(await updates()).toEqual([]);
    });

    it('claims a queued update once, with what it needs to send it; a lease that expired is taken again', async () => {
      await post(reminder('window-open'), 'act-1', T0);
      await post(reminder('two-weeks'), 'act-2', later(MINUTE));
      const [claimed, ...rest] = await claim();
      expect(rest).toEqual([]);
      expect(claimed).toMatchObject({
        ...key('act-1'),
        purpose: 'superseded',
        payload: { by: { kind: 'two-weeks', subject: '', postedAt: later(MINUTE).toISOString() } },
        attempts: 1,
        message: { reminderKind: 'window-open', postedAt: T0.toISOString() },
        target: { tenantId: 'tenant-a', conversationId: CHANNEL },
      });
      expect(await claim({ runnerId: 'runner-2', now: later(MINUTE) })).toEqual([]);
      const retaken = await claim({ runnerId: 'runner-2', now: later(5 * MINUTE) });
      expect(retaken.map((update) => [update.activityId, update.attempts])).toEqual([['act-1', 2]]);
      await storage.finishMessageUpdate(key('act-1'), retaken[0]!.version, 'done', '', later(6 * MINUTE));
      expect(await claim({ now: later(60 * MINUTE) })).toEqual([]);
      expect(await updates()).toEqual([['act-1', 'superseded', 'done']]);
    });

    it('releases an update for a later attempt, keeping the reason; a 404 closes it as gone', async () => {
      await post(reminder('window-open'), 'act-1', T0);
      await post(reminder('two-weeks'), 'act-2', later(MINUTE));
      await claim();
      await storage.releaseMessageUpdate(key('act-1'), { reason: 'HTTP 502', retryAt: later(10 * MINUTE) });
      expect(await claim({ now: later(10 * MINUTE - 1) })).toEqual([]);
      const [again] = await claim({ now: later(10 * MINUTE) });
      await storage.finishMessageUpdate(key('act-1'), again!.version, 'gone', 'HTTP 404: the message was deleted', later(11 * MINUTE));
      expect(await storage.messageUpdatesOf('tenant-a')).toMatchObject([{ status: 'gone', lastError: 'HTTP 404: the message was deleted', attempts: 2 }]);
    });

    it('gives each queued update to exactly one of two replicas claiming at once', async () => {
      for (let index = 0; index < 30; index += 1) {
        await post(reminder('reference-expiring', `ref-${index}`), `old-${index}`, T0);
        await post(reminder('reference-expiring', `ref-${index}`), `new-${index}`, later(MINUTE));
      }
      const replica = subject.openSecond ? await subject.openSecond() : storage;
      const [one, two] = await Promise.all([
        claim({ runnerId: 'runner-1', limit: 20 }),
        replica.claimMessageUpdates({ runnerId: 'runner-2', now: T0, leaseMs: 5 * MINUTE, limit: 20 }),
      ]);
      const ids = [...one, ...two].map((update) => update.activityId);
      expect(new Set(ids).size).toBe(ids.length);
      const rest = await claim({ limit: 100 });
      expect(ids.length + rest.length).toBe(30);
    });

    it('on recording the renewal saves the organization and queues "recorded" for each reminder of that cycle still showing', async () => {
      await post(reminder('window-open'), 'act-1', T0);
      await post(reminder('two-weeks'), 'act-2', later(MINUTE));
      await post(reminder('reference-expiring', 'fabrikam'), 'act-3', later(2 * MINUTE));
      await post(reminder('window-open', '', 'tenant-b'), 'act-b', T0);
      const renewed = makeOrganization({ tenantId: 'tenant-a', renewedCycles: 1 });
      await storage.recordRenewal(renewed, { cycle: '2027-02-28', byName: 'Megan Bowen', at: later(3 * MINUTE) });
      expect((await storage.getOrganization('tenant-a'))?.renewedCycles).toBe(1);
      expect(await updates()).toEqual([['act-1', 'superseded', 'pending'], ['act-2', 'recorded', 'pending'], ['act-3', 'recorded', 'pending']]);
      expect(await updates('tenant-b')).toEqual([]);
      const claimed = (await claim()).find((update) => update.activityId === 'act-2');
      expect(claimed?.payload).toEqual({ byName: 'Megan Bowen', at: later(3 * MINUTE).toISOString(), outcome: 'renewed' });
    });

    it('on recording "We did not renew" saves the stopped cycle and queues "recorded" with that outcome', async () => {
      await post(reminder('expired'), 'act-1', T0);
      const stopped = makeOrganization({ tenantId: 'tenant-a', notRenewedCycle: '2027-02-28' });
      await storage.recordRenewal(stopped, { cycle: '2027-02-28', byName: 'Megan Bowen', at: later(MINUTE), outcome: 'not-renewed' });
      expect((await storage.getOrganization('tenant-a'))?.notRenewedCycle).toBe('2027-02-28');
      const [claimed] = await claim();
      expect(claimed).toMatchObject({ activityId: 'act-1', purpose: 'recorded', payload: { outcome: 'not-renewed' } });
    });

    it("refreshes the channel's checklist card on every tick, coalescing ticks, and only the tenant's own", async () => {
      const tick = (itemId: string, at: Date, tenantId = 'tenant-a') =>
        storage.markChecklistItem(tenantId, '2027-02-28', { itemId, done: true, changedByName: 'Alex', changedById: 'user-alex', changedAt: at.toISOString() });
      await tick('window-open:review', T0); // no card in the channel yet: nothing to update
      expect(await updates()).toEqual([]);
      await storage.recordChecklistPosted('tenant-a', { conversationId: `${CHANNEL};messageid=1`, channelId: CHANNEL, activityId: 'list-1', cycle: '2027-02-28', at: T0 });
      await tick('window-open:budget', later(MINUTE));
      await tick('window-open:exams', later(2 * MINUTE));
      expect(await storage.checklistMarks('tenant-a', '2027-02-28')).toHaveLength(3);
      expect(await storage.messageUpdatesOf('tenant-a')).toMatchObject([{ activityId: 'list-1', conversationId: `${CHANNEL};messageid=1`, purpose: 'checklist', status: 'pending', version: 2 }]);
      await tick('window-open:review', later(3 * MINUTE), 'tenant-b');
      expect(await updates('tenant-b')).toEqual([]);

      // A tick while the refresh is in flight sends it once more afterwards.
      const [inFlight] = await claim({ now: later(3 * MINUTE) });
      await tick('two-weeks:keys', later(4 * MINUTE));
      await storage.finishMessageUpdate(key('list-1', 'tenant-a', `${CHANNEL};messageid=1`), inFlight!.version, 'done', '', later(5 * MINUTE));
      const [again] = await claim({ now: later(5 * MINUTE) });
      expect(again).toMatchObject({ activityId: 'list-1', version: 3 });
      await storage.finishMessageUpdate(key('list-1', 'tenant-a', `${CHANNEL};messageid=1`), again!.version, 'done', '', later(6 * MINUTE));
      expect(await updates()).toEqual([['list-1', 'checklist', 'done']]);
      await tick('two-weeks:move', later(7 * MINUTE));
      expect(await updates()).toEqual([['list-1', 'checklist', 'pending']]);
    });

    it('updates only the newest checklist card posted in the channel for a cycle', async () => {
      await storage.recordChecklistPosted('tenant-a', { conversationId: CHANNEL, channelId: CHANNEL, activityId: 'list-1', cycle: '2027-02-28', at: T0 });
      await storage.markChecklistItem('tenant-a', '2027-02-28', { itemId: 'x', done: true, changedByName: 'Alex', changedById: 'u', changedAt: T0.toISOString() });
      await storage.recordChecklistPosted('tenant-a', { conversationId: CHANNEL, channelId: CHANNEL, activityId: 'list-2', cycle: '2027-02-28', at: later(MINUTE) });
      await storage.markChecklistItem('tenant-a', '2027-02-28', { itemId: 'y', done: true, changedByName: 'Alex', changedById: 'u', changedAt: later(2 * MINUTE).toISOString() });
      expect(await updates()).toEqual([['list-1', 'checklist', 'skipped'], ['list-2', 'checklist', 'pending']]);
    });
  });
}
