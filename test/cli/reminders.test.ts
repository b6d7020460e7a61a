/** `npm run cli -- reminders run|status`: one pass of the server's code, reported for an operator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { seedFleet, tenantOf } from '../reminders/fleet.js';

let dir: string;
let connector: FakeConnector;
let out: string[];
let err: string[];
const env = () => ({ DATA_DIR: dir, LOG_LEVEL: 'silent', REMINDER_RETRY_BASE_MS: '5', REMINDER_RETRY_CAP_MS: '10' });
const cli = (...args: string[]) => runCli(args, env(), (line) => out.push(line), (line) => err.push(line));
const WINDOW_OPENS = '2026-11-30T09:00:00Z';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-bot-cli-reminders-'));
  connector = await startFakeConnector();
  const storage = await openStorage({ dataDir: dir });
  await seedFleet(storage, 2, connector.serviceUrl);
  await storage.close();
  out = [];
  err = [];
});
afterEach(async () => {
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cli reminders', () => {
  it('runs a pass at --now and prints what it sent', async () => {
    expect(await cli('reminders', 'run', '--now', WINDOW_OPENS)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('2 organizations checked, 2 reminders planned');
    expect(text).toMatch(new RegExp(`sent\\s+${tenantOf(0)} window-open 2027-02-28`));
    expect(text).toContain('Sent 2, would send 0, left pending 0');
    expect(connector.sent).toHaveLength(2);
  });

  it('names the --now days, not the real clock\'s, when a later reminder supersedes an earlier one', async () => {
    expect(await cli('reminders', 'run', '--now', WINDOW_OPENS, '--tenant', tenantOf(0))).toBe(0);
    expect(await cli('reminders', 'run', '--now', '2027-02-14T09:00:00Z', '--tenant', tenantOf(0))).toBe(0);
    const notes = connector.sent.map((sent) => JSON.stringify(sent.body)).filter((body) => body.includes('Superseded'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('Superseded: the reminder of November 30, 2026 (the renewal window is open) is replaced by the one of February 14, 2027 below');
  });

  it('prints what it would send on --dry-run, and sends and records nothing', async () => {
    expect(await cli('reminders', 'run', '--now', WINDOW_OPENS, '--dry-run')).toBe(0);
    expect(out.join('\n')).toMatch(/would-send\s+tenant-000000 window-open/);
    // The summary counts the same reminders as the list and the totals (it once said "0 reminders planned").
    expect(out[0]).toContain('2 organizations checked, 2 new reminders would be planned, 2 reminders would be sent.');
    expect(out.join('\n')).toContain('Sent 0, would send 2,');
    expect(connector.sent).toHaveLength(0);
    out = [];
    await cli('reminders', 'status');
    expect(out.join('\n')).toMatch(/window-open\s+0\s+0\s+0/);
  });

  it('lists the personal reminders to the Primary Program Contact apart, in a dry run and in status', async () => {
    const TWO_WEEKS_BEFORE = '2027-02-14T09:00:00Z';
    expect(await cli('reminders', 'run', '--now', TWO_WEEKS_BEFORE, '--dry-run')).toBe(0);
    const text = out.join('\n');
    const [channel, personal] = text.split('Personal reminders (1:1 chat with the Primary Program Contact');
    expect(channel).toMatch(/Channel reminders:\n\s+would-send\s+tenant-000000 two-weeks 2027-02-28\n/);
    expect(channel).not.toContain(' to aad-megan');
    expect(personal).toMatch(/would-send\s+tenant-000000 two-weeks 2027-02-28 to aad-megan/);
    expect(personal).toMatch(/would-send\s+tenant-000001 two-weeks 2027-02-28 to aad-megan/);

    out = [];
    await cli('reminders', 'run', '--now', TWO_WEEKS_BEFORE, '--tenant', tenantOf(0));
    out = [];
    await cli('reminders', 'status');
    const status = out.join('\n');
    const [channelCounts, personalCounts] = status.split('Personal reminders');
    expect(channelCounts).toMatch(/two-weeks\s+0\s+0\s+1\s+0\s+0\s+0/);
    expect(personalCounts).toMatch(/^kind\s+pending\s+sending\s+sent\s+failed\s+inactive\s+skipped$/m);
    // The contact's chat was opened through the team (the connector answers every call with 200) and the card sent.
    expect(personalCounts).toMatch(/two-weeks\s+0\s+0\s+1\s+0\s+0\s+0/);
    expect(personalCounts).not.toContain('requirements-changed');
  });

  it('counts on --dry-run the reminders already planned and still pending, as a real pass would send them', async () => {
    const storage = await openStorage({ dataDir: dir });
    for (const tenantId of [tenantOf(0), tenantOf(1)]) {
      const reminders = [{ tenantId, kind: 'window-open' as const, cycle: '2027-02-28', subject: '', audience: 'channel' as const, dueOn: '2026-11-30', payload: {} }];
      await storage.recordPlan(tenantId, { reminders, nextReminderOn: '2027-02-14', toldRequirements: {} });
    }
    await storage.close();
    expect(await cli('reminders', 'run', '--now', WINDOW_OPENS, '--dry-run')).toBe(0);
    expect(out[0]).toContain('0 organizations checked, 0 new reminders would be planned, 2 reminders would be sent.');
    expect(out.join('\n')).toMatch(/would-send\s+tenant-000001 window-open 2027-02-28/);
    expect(connector.sent).toHaveLength(0);
  });

  it('counts on --dry-run only what a real pass would send: no personal reminders when PERSONAL_REMINDERS is off', async () => {
    const storage = await openStorage({ dataDir: dir });
    const personal = { tenantId: tenantOf(0), kind: 'two-weeks' as const, cycle: '2027-02-28', subject: 'personal:aad-megan', audience: 'personal' as const, dueOn: '2026-11-30', payload: {} };
    await storage.recordPlan(tenantOf(0), { reminders: [personal], nextReminderOn: '2027-02-14', toldRequirements: {} });
    await storage.close();
    const dryRun = (extra: Record<string, string>) => runCli(['reminders', 'run', '--now', WINDOW_OPENS, '--dry-run'], { ...env(), ...extra }, (line) => out.push(line), (line) => err.push(line));
    expect(await dryRun({ PERSONAL_REMINDERS: 'off' })).toBe(0);
    expect(out.join('\n')).not.toContain('to aad-megan');
    out = [];
    expect(await dryRun({})).toBe(0);
    expect(out.join('\n')).toMatch(/would-send\s+tenant-000000 two-weeks 2027-02-28 to aad-megan/);
  });

  it('limits the pass to one tenant with --tenant', async () => {
    await cli('reminders', 'run', '--now', WINDOW_OPENS, '--tenant', tenantOf(1));
    expect(connector.sent.map((sent) => sent.conversationId)).toEqual(['19:channel-1@thread.tacv2']);
  });

  it('exits 0 when deliveries fail, reporting them as pending with the reason', async () => {
    connector.respond = () => ({ status: 502 });
    expect(await cli('reminders', 'run', '--now', WINDOW_OPENS)).toBe(0);
    expect(out.join('\n')).toContain('left pending 2');
    expect(out.join('\n')).toContain('(HTTP 502)');
    out = [];
    await cli('reminders', 'status');
    expect(out[0]).toMatch(/^kind\s+pending\s+sending\s+sent\s+failed\s+inactive\s+skipped$/);
    expect(out.join('\n')).toMatch(/window-open\s+2\s+0\s+0\s+0\s+0\s+0/);
  });

  it('counts per kind in status after a pass', async () => {
    await cli('reminders', 'run', '--now', WINDOW_OPENS);
    out = [];
    expect(await cli('reminders', 'status')).toBe(0);
    expect(out.join('\n')).toMatch(/window-open\s+0\s+0\s+2\s+0\s+0\s+0/);
    expect(out.join('\n')).toMatch(/two-weeks\s+0\s+0\s+0/);
  });

  it('exits 2 on a --now that is not ISO-8601', async () => {
    expect(await cli('reminders', 'run', '--now', 'next tuesday')).toBe(2);
    expect(err.join('\n')).toContain('--now takes an ISO-8601 instant');
  });
});
