/**
 * The HTTP edge refuses what is not a valid activity before any bot logic runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const setupSubmit = (t: TestApp) =>
  makeActivity('personal-card-submit', {
    serviceUrl: t.connector.serviceUrl,
    tenantId: TENANT,
    value: { form: 'profile', name: 'X', partnerId: '1', anniversaryDate: '2027-01-01', contactName: 'Y', contactEmail: 'y@x.example' },
  });

describe('with authentication off (local development)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('answers 400 to a body that is not JSON', async () => {
    const response = await t.post('{"type": "message", ');
    expect(response.status).toBe(400);
  });

  it('answers 400 to JSON that is not an activity', async () => {
    expect((await t.post({ hello: 'world' })).status).toBe(400);
    expect((await t.post([1, 2, 3])).status).toBe(400);
    const noServiceUrl = setupSubmit(t);
    delete noServiceUrl.serviceUrl;
    expect((await t.post(noServiceUrl)).status).toBe(400);
  });

  it('answers 413 to a body over 256 KB and writes nothing', async () => {
    const activity = setupSubmit(t);
    activity.value.customerReferences = 'x'.repeat(300 * 1024);
    expect((await t.post(activity)).status).toBe(413);
    expect(await t.app.storage.countOrganizations()).toBe(0);
    expect(t.connector.sent).toHaveLength(0);
  });

  it('answers 400 to activities whose service URL is not trusted, and stores and sends nothing', async () => {
    const attempts = ['https://evil.example/', 'https://smba.trafficmanager.net.evil.example/amer/', 'https://smba.trafficmanager.net@evil.example/', 'http://127.0.0.1.evil.example/'];
    const statuses: number[] = [];
    for (const serviceUrl of attempts) {
      for (const activity of [setupSubmit(t), makeActivity('team-installation-add', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT })]) {
        activity.serviceUrl = serviceUrl;
        statuses.push((await t.post(activity)).status);
      }
    }
    recordStat('serviceUrls.inboundRefused', statuses.filter((status) => status === 400).length);
    expect(statuses).toEqual(attempts.flatMap(() => [400, 400]));
    expect(await t.app.storage.countOrganizations()).toBe(0);
    expect(await t.app.storage.getReminderTarget(TENANT)).toBeUndefined();
    expect(t.connector.sent).toHaveLength(0);
    // The same activity from the trusted (loopback) connector is answered: only the URL was refused.
    expect((await t.post(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' }))).status).toBe(200);
    expect(t.connector.sent).toHaveLength(1);
    t.connector.reset();
  });

  it('serves the privacy statement and terms the manifest links to', async () => {
    for (const path of ['/privacy', '/terms']) {
      const response = await fetch(`${t.app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Renewal Bot');
    }
  });

  it('reports healthy storage on /healthz', async () => {
    const response = await fetch(`${t.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', storage: 'sqlite' });
  });
});

describe('with SERVICE_URL_ALLOWLIST set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/' } });
  });
  afterAll(() => t.stop());

  it('refuses a loopback connector it does not list, even with authentication off: the connector hears nothing', async () => {
    const install = makeActivity('team-installation-add', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT });
    const message = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' });
    const statuses = [(await t.post(install)).status, (await t.post(message)).status, (await t.post(setupSubmit(t))).status];
    recordStat('serviceUrls.inboundRefused', statuses.filter((status) => status === 400).length);
    recordStat('serviceUrls.called', t.connector.sent.length);
    expect(statuses).toEqual([400, 400, 400]);
    expect(t.connector.sent).toHaveLength(0);
    expect(await t.app.storage.getReminderTarget(TENANT)).toBeUndefined();
    expect(await t.app.storage.countOrganizations()).toBe(0);
  });
});

// Authentication failures (missing, forged, expired tokens…) are covered in test/security/tokens.test.ts.
