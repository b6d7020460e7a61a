/**
 * An operator's slip or an unauthenticated caller cannot open the edge: with ALLOW_UNAUTHENTICATED on
 * a non-loopback HOST the bot does not POST to its own host's ports; a burst of activities with a
 * refused service URL writes a line a second, not a line each; with authentication on and no tenant
 * list, the start log says that every tenant is served.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { authenticatedEnv, startTokenAuthority } from '../support/token-authority.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function capturingLog() {
  const lines: { msg: string; count?: number }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  return { log, lines };
}

describe('configuration that fails closed', () => {
  it('refuses loopback service URLs when ALLOW_UNAUTHENTICATED serves a non-loopback HOST, and accepts them on loopback', async () => {
    t = await startTestApp({ env: { HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' } });
    const toOwnHost = makeActivity('personal-message', { serviceUrl: 'http://127.0.0.1:5432/', tenantId: TENANT, aadObjectId: 'aad-alex', text: 'help' });
    expect((await t.post(toOwnHost)).status).toBe(400);
    expect(t.connector.sent).toEqual([]);
    await t.stop();
    t = await startTestApp({ env: { HOST: '127.0.0.1' } });
    const local = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'aad-alex', text: 'help' });
    expect((await t.post(local)).status).toBe(200);
    recordStat('config.loopbackRefusedOffLoopback', 1);
  });

  it('logs a burst of refused service URLs as a line a second with the count, not a line each', async () => {
    const { log, lines } = capturingLog();
    t = await startTestApp({ log });
    const refused = makeActivity('personal-message', { serviceUrl: 'https://evil.example/', tenantId: TENANT, aadObjectId: 'aad-alex', text: 'help' });
    const statuses: number[] = [];
    // 3,000 in batches of 100 at once (within the body-reading slots), in about a second or two.
    for (let batch = 0; batch < 30; batch++) statuses.push(...(await Promise.all(Array.from({ length: 100 }, () => t!.post(refused).then((response) => response.status)))));
    expect(new Set(statuses)).toEqual(new Set([400]));
    const refusals = lines.filter((line) => line.msg.startsWith('activities refused: service URL'));
    recordStat('logs.refusedServiceUrlRequests', statuses.length);
    recordStat('logs.refusedServiceUrlLines', refusals.length);
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    expect(refusals.length).toBeLessThanOrEqual(10);
  }, 60_000);

  it('says at start, with authentication on and no ALLOWED_TENANTS, that every tenant is served', async () => {
    const authority = await startTokenAuthority();
    const { log, lines } = capturingLog();
    t = await startTestApp({ log, env: authenticatedEnv(authority, '11111111-2222-3333-4444-555555555555') });
    expect(lines.map((line) => line.msg)).toContain('ALLOWED_TENANTS is empty: every tenant that installs the app is served; list tenant ids to serve only those');
    await t.stop();
    const quiet = capturingLog();
    t = await startTestApp({ log: quiet.log, env: { ...authenticatedEnv(authority, '11111111-2222-3333-4444-555555555555'), ALLOWED_TENANTS: TENANT } });
    expect(quiet.lines.map((line) => line.msg).join('\n')).not.toContain('every tenant');
    await authority.close();
  });
});
