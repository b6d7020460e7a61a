/**
 * Many conversations at once against the real server for a while: zero errors, and memory that does
 * not grow from one window of the run to the next. LOAD_SECONDS and LOAD_CONVERSATIONS scale it
 * (npm run verify: 500 conversations for 60 s).
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadFixture } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const CONVERSATIONS = Number(process.env.LOAD_CONVERSATIONS ?? 100);
const ORGANIZATIONS = 50;
const QUESTIONS = ['when is our anniversary', 'requirements', 'who is our program contact', 'checklist', 'help'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-01T12:00:00Z' });
  // Replies are counted, not kept: a long run would otherwise measure the test's own memory.
  let replies = 0;
  t.connector.respond = () => {
    replies++;
    return { status: 200, body: { id: 'x' } };
  };
  (t as TestApp & { replies: () => number }).replies = () => replies;
  for (let index = 0; index < ORGANIZATIONS; index++) await t.app.storage.saveOrganization(makeOrganization({ tenantId: `load-tenant-${index}` }));
});
afterAll(() => t.stop());

function activityBody(index: number): string {
  const activity = loadFixture('personal-message');
  const tenantId = `load-tenant-${index % ORGANIZATIONS}`;
  activity.serviceUrl = t.connector.serviceUrl;
  activity.conversation = { ...activity.conversation, id: `load-conversation-${index}`, tenantId };
  activity.channelData = { tenant: { id: tenantId } };
  activity.text = QUESTIONS[index % QUESTIONS.length];
  return JSON.stringify(activity);
}

it(`answers ${CONVERSATIONS} concurrent conversations for ${SECONDS} s without an error or memory growth`, async () => {
  const bodies = Array.from({ length: CONVERSATIONS * 2 }, (_, index) => activityBody(index));
  const collect = (globalThis as { gc?: () => void }).gc!;
  const heapAfterWindow: number[] = [];
  const windowMs = (SECONDS * 1000) / 3;
  const sampler = setInterval(() => {
    t.connector.sent.length = 0;
    collect();
    heapAfterWindow.push(process.memoryUsage().heapUsed / 2 ** 20);
  }, windowMs);
  let next = 0;
  const result = await autocannon({
    url: `${t.app.url}/api/messages`,
    connections: CONVERSATIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  clearInterval(sampler);
  const replies = (t as TestApp & { replies: () => number }).replies();
  const errors = result.errors + result.timeouts + result.non2xx;
  recordStat('load.requests', result.requests.total);
  recordStat('load.errors', errors);
  console.info(`${result.requests.total} turns in ${SECONDS} s (${Math.round(result.requests.average)}/s), p99 ${result.latency.p99} ms, errors ${errors}, heap after each window ${heapAfterWindow.map((mb) => mb.toFixed(1)).join(' → ')} MB`);

  expect(result.requests.total).toBeGreaterThan(0);
  expect(errors).toBe(0);
  expect(replies).toBeGreaterThanOrEqual(result.requests.total); // every turn answered with a card
  // Flat: no window ends more than a few MB above the one before.
  for (let window = 1; window < heapAfterWindow.length; window++) {
    expect(heapAfterWindow[window]! - heapAfterWindow[window - 1]!).toBeLessThan(8);
  }
}, 240_000);
