/**
 * Who a reminder is for is the ledger's `audience` column, never read from the subject's text: an
 * admin may name a competency outside the catalog anything, "personal:x" included, and its
 * reference reminder is still the channel's (it used to be taken, and skipped, by the personal claim).
 * Through the real runner, storage and a local Bot Connector.
 */
import { afterEach, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { channelPosts, postedTitles, startReminderApp, TENANT } from './reminder-app.js';

let t: TestApp;
afterEach(() => t?.stop());

it('posts the reference reminder of a competency named "personal:x" in the channel, once', async () => {
  // Expires 2027-01-10, before the 2027-02-28 anniversary: the reminder is due 90 days before, 2026-10-12.
  t = await startReminderApp({
    now: '2026-10-12T08:00:00Z',
    org: {
      otherCompetencies: [{ name: 'personal:x', level: 'silver' }],
      customerReferences: [{ customer: 'Fabrikam', competency: 'personal:x', approvedOn: '2025-01-10' }],
    },
  });
  await t.app.reminders.runPass({ now: new Date('2026-10-12T08:00:00Z') });
  expect(postedTitles(t).filter((title) => /reference/i.test(title))).toHaveLength(1);
  expect(JSON.stringify(channelPosts(t)[0]?.body)).toContain('Fabrikam');
  const ledger = await t.app.storage.remindersOf(TENANT);
  const reference = ledger.filter((row) => row.kind === 'reference-expiring');
  expect(reference.map((row) => [row.audience, row.status])).toEqual(expect.arrayContaining([['channel', 'sent']]));
  await t.app.reminders.runPass({ now: new Date('2026-10-13T08:00:00Z') });
  expect(postedTitles(t).filter((title) => /reference/i.test(title))).toHaveLength(1);
});
