/**
 * Slow uploads behind a forged token cannot shut anyone out: the token is verified from the headers
 * before a byte of body is read, so 128 connections trickling a 200 KB body behind a JWT-shaped
 * forgery get 401 at once and hold no body-reading slot, and a valid Teams request is answered while
 * they keep at it. A body, even behind a valid token, must arrive within a few seconds, and no one
 * remote address may hold more than half of the slots.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_DEADLINE_MS, MAX_BODIES_PER_ADDRESS } from '../../src/http/server.js';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { authenticatedEnv, channelClaims, makeSigningKey, signToken, startTokenAuthority, type TokenAuthority } from '../support/token-authority.js';
import { recordStat } from '../support/verify-stats.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const FLOOD = 128;

let t: TestApp;
let authority: TokenAuthority;
beforeAll(async () => {
  authority = await startTokenAuthority();
  t = await startTestApp({ env: { ...authenticatedEnv(authority, APP_ID), MAX_CONNECTIONS: '400' } });
});
afterAll(async () => {
  await t.stop();
  await authority.close();
});

const validToken = () => `Bearer ${signToken(channelClaims(APP_ID, t.connector.serviceUrl), authority.key)}`;

/** A raw upload that declares a 200 KB body and sends one byte a second; resolves with the status line the server sent. */
function slowUpload(authorization: string): { socket: Socket; status: Promise<{ line: string; afterMs: number }> } {
  const url = new URL(t.app.url);
  const socket = connect(Number(url.port), url.hostname);
  const startedAt = Date.now();
  socket.on('error', () => undefined);
  socket.write(`POST /api/messages HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{`);
  const drip = setInterval(() => socket.write(' '), 1_000);
  const status = new Promise<{ line: string; afterMs: number }>((resolve) => {
    let received = '';
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (received.includes('\r\n')) resolve({ line: received.split('\r\n')[0] as string, afterMs: Date.now() - startedAt });
    });
    socket.on('close', () => resolve({ line: received.split('\r\n')[0] || 'closed', afterMs: Date.now() - startedAt }));
  });
  void status.then(() => clearInterval(drip));
  socket.on('close', () => clearInterval(drip));
  return { socket, status };
}

/** A valid Teams message; answered 200 once its turn ran. */
async function validRequest(): Promise<{ status: number; ms: number }> {
  const startedAt = performance.now();
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-alex', text: 'help' });
  const { status } = await t.post(activity, { authorization: validToken() });
  return { status, ms: Math.round(performance.now() - startedAt) };
}

describe('slow uploads behind tokens', () => {
  it('answers 128 slow uploads behind JWT-shaped forgeries 401 before reading their bodies, and valid requests 200 meanwhile', async () => {
    const attacker = makeSigningKey('attacker');
    const forgeries = [
      () => `Bearer ${signToken(channelClaims(APP_ID, t.connector.serviceUrl), attacker)}`,
      () => 'Bearer aaaa.bbbb.cccc',
      () => `Bearer ${signToken({ ...channelClaims(APP_ID, t.connector.serviceUrl), aud: 'another-bot' }, authority.key)}`,
      () => `Bearer ${signToken({ ...channelClaims(APP_ID, t.connector.serviceUrl), exp: Math.floor(Date.now() / 1000) - 600 }, authority.key)}`,
      // A genuine key of the authority, but one endorsed for another channel: not a Teams token.
      () => `Bearer ${signToken(channelClaims(APP_ID, t.connector.serviceUrl), authority.otherChannelKey)}`,
    ];
    // Signed first: the flood then opens at once.
    const tokens = Array.from({ length: FLOOD }, (_, index) => (forgeries[index % forgeries.length] as () => string)());
    const flood = tokens.map(slowUpload);
    const valid = [];
    for (let round = 0; round < 5; round++) valid.push(await validRequest());
    const answered = await Promise.all(flood.map((upload) => upload.status));
    for (const upload of flood) upload.socket.destroy();
    recordStat('slowUploads.forged', FLOOD);
    recordStat('slowUploads.validOk', valid.filter((request) => request.status === 200).length);
    recordStat('slowUploads.validSlowestMs', Math.max(...valid.map((request) => request.ms)));
    expect(valid.map((request) => request.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answered.map((answer) => answer.line)).toEqual(Array(FLOOD).fill('HTTP/1.1 401 Unauthorized'));
    // Refused from the headers: long before a byte-a-second body could have arrived.
    expect(Math.max(...answered.map((answer) => answer.afterMs))).toBeLessThan(3_000);
  }, 30_000);

  it('gives a body behind a valid token a deadline, and one address at most half of the reading slots', async () => {
    const held = Array.from({ length: MAX_BODIES_PER_ADDRESS }, () => slowUpload(validToken()));
    // Let every one of them reach its body before the next arrives.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const over = slowUpload(validToken());
    expect((await over.status).line).toBe('HTTP/1.1 503 Service Unavailable');
    over.socket.destroy();
    const answers = await Promise.all(held.map((upload) => upload.status));
    for (const upload of held) upload.socket.destroy();
    recordStat('slowUploads.bodyDeadlineCut', answers.length);
    expect(new Set(answers.map((answer) => answer.line))).toEqual(new Set(['HTTP/1.1 408 Request Timeout']));
    for (const answer of answers) {
      expect(answer.afterMs).toBeGreaterThanOrEqual(BODY_DEADLINE_MS - 500);
      expect(answer.afterMs).toBeLessThan(BODY_DEADLINE_MS + 3_000);
    }
    expect((await validRequest()).status).toBe(200);
  }, 30_000);
});
