/**
 * Outbound credentials are built once per (app id, audience) and their token is fetched once:
 * concurrent callers share the request, a token near its expiry is renewed in the background, an
 * expired one is waited for. The proactive sender builds one connector client per service URL.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../src/host/adapter.js';
import { createProactiveSender } from '../../src/host/sender.js';
import { serviceUrlAllowlist } from '../../src/bot/service-url-allowlist.js';
import { REFRESH_BEFORE_EXPIRY_MS, SharedCredentialsFactory, shareTokenRequests, tokenExpiryMs } from '../../src/host/shared-credentials.js';
import { createLogger } from '../../src/logger.js';
import type { ReminderTarget } from '../../src/storage/reminder-store.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';

const HOUR = 3_600_000;
const jwt = (expMs: number, n: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp: Math.floor(expMs / 1000), n })).toString('base64url')}.sig`;

/** A token source whose requests resolve when the test says so. */
function slowTokenSource(now: () => number) {
  const requests: { force: boolean | undefined; resolve: () => void }[] = [];
  const source = {
    getToken(force?: boolean): Promise<string> {
      return new Promise((resolve) => {
        const n = requests.length + 1;
        requests.push({ force, resolve: () => resolve(jwt(now() + HOUR, n)) });
      });
    },
  };
  return { source, requests };
}

describe('token requests', () => {
  it('reads the expiry of a JWT, and none of anything else', () => {
    expect(tokenExpiryMs(jwt(1_700_000_000_000, 1))).toBe(1_700_000_000_000);
    expect(tokenExpiryMs('opaque')).toBeUndefined();
    expect(tokenExpiryMs('a.b%%.c')).toBeUndefined();
  });

  it('shares one request among concurrent callers, then answers from the token in hand', async () => {
    let clock = 1_000_000;
    const { source, requests } = slowTokenSource(() => clock);
    shareTokenRequests(source, () => clock);
    const waiting = Array.from({ length: 50 }, () => source.getToken());
    expect(requests).toHaveLength(1);
    expect(requests[0]?.force).toBe(true);
    requests[0]?.resolve();
    const tokens = await Promise.all(waiting);
    expect(new Set(tokens).size).toBe(1);
    clock += HOUR - REFRESH_BEFORE_EXPIRY_MS - 1;
    await expect(source.getToken()).resolves.toBe(tokens[0]);
    expect(requests).toHaveLength(1);
  });

  it('renews in the background before expiry (one request), and waits only once the token is nearly gone', async () => {
    let clock = 1_000_000;
    const { source, requests } = slowTokenSource(() => clock);
    shareTokenRequests(source, () => clock);
    const first = source.getToken();
    requests[0]?.resolve();
    const token1 = await first;

    clock += HOUR - REFRESH_BEFORE_EXPIRY_MS + 1; // inside the renewal window: old token at once, one renewal
    await expect(Promise.all([source.getToken(), source.getToken(), source.getToken()])).resolves.toEqual([token1, token1, token1]);
    expect(requests).toHaveLength(2);
    requests[1]?.resolve();
    await vi.waitFor(async () => expect(await source.getToken()).not.toBe(token1));
    expect(requests).toHaveLength(2);

    clock += 2 * HOUR; // expired: callers wait for the same new request
    const late = [source.getToken(), source.getToken()];
    expect(requests).toHaveLength(3);
    requests[2]?.resolve();
    const [a, b] = await Promise.all(late);
    expect(a).toBe(b);
  });

  it('lets the next caller retry after a failed request', async () => {
    let calls = 0;
    const source = { getToken: () => (++calls === 1 ? Promise.reject(new Error('token endpoint down')) : Promise.resolve(jwt(Date.now() + HOUR, calls))) };
    shareTokenRequests(source);
    await expect(source.getToken()).rejects.toThrow('token endpoint down');
    await expect(source.getToken()).resolves.toContain('.');
    expect(calls).toBe(2);
  });
});

describe('SharedCredentialsFactory', () => {
  const settings = { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' };
  const login = 'https://login.microsoftonline.com/botframework.com';

  it('builds one credentials object per app id and audience', async () => {
    const inner = new ConfigurationServiceClientCredentialFactory(settings);
    const create = vi.spyOn(inner, 'createCredentials');
    const factory = new SharedCredentialsFactory(inner);
    const [a, b] = await Promise.all([factory.createCredentials('app-1', 'https://api.botframework.com', login, true), factory.createCredentials('app-1', 'https://api.botframework.com', login, true)]);
    expect(a).toBe(b);
    expect(a).toBeInstanceOf(MicrosoftAppCredentials);
    const other = await factory.createCredentials('app-1', 'https://other.example', login, true);
    expect(other).not.toBe(a);
    expect(create).toHaveBeenCalledTimes(2);
    await expect(factory.isValidAppId('app-1')).resolves.toBe(true);
    await expect(factory.isAuthenticationDisabled()).resolves.toBe(false);
  });

  it('does not remember a refused app id', async () => {
    const factory = new SharedCredentialsFactory(new ConfigurationServiceClientCredentialFactory(settings));
    await expect(factory.createCredentials('someone-else', undefined, login, true)).rejects.toThrow();
    await expect(factory.createCredentials('someone-else', undefined, login, true)).rejects.toThrow();
  });

  it('passes authentication-off credentials through untouched', async () => {
    class Off extends ServiceClientCredentialsFactory {
      isValidAppId = async () => true;
      isAuthenticationDisabled = async () => true;
      createCredentials = async (): Promise<ServiceClientCredentials> => MicrosoftAppCredentials.Empty;
    }
    const empty = await new SharedCredentialsFactory(new Off()).createCredentials('', undefined, login, true);
    expect(empty).toBe(MicrosoftAppCredentials.Empty);
    expect(Object.hasOwn(empty, 'getToken')).toBe(false);
  });
});

describe('proactive sender', () => {
  let connector: FakeConnector | undefined;
  afterEach(async () => connector?.close());

  it('builds one connector client per service URL and reuses it for every send', async () => {
    connector = await startFakeConnector();
    const adapter = createAdapter({}, createLogger('silent'));
    const build = vi.spyOn(adapter, 'connectorClientFor');
    const sender = createProactiveSender(adapter, '', 5_000, serviceUrlAllowlist({ authenticationDisabled: true }));
    const target = (i: number, serviceUrl: string): ReminderTarget =>
      ({
        serviceUrl,
        conversationId: `conversation-${i}`,
        conversationReference: { serviceUrl, conversationId: `conversation-${i}`, tenantId: 'tenant', botId: 'bot', scope: 'channel' },
      }) as unknown as ReminderTarget;
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } };
    const other = connector.serviceUrl.replace('127.0.0.1', 'localhost');
    await Promise.all(Array.from({ length: 20 }, (_, i) => sender.send(target(i, i % 2 === 0 ? connector!.serviceUrl : other), card as never)));
    expect(connector.sent).toHaveLength(20);
    expect(build).toHaveBeenCalledTimes(2);
    expect(new Set(connector.sent.map((sent) => sent.conversationId)).size).toBe(20);
  });
});
