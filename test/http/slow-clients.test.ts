/**
 * Slow or numerous connections cannot hold the server: headers must arrive within about 20 s, a
 * whole request within about 30 s, and connections beyond MAX_CONNECTIONS are closed on arrival,
 * while an idle kept-alive connection stays usable.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BODY_DEADLINE_MS, HEADERS_TIMEOUT_MS, SILENT_CONNECTION_MS } from '../../src/http/server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { MAX_CONNECTIONS: '16' } });
});
afterAll(() => t.stop());

interface Exchange {
  socket: Socket;
  /** Resolves with the first line the server sent, or 'closed' if it closed without a word, and when. */
  outcome: Promise<{ firstLine: string; afterMs: number }>;
}

function open(): Exchange {
  const url = new URL(t.app.url);
  const socket = connect(Number(url.port), url.hostname);
  const startedAt = Date.now();
  const outcome = new Promise<{ firstLine: string; afterMs: number }>((resolve) => {
    let received = '';
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (received.includes('\r\n')) resolve({ firstLine: received.split('\r\n')[0] as string, afterMs: Date.now() - startedAt });
    });
    socket.on('close', () => resolve({ firstLine: received.split('\r\n')[0] || 'closed', afterMs: Date.now() - startedAt }));
    socket.on('error', () => undefined);
  });
  return { socket, outcome };
}

it('closes a connection that sends nothing after about 20 s, answers 408 to headers still incomplete then, and to a body still trickling in after its 5 s deadline', async () => {
  const slowHeaders = open();
  slowHeaders.socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n');
  const trickle = setInterval(() => slowHeaders.socket.write('X-Slow: 1\r\n'), 1_000);

  const slowBody = open();
  slowBody.socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
  const drip = setInterval(() => slowBody.socket.write(' '), 1_000);

  const silent = open(); // connects and never sends a byte

  const idle = open();
  idle.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  expect((await idle.outcome).firstLine).toBe('HTTP/1.1 200 OK');

  const silence = await silent.outcome;
  expect(silence.firstLine).toBe('closed');
  expect(silence.afterMs).toBeGreaterThanOrEqual(SILENT_CONNECTION_MS - 500);
  expect(silence.afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
  const headers = await slowHeaders.outcome;
  const body = await slowBody.outcome;
  clearInterval(trickle);
  clearInterval(drip);
  recordStat('slow.clients.cut', 3);
  expect(headers.firstLine).toBe('HTTP/1.1 408 Request Timeout');
  expect(headers.afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 500);
  expect(headers.afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
  expect(body.firstLine).toBe('HTTP/1.1 408 Request Timeout');
  expect(body.afterMs).toBeGreaterThanOrEqual(BODY_DEADLINE_MS - 500);
  expect(body.afterMs).toBeLessThan(BODY_DEADLINE_MS + 3_000);

  // The kept-alive connection, idle all this time, still answers.
  const again = new Promise<string>((resolve) => idle.socket.once('data', (data) => resolve(data.toString('latin1').split('\r\n')[0] as string)));
  idle.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  expect(await again).toBe('HTTP/1.1 200 OK');
  idle.socket.destroy();
}, 45_000);

it('closes connections beyond MAX_CONNECTIONS on arrival and accepts new ones once others close', async () => {
  const held = Array.from({ length: 16 }, () => open());
  await Promise.all(held.map((exchange) => new Promise((resolve) => exchange.socket.once('connect', resolve))));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const extra = open();
  expect((await extra.outcome).firstLine).toBe('closed');
  recordStat('connections.refusedOverCap', 1);
  for (const exchange of held) exchange.socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
});
