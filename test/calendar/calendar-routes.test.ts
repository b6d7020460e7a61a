/**
 * The calendar URLs over real HTTP: a restify server with only these routes, on a real SQLite
 * storage. (The full test app does not expose its server, so the routes cannot be added to it here.)
 */
import '../../src/http/restify-node24.js'; // before restify: lets it load on Node 24
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ical, { type VEvent } from 'node-ical';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstCalendarLink, newCalendarToken, renewalCalendarUrl, rotateCalendarLink } from '../../src/calendar/calendar-link.js';
import { registerCalendarRoutes } from '../../src/http/calendar-routes.js';
import { createLogger } from '../../src/logger.js';
import { callSeriesView, defaultCallSchedule } from '../../src/rules/calendar/call-series.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { makeOrganization } from '../support/organizations.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const TENANT_A = 'aaaaaaaa-0000-0000-0000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-0000-0000-00000000000b';
const schedule = defaultCallSchedule();

interface Running {
  url: string;
  close(): Promise<void>;
}

async function serve(storage: Storage): Promise<Running> {
  const server = restify.createServer({ name: 'calendar-test', handleUncaughtExceptions: false });
  registerCalendarRoutes(server, { storage, now: () => NOW, log: createLogger('silent'), schedule });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((component): component is VEvent => component?.type === 'VEVENT');
}

/** node-ical gives a DATE value as local midnight; `all` runs with TZ=UTC, but read it locally anyway. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The link of an organization that had none: shown this once. */
async function newLink(tenantId: string, publicUrl = app.url): Promise<string> {
  const link = await firstCalendarLink(storage, tenantId, publicUrl, NOW);
  if (!('url' in link)) throw new Error(`${tenantId} already had a calendar link`);
  return link.url;
}

let dataDir: string;
let storage: Storage;
let app: Running;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-calendar-'));
  storage = await openStorage({ dataDir });
  await storage.saveOrganization(makeOrganization({ tenantId: TENANT_A, name: 'Contoso Ltd', anniversaryDate: '2027-02-28' }));
  await storage.saveOrganization(makeOrganization({ tenantId: TENANT_B, name: 'Fabrikam Inc', anniversaryDate: '2027-06-30', timeZone: 'Asia/Tokyo' }));
  app = await serve(storage);
  urlA = await newLink(TENANT_A);
  urlB = await newLink(TENANT_B);
});

afterAll(async () => {
  await app?.close();
  await storage?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /calendar/{token}/renewal.ics', () => {
  it("serves the organization's reminders as an iCalendar attachment", async () => {
    expect(urlA).toMatch(new RegExp(`^${app.url}/calendar/[0-9a-f]{64}/renewal\\.ics$`));
    const response = await get(urlA);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="renewal.ics"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = vevents(response.text);
    expect(events.map((event) => [event.summary, event.start.dateOnly, localDay(event.start)])).toEqual([
      ['Contoso Ltd: renewal window opens', true, '2026-11-30'],
      ['Contoso Ltd: complete the renewal', true, '2027-02-14'],
      ['Contoso Ltd: renewal window opens', true, '2027-11-30'],
      ['Contoso Ltd: complete the renewal', true, '2028-02-14'],
    ]);
  });

  it('makes one link per organization: a later request learns since when, and the link keeps working', async () => {
    const later = new Date('2026-12-24T09:00:00Z');
    expect(await firstCalendarLink(storage, TENANT_A, `${app.url}/`, later)).toEqual({ createdAt: NOW.toISOString() });
    expect((await get(urlA)).status).toBe(200);
    expect(urlA).not.toContain(TENANT_A);
    expect((await get(renewalCalendarUrl(app.url, TENANT_A))).status).toBe(404);
  });

  it('makes one link however many ask at once, and shows it to one of them only', async () => {
    const tenant = 'tenant-asking-at-once';
    const links = await Promise.all(Array.from({ length: 8 }, () => firstCalendarLink(storage, tenant, app.url, NOW)));
    expect(links.filter((link) => 'url' in link)).toHaveLength(1);
  });

  it("answers another tenant's token with that tenant's file only", async () => {
    expect(urlB).not.toBe(urlA);
    const events = vevents((await get(urlB)).text);
    expect(events.map((event) => [event.summary, localDay(event.start)])).toEqual([
      ['Fabrikam Inc: renewal window opens', '2027-04-01'],
      ['Fabrikam Inc: complete the renewal', '2027-06-16'],
      ['Fabrikam Inc: renewal window opens', '2028-04-01'],
      ['Fabrikam Inc: complete the renewal', '2028-06-16'],
    ]);
    const uidsA = vevents((await get(urlA)).text).map((event) => event.uid);
    expect(events.filter((event) => uidsA.includes(event.uid))).toEqual([]);
  });

  it('answers 404, the same way, to an unknown, malformed or orphaned token', async () => {
    const orphan = await newLink('tenant-without-profile');
    const urls = [
      renewalCalendarUrl(app.url, newCalendarToken()),
      renewalCalendarUrl(app.url, 'short'),
      renewalCalendarUrl(app.url, 'x'.repeat(19)),
      `${app.url}/calendar/${encodeURIComponent("' OR 1=1 --aaaaaaaaaaaaaaaa")}/renewal.ics`,
      orphan,
    ];
    for (const url of urls) {
      const response = await get(url);
      expect([url, response.status, response.text, response.headers.get('content-type')]).toEqual([url, 404, 'Not found\n', 'text/plain; charset=utf-8']);
    }
    // Over 100 characters restify's router (maxParamLength 100) does not even match the route: its own 404.
    expect((await get(renewalCalendarUrl(app.url, 'x'.repeat(101)))).status).toBe(404);
  });

  it('stops answering the old URL once the link is rotated', async () => {
    const rotatedAt = new Date('2026-12-02T08:00:00Z');
    const rotated = await rotateCalendarLink(storage, TENANT_A, app.url, rotatedAt);
    expect(rotated).not.toBe(urlA);
    expect((await get(urlA)).status).toBe(404);
    expect((await get(rotated)).status).toBe(200);
    expect(await firstCalendarLink(storage, TENANT_A, app.url, NOW)).toEqual({ createdAt: rotatedAt.toISOString() });
    // The other organization's link is untouched.
    expect((await get(urlB)).status).toBe(200);
  });

  it('answers 500 without details when storage fails', async () => {
    const failing: Storage = {
      ...storage,
      tenantOfCalendarToken: async () => {
        throw new Error('database is locked');
      },
    };
    const broken = await serve(failing);
    try {
      const response = await get(renewalCalendarUrl(broken.url, newCalendarToken()));
      expect(response.status).toBe(500);
      expect(response.text).not.toContain('database');
    } finally {
      await broken.close();
    }
  });
});

describe('GET /calendar/calls/{callId}.ics', () => {
  it('serves every call linked from the call series view, at 17:30 UTC', async () => {
    const view = callSeriesView({ schedule, now: NOW, publicUrl: app.url });
    for (const call of view.calls) {
      const response = await get(call.icsUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${call.callId}.ics"`);
      const [event] = vevents(response.text);
      expect(event?.start.toISOString()).toMatch(/T17:30:00\.000Z$/);
      expect(event?.summary).toBe(call.title);
    }
  });

  it('answers 404 to an unknown call', async () => {
    for (const path of ['/calendar/calls/2016-01-14-nothing.ics', '/calendar/calls/..%2F..%2Fetc.ics']) {
      const response = await get(`${app.url}${path}`);
      expect([path, response.status, response.text]).toEqual([path, 404, 'Not found\n']);
    }
  });
});
