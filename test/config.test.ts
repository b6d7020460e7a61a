/** Settings are checked once at start; env.example and the README document every one. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js';

const envExample = readFileSync(new URL('../env.example', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('configuration', () => {
  it('documents every variable in env.example and the README', () => {
    for (const key of Object.keys(ConfigSchema.shape)) {
      expect(envExample, key).toMatch(new RegExp(`^${key}=`, 'm'));
      expect(readme, key).toContain(key);
    }
  });

  it('starts with defaults when nothing is set: port 3978, SQLite under ./data, authentication off, loopback only', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', DATA_DIR: './data', MicrosoftAppId: '', REMINDER_TICK_SECONDS: 300, REMINDER_LOCAL_HOUR: 9 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('takes an empty value (NAME= in a .env file) as unset, for every variable', () => {
    const everyKeyEmpty = Object.fromEntries(Object.keys(ConfigSchema.shape).map((key) => [key, '']));
    expect(loadConfig(everyKeyEmpty)).toEqual(loadConfig({}));
    const config = loadConfig({ MicrosoftAppType: '', PORT: ' ' });
    expect(config.MicrosoftAppType).toBeUndefined();
    expect(config.PORT).toBe(3978);
  });
});

describe('authentication off is for this machine only', () => {
  const publicHost = { HOST: '0.0.0.0' };

  it('refuses to listen on a public interface without MicrosoftAppId, naming the variables to set', () => {
    expect(() => loadConfig(publicHost)).toThrow(/HOST: 0\.0\.0\.0 is reachable from other machines .*set MicrosoftAppId, or HOST=127\.0\.0\.1, or ALLOW_UNAUTHENTICATED=true/);
    expect(() => loadConfig({ HOST: '10.1.2.3', MicrosoftAppId: ' ' })).toThrow('HOST: 10.1.2.3');
  });

  it.each(['127.0.0.1', '::1', 'localhost', '127.0.0.2'])('listens on loopback %s without MicrosoftAppId', (host) => {
    expect(loadConfig({ HOST: host }).HOST).toBe(host);
  });

  it('takes an IPv6 loopback written as in a URL, and refuses forms that are not loopback', () => {
    expect(loadConfig({ HOST: '[::1]' }).HOST).toBe('::1');
    for (const host of ['::', '::ffff:127.0.0.1', 'localhost.', '127.0.0.1.nip.io']) expect(() => loadConfig({ HOST: host }), host).toThrow('HOST');
  });

  it('listens anywhere without MicrosoftAppId only when ALLOW_UNAUTHENTICATED=true is said explicitly', () => {
    expect(loadConfig({ ...publicHost, ALLOW_UNAUTHENTICATED: 'true' }).HOST).toBe('0.0.0.0');
    expect(() => loadConfig({ ...publicHost, ALLOW_UNAUTHENTICATED: 'yes' })).toThrow('ALLOW_UNAUTHENTICATED');
  });

  it('listens on every interface by default once MicrosoftAppId is set', () => {
    expect(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 's' }).HOST).toBe('0.0.0.0');
  });

  it.each([
    ['MicrosoftAppPassword', 'secret'],
    ['MicrosoftAppTenantId', 'tenant'],
    ['MicrosoftAppType', 'SingleTenant'],
    ['CertificateThumbprint', 'AB12'],
    ['CertificatePrivateKey', 'pem'],
  ])('refuses to start when %s is set but MicrosoftAppId is empty (a typo, not local development)', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(`MicrosoftAppId: empty while ${key} is set`);
    expect(() => loadConfig({ mIcrosoftAppId: 'abc', [key]: value })).toThrow('MicrosoftAppId: empty');
  });
});

describe('more settings', () => {
  it.each(['MICROSOFT_APP_ID', 'MicrosoftAppID', 'microsoftapppassword'])('refuses %s, a Bot Framework setting spelled otherwise', (key) => {
    expect(() => loadConfig({ [key]: 'value', HOST: '127.0.0.1' })).toThrow(`${key}: not read; did you mean`);
    expect(() => loadConfig({ [key]: '' })).not.toThrow();
  });


  it.each(['ALLOWED_TENANT', 'allowed_tenants', 'ALLOWEDTENANTS', 'ALLOWED_TENNANTS'])('refuses %s, which would silently serve every tenant, naming ALLOWED_TENANTS', (key) => {
    expect(() => loadConfig({ [key]: 'aaaaaaaa-0000-0000-0000-00000000000a' })).toThrow(`${key}: not read; did you mean ALLOWED_TENANTS?`);
  });

  it.each([
    ['SERVICE_URL_ALLOWLIST', 'SERVICE_URL_ALLOW_LIST'],
    ['PERSONAL_REMINDERS', 'PERSONAL_REMINDER'],
    ['REMINDER_LOCAL_HOUR', 'REMINDER_LOCALHOUR'],
    ['DATABASE_URL', 'DATABSE_URL'],
  ])('runs the near-miss check against every setting: %s misspelt as %s', (meant, key) => {
    expect(() => loadConfig({ [key]: 'x' })).toThrow(`${key}: not read; did you mean ${meant}?`);
  });

  it('takes the variables every machine has for what they are, not for typos', () => {
    const machine = { PATH: '/usr/bin', HOME: '/root', HOSTNAME: 'ci', PWD: '/work', LOGNAME: 'root', NODE_ENV: 'test', TEST_DATABASE_URL: 'postgres://x', npm_config_cache: '/tmp', TZ: 'UTC', LANG: 'C.UTF-8' };
    expect(() => loadConfig(machine)).not.toThrow();
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REMINDER_LOCAL_HOUR: '25' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
      expect(message).toContain('REMINDER_LOCAL_HOUR');
    }
  });

  it('requires a secret, certificate or managed identity once an app id is set', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow('MicrosoftAppPassword: required');
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })).not.toThrow();
    expect(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' })).toThrow('MicrosoftAppTenantId: required');
  });

  it('says when only some of the SDK endpoint overrides are set (the SDK would then reject every token)', () => {
    expect(() => loadConfig({ ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1/openid' })).toThrow('once one Bot Framework endpoint override is set, set them all');
  });

  it('rejects a malformed rate limit', () => {
    expect(() => loadConfig({ REMINDER_CONVERSATION_LIMITS: '7 per second' })).toThrow('REMINDER_CONVERSATION_LIMITS');
  });
});
