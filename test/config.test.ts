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

  it('starts with defaults when nothing is set: port 3978, SQLite under ./data, authentication off', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', MicrosoftAppId: '', REMINDER_TICK_SECONDS: 300, REMINDER_LOCAL_HOUR: 9 });
    expect(config.DATABASE_URL).toBeUndefined();
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
