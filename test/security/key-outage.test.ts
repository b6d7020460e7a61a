/**
 * When the channel's signing keys cannot be fetched, no token can be checked: that is the bot's
 * outage, not the caller's fault, so it answers 503 with Retry-After (never 401) and logs an error.
 * Concurrent requests share one fetch, and keys already held keep working through an outage.
 */
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { authenticatedEnv, channelClaims, makeSigningKey, signToken, startTokenAuthority, type TokenAuthority } from '../support/token-authority.js';
import { recordStat } from '../support/verify-stats.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';

let running: { t: TestApp; authority: TokenAuthority; logLines: Record<string, unknown>[] } | undefined;
afterEach(async () => {
  await running?.t.stop();
  await running?.authority.close();
  running = undefined;
});

/** A fresh authority (so the SDK has no keys cached for it) and a bot pointed at it. */
async function start() {
  const authority = await startTokenAuthority();
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  const t = await startTestApp({ env: authenticatedEnv(authority, APP_ID), log });
  running = { t, authority, logLines };
  return running;
}

function askWithToken(t: TestApp, authority: TokenAuthority, key = authority.key) {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' });
  return t.post(activity, { authorization: `Bearer ${signToken(channelClaims(APP_ID, t.connector.serviceUrl), key)}` });
}

const errorLogs = (logLines: Record<string, unknown>[]) => logLines.filter((line) => line.level === 50).map((line) => line.msg);

it('answers 503 with Retry-After, not 401, while the key endpoint is down, and logs an error', async () => {
  const { t, authority, logLines } = await start();
  await authority.close();
  const response = await askWithToken(t, authority);
  recordStat('keys.outage.answered503', response.status === 503 ? 1 : 0);
  expect(response.status).toBe(503);
  expect(Number(await fetchRetryAfter(t, authority))).toBeGreaterThan(0);
  expect(errorLogs(logLines)).toContain('signing keys unavailable: requests get 503 until they can be fetched (or use the keys held)');
  expect(t.connector.sent).toHaveLength(0);
});

it('answers 503 when the key endpoint fails with 500', async () => {
  const { t, authority } = await start();
  authority.mode = 'failing';
  expect((await askWithToken(t, authority)).status).toBe(503);
});

it('answers 503 within the fetch timeout when the key endpoint hangs, instead of holding the request', async () => {
  const { t, authority } = await start();
  authority.mode = 'hanging';
  const startedAt = Date.now();
  expect((await askWithToken(t, authority)).status).toBe(503);
  expect(Date.now() - startedAt).toBeLessThan(8_000);
}, 20_000);

it('starts a new fetch after one that hung, so the bot recovers as soon as the key endpoint answers again', async () => {
  const { t, authority } = await start();
  authority.mode = 'hanging';
  expect((await askWithToken(t, authority)).status).toBe(503);
  authority.mode = 'ok';
  const requestsBefore = authority.requests;
  expect((await askWithToken(t, authority)).status).toBe(200);
  expect(authority.requests).toBeGreaterThan(requestsBefore);
}, 20_000);

it('fetches the keys once for 20 concurrent requests, then answers them all', async () => {
  const { t, authority } = await start();
  const statuses = await Promise.all(Array.from({ length: 20 }, () => askWithToken(t, authority).then((response) => response.status)));
  expect(statuses).toEqual(Array(20).fill(200));
  expect(authority.requests).toBe(2); // the metadata document and the key set, once
});

it('keeps accepting valid tokens with the keys it holds when the endpoint goes down later, and still refuses forgeries with 401', async () => {
  const { t, authority } = await start();
  expect((await askWithToken(t, authority)).status).toBe(200);
  authority.mode = 'failing';
  expect((await askWithToken(t, authority)).status).toBe(200);
  // An unknown key id makes the SDK try a refresh (at most hourly): it fails, the held keys do not match: 401.
  expect((await askWithToken(t, authority, makeSigningKey('unknown-kid'))).status).toBe(401);
});

/** Retry-After of a fresh 503 (the header is read on its own request so the assertions above stay simple). */
async function fetchRetryAfter(t: TestApp, authority: TokenAuthority): Promise<string | null> {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' });
  const response = await fetch(`${t.app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(channelClaims(APP_ID, t.connector.serviceUrl), authority.key)}` },
    body: JSON.stringify(activity),
  });
  return response.headers.get('retry-after');
}
