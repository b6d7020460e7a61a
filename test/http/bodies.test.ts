/**
 * Only a JSON body on POST /api/messages is read, and only up to 256 KB on the wire: other media
 * types and compressed bodies are 415 before a byte is buffered, larger ones 413 while streaming.
 * Nothing is ever written to disk, stored or sent for them.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { MAX_BODIES_READING } from '../../src/http/server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
let t: TestApp;
let scratch: string;
/** The temp folder after start (the test app's own data folder is in it). */
let tempFilesAtStart: string[];
const originalTmp = process.env.TMPDIR;

beforeAll(async () => {
  // Upload parsers write to the temp folder: point it at an empty one and check it stays empty.
  scratch = mkdtempSync(join(tmpdir(), 'renewal-bot-uploads-'));
  process.env.TMPDIR = scratch;
  t = await startTestApp();
  tempFilesAtStart = readdirSync(scratch);
});
afterAll(async () => {
  await t.stop();
  process.env.TMPDIR = originalTmp;
  rmSync(scratch, { recursive: true, force: true });
});

const setupSubmit = () =>
  makeActivity('personal-card-submit', {
    serviceUrl: t.connector.serviceUrl,
    tenantId: TENANT,
    value: { form: 'profile', name: 'X', partnerId: '1', anniversaryDate: '2027-01-01', contactName: 'Y', contactEmail: 'y@x.example' },
  });

async function send(body: string | Buffer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${t.app.url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]) });
  await response.arrayBuffer();
  recordStat('bodies.tried', 1);
  if (response.status === 413 || response.status === 415) recordStat('bodies.tried', 1);
    recordStat('bodies.refused', 1);
  return response.status;
}

/** Sends raw HTTP and returns the status line the server answers with, and whether it closed. */
function rawExchange(head: string, bodyChunks: Buffer[], chunkDelayMs = 0): Promise<{ statusLine: string; bytesSent: number }> {
  const url = new URL(t.app.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    let bytesSent = 0;
    let answered = false;
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      if (!answered && answer.includes('\r\n')) {
        answered = true;
        resolve({ statusLine: answer.split('\r\n')[0] as string, bytesSent });
        socket.destroy();
      }
    });
    socket.on('error', (error) => (answered ? undefined : reject(error)));
    socket.write(head);
    (async () => {
      for (const chunk of bodyChunks) {
        if (answered || socket.destroyed) return;
        socket.write(chunk);
        bytesSent += chunk.length;
        if (chunkDelayMs) await new Promise((r) => setTimeout(r, chunkDelayMs));
      }
    })().catch(() => undefined);
  });
}

describe('the body of POST /api/messages', () => {
  it.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\nAAAA\r\n--x--\r\n'],
    ['application/x-www-form-urlencoded', 'type=message&text=hi'],
    ['text/plain', '{"type":"message"}'],
    ['application/json; charset=latin1', '{"type":"message"}'],
    ['application/jsonp', '{"type":"message"}'],
  ])('answers 415 to Content-Type %s and writes nothing, not even a temp file', async (contentType, body) => {
    expect(await send(body, { 'content-type': contentType })).toBe(415);
    expect(readdirSync(scratch)).toEqual(tempFilesAtStart);
  });

  it('answers 415 when there is no Content-Type at all', async () => {
    const response = await fetch(`${t.app.url}/api/messages`, { method: 'POST', body: new Blob([JSON.stringify(setupSubmit())]) });
    expect(response.status).toBe(415);
  });

  it('answers 415 to a compressed body (a small gzip body can inflate to hundreds of megabytes)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await send(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toBe(415);
    expect(await send(gzipSync(JSON.stringify(setupSubmit())), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toBe(415);
  });

  it('answers 413 from the headers alone when Content-Length says more than 256 KB, without reading the body', async () => {
    const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`;
    const { statusLine, bytesSent } = await rawExchange(head, []);
    recordStat('bodies.tried', 1);
    recordStat('bodies.refused', 1);
    expect(statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(bytesSent).toBe(0);
  });

  it('answers 413 while a chunked body streams past 256 KB, before the client has sent it all', async () => {
    const head = 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = Buffer.concat([Buffer.from(`${(16 * 1024).toString(16)}\r\n`), Buffer.alloc(16 * 1024, 0x20), Buffer.from('\r\n')]);
    const { statusLine, bytesSent } = await rawExchange(head, Array.from({ length: 200 }, () => chunk), 2);
    recordStat('bodies.tried', 1);
    recordStat('bodies.refused', 1);
    expect(statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(bytesSent).toBeLessThan(200 * chunk.length);
    expect(await t.app.storage.countOrganizations()).toBe(0);
  });

  it('answers a refused Expect: 100-continue request without ever asking for its body', async () => {
    const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n`;
    const { statusLine, bytesSent } = await rawExchange(head, []);
    recordStat('bodies.tried', 1);
    recordStat('bodies.refused', 1);
    expect(statusLine).toBe('HTTP/1.1 415 Unsupported Media Type');
    expect(bytesSent).toBe(0);
  });

  it('asks for the body of an acceptable Expect: 100-continue request, then answers it', async () => {
    const body = Buffer.from(JSON.stringify(setupSubmit()));
    const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`;
    const url = new URL(t.app.url);
    const statusLines = await new Promise<string[]>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      let received = '';
      let bodySent = false;
      socket.on('data', (data) => {
        received += data.toString('latin1');
        if (received.startsWith('HTTP/1.1 100 Continue\r\n') && !bodySent) {
          bodySent = true;
          socket.write(body);
        }
        const lines = received.split('\r\n').filter((line) => line.startsWith('HTTP/1.1 '));
        if (lines.length === 2) {
          socket.destroy();
          resolve(lines);
        }
      });
      socket.on('error', reject);
      socket.write(head);
    });
    expect(statusLines).toEqual(['HTTP/1.1 100 Continue', 'HTTP/1.1 200 OK']);
  });

  it('accepts an activity just under 256 KB, and application/json with charset=utf-8', async () => {
    const activity = setupSubmit();
    const padding = 250 * 1024 - Buffer.byteLength(JSON.stringify(activity));
    activity.value.padding = 'x'.repeat(padding);
    expect(await send(JSON.stringify(activity), { 'content-type': 'application/json; charset=utf-8' })).toBe(200);
  });

  it('answers 400 to bytes that are not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(await send(body, { 'content-type': 'application/json' })).toBe(400);
  });

  it('has no other route that takes a body', async () => {
    for (const path of ['/healthz', '/privacy', '/calendar/x/renewal.ics', '/api/other']) {
      const response = await fetch(`${t.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nA\r\n--x--\r\n' });
      expect([404, 405]).toContain(response.status);
    }
    expect(readdirSync(scratch)).toEqual(tempFilesAtStart);
  });

  it(`reads at most ${MAX_BODIES_READING} bodies at once: one more sender waiting on its body gets 503`, async () => {
    const head = 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{';
    const url = new URL(t.app.url);
    const slow = Array.from({ length: MAX_BODIES_READING }, () => connect(Number(url.port), url.hostname).on('error', () => undefined));
    for (const socket of slow) socket.write(head);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { statusLine } = await rawExchange(head, []);
    for (const socket of slow) socket.destroy();
    recordStat('bodies.tried', 1);
    recordStat('bodies.refused', 1);
    expect(statusLine).toBe('HTTP/1.1 503 Service Unavailable');
    // The slow senders gone, bodies are read again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await send(JSON.stringify(setupSubmit()), { 'content-type': 'application/json' })).toBe(200);
  });
});

