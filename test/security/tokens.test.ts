/**
 * With MicrosoftAppId set, the SDK's own validation decides, pointed by its configuration keys at a
 * local key set. One valid channel token is accepted; every forgery is a 401 (never 500), runs no
 * handler, writes nothing and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';
import { authenticatedEnv, channelClaims, makeSigningKey, signToken, startTokenAuthority, type TokenAuthority } from '../support/token-authority.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const nowSeconds = () => Math.floor(Date.now() / 1000);

let t: TestApp;
let authority: TokenAuthority;

beforeAll(async () => {
  authority = await startTokenAuthority();
  t = await startTestApp({ env: authenticatedEnv(authority, APP_ID) });
});
afterAll(async () => {
  await t.stop();
  await authority.close();
});

/** A setup-form invoke: if any handler ran, an organization would exist afterwards. */
function setupInvoke(serviceUrl = t.connector.serviceUrl) {
  return makeActivity('personal-invoke-adaptive-card-action', {
    serviceUrl,
    tenantId: TENANT,
    aadObjectId: 'aad-alex',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'profile.save',
        data: { form: 'profile', name: 'Contoso', partnerId: '1', anniversaryDate: '2027-02-28', contactName: 'Megan', contactEmail: 'megan@contoso.example' },
      },
    },
  });
}

const validClaims = () => channelClaims(APP_ID, t.connector.serviceUrl);

describe('inbound tokens', () => {
  const forgeries: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a garbage token', () => 'Bearer garbage'],
    ['a token with an empty scheme', () => signToken(validClaims(), authority.key)],
    ['a valid token under the Basic scheme', () => `Basic ${signToken(validClaims(), authority.key)}`],
    ['an expired token', () => `Bearer ${signToken({ ...validClaims(), exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200 }, authority.key)}`],
    ['a token not yet valid', () => `Bearer ${signToken({ ...validClaims(), nbf: nowSeconds() + 3600, exp: nowSeconds() + 7200 }, authority.key)}`],
    ['a token for another audience', () => `Bearer ${signToken({ ...validClaims(), aud: '99999999-2222-3333-4444-555555555555' }, authority.key)}`],
    ['a token from another issuer', () => `Bearer ${signToken({ ...validClaims(), iss: 'https://evil.example.com' }, authority.key)}`],
    ['a token signed by another key with the same kid', () => `Bearer ${signToken(validClaims(), makeSigningKey(authority.key.kid))}`],
    ['a token with an unknown key id', () => `Bearer ${signToken(validClaims(), makeSigningKey('unknown-kid'))}`],
    ['an unsigned token (alg: none)', () => {
      const [head, body] = signToken(validClaims(), authority.key, { alg: 'none' }).split('.');
      return `Bearer ${head}.${body}.`;
    }],
    ['a token whose serviceurl is another host', () => `Bearer ${signToken({ ...validClaims(), serviceurl: 'https://attacker.example.com/' }, authority.key)}`],
  ];

  for (const [what, header] of forgeries) {
    it(`rejects ${what} with 401, running no handler, writing and sending nothing`, async () => {
      const authorization = header();
      const response = await t.post(setupInvoke(), authorization ? { authorization } : {});
      // Counted before the assertion, so a failing run's summary shows what got through.
      recordStat('tokens.forged', 1);
      recordStat('tokens.rejected', response.status === 401 ? 1 : 0);
      expect(response.status).toBe(401);
      expect(await t.app.storage.countOrganizations()).toBe(0);
      expect(t.connector.sent).toHaveLength(0);
    });
  }

  it('accepts a valid channel token: the handler runs', async () => {
    // An edit by an admin: a first save would also ask Teams for the author's role, a call out with the
    // bot's own token, which this test's authority does not issue.
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, name: 'Before', admins: ['aad-alex'] }));
    const response = await t.post(setupInvoke(), { authorization: `Bearer ${signToken(validClaims(), authority.key)}` });
    expect(response.status).toBe(200);
    recordStat('tokens.valid.accepted', 1);
    expect(response.body.value.body.map((element: { text?: string }) => element.text)).toContain('Profile saved');
    expect((await t.app.storage.getOrganization(TENANT))?.name).toBe('Contoso');
    expect(authority.requests).toBeGreaterThan(0); // validated against the local key set
  });
});

describe('what is remembered and what is not read', () => {
  it("does not hold a token against Teams after refusing it for another activity's service URL", async () => {
    const token = `Bearer ${signToken(validClaims(), authority.key)}`;
    const elsewhere = setupInvoke(`${t.connector.serviceUrl}/other/`);
    expect((await t.post(elsewhere, { authorization: token })).status).toBe(401);
    expect((await t.post(setupInvoke(), { authorization: token })).status).toBe(200);
  });

  it('answers 401 without reading the body when there is no bearer token at all', async () => {
    const url = new URL(t.app.url);
    const { connect } = await import('node:net');
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      socket.on('data', (data) => {
        resolve(data.toString('latin1').split('\r\n')[0] as string);
        socket.destroy();
      });
      socket.on('error', reject);
      // Headers announcing a body that never comes: only an answer from the headers can arrive.
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n');
    });
    expect(statusLine).toBe('HTTP/1.1 401 Unauthorized');
  });
});
