/**
 * When more turns arrive than the bot may run and queue, the extra ones are refused with 503 and
 * Retry-After (a channel retries them), and everything admitted is still answered.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { ok } from '../support/fake-connector.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { MAX_CONCURRENT_TURNS: '1', MAX_WAITING_TURNS: '1' } });
  t.connector.respond = () => ok(600); // each reply takes a while, so turns overlap
});
afterAll(() => t.stop());

const question = (conversation: number) => {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, text: 'help' });
  activity.conversation.id = `busy-conversation-${conversation}`;
  return activity;
};

it('answers one turn, queues one and refuses the third with 503 and Retry-After', async () => {
  const post = (index: number) => fetch(`${t.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(question(index)) });
  const first = post(0);
  await t.connector.waitForSent(1); // the first turn is running: its reply is held at the connector
  const second = post(1);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the second is waiting for the slot
  const responses = await Promise.all([first, second, post(2)]);
  expect(responses.map((response) => response.status)).toEqual([200, 200, 503]);
  expect(responses[2]!.headers.get('retry-after')).toBe('1');
  expect(await responses[2]!.json()).toMatchObject({ error: 'busy' });
  const answered = new Set(t.connector.sent.map((sent) => sent.conversationId));
  expect(answered).toEqual(new Set(['busy-conversation-0', 'busy-conversation-1']));
});

it('takes turns again once the line has cleared', async () => {
  const response = await fetch(`${t.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(question(3)) });
  expect(response.status).toBe(200);
});
