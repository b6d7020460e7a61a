/**
 * One install of the app into a team reaches the bot as two activities (the fixtures:
 * team-installation-add, then team-conversation-update-bot-added, 2 ms apart), often handled at the
 * same time: the installer must see one welcome card and never "reminders go to another channel".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { freshSchema, testDatabaseUrl } from '../support/postgres-schema.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const backEnds = [
  { name: 'SQLite', database: async () => ({ env: {}, drop: async () => {} }) },
  ...(testDatabaseUrl
    ? [{ name: 'PostgreSQL', database: async () => { const { schemaUrl, drop } = await freshSchema(); return { env: { DATABASE_URL: schemaUrl }, drop }; } }]
    : []),
];

let t: TestApp | undefined;
let dropDatabase = async () => {};
afterEach(async () => {
  await t?.stop();
  await dropDatabase();
});

describe.each(backEnds)('the two events of one install ($name)', ({ database }) => {
  it('greets once, saves the target once, and the second event is a no-op, in either order or together', async () => {
    const opened = await database();
    dropDatabase = opened.drop;
    t = await startTestApp({ env: opened.env });
    const orders = ['install first', 'update first', 'together', 'together', 'together', 'together'] as const;
    for (const [index, order] of orders.entries()) {
      const tenantId = `tenant-${index}`;
      const install = makeActivity('team-installation-add', { serviceUrl: t.connector.serviceUrl, tenantId });
      const update = makeActivity('team-conversation-update-bot-added', { serviceUrl: t.connector.serviceUrl, tenantId });
      const before = t.connector.sent.length;
      if (order === 'install first') for (const activity of [install, update]) await t.post(activity);
      else if (order === 'update first') for (const activity of [update, install]) await t.post(activity);
      else await Promise.all([t.post(install), t.post(update)]);
      const cards = t.connector.sent.slice(before).map((sent) => cardText({ content: (sent.body.attachments as { content: unknown }[])[0]!.content }));
      expect(cards, `${order} (${tenantId})`).toHaveLength(1);
      expect(cards[0]).toContain('Renewal Bot');
      expect(cards[0]).not.toContain('Reminders go to another channel');
      expect(await t.app.storage.getReminderTarget(tenantId)).toMatchObject({ teamId: 'team-id', conversationId: 'team-id', active: true });
    }
  });
});
