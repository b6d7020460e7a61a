/** The environment of `npm run package`: host names only, real GUIDs, defaults that make sense. */
import { describe, expect, it } from 'vitest';
import { domainProblem, readPackageEnv } from '../../src/package/env.js';
import { BOT_ID, TEAMS_APP_ID } from './helpers.js';

describe('BOT_DOMAIN', () => {
  it.each(['renewal.contoso.com', 'RENEWAL.Contoso.com', 'renewal-bot-3978.euw.devtunnels.ms', 'a1b2-203-0-113-7.ngrok-free.app'])(
    'accepts the host name %s',
    (domain) => expect(domainProblem(domain)).toBeUndefined(),
  );

  it.each([
    ['https://renewal.contoso.com', 'without "https://"'],
    ['http://renewal.contoso.com', 'without "http://"'],
    ['renewal.contoso.com/api/messages', 'without a path'],
    ['renewal.contoso.com:3978', 'without a port'],
    ['*.contoso.com', 'not a wildcard'],
    ['renewal_bot.contoso.com', 'not a valid host name'],
    ['-renewal.contoso.com', 'not a valid host name'],
    ['renewal..contoso.com', 'not a valid host name'],
    ['localhost', 'not a public host name'],
    ['203.0.113.7', 'not an IP address'],
  ])('rejects %s: %s', (domain, message) => expect(domainProblem(domain)).toContain(message));

  it('is stored in lower case, as Teams compares domains', () => {
    const result = readPackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: ' Renewal.Contoso.COM ' });
    expect(result).toMatchObject({ ok: true, values: { botDomain: 'renewal.contoso.com' } });
  });
});

describe('readPackageEnv', () => {
  it('defaults TEAMS_APP_ID to MicrosoftAppId, and keeps a separate one when given', () => {
    expect(readPackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'a.example.com' })).toMatchObject({ values: { teamsAppId: BOT_ID } });
    expect(readPackageEnv({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID, BOT_DOMAIN: 'a.example.com' })).toMatchObject({
      values: { botId: BOT_ID, teamsAppId: TEAMS_APP_ID },
    });
  });

  it('treats empty values as missing, as an env file with `KEY=` lines gives them', () => {
    const result = readPackageEnv({ MicrosoftAppId: '', TEAMS_APP_ID: '', BOT_DOMAIN: '  ', APP_PACKAGE_NAME: '' });
    expect(result).toEqual({
      ok: false,
      problems: [
        "MicrosoftAppId: required: the Application (client) ID of the bot's app registration or managed identity",
        'BOT_DOMAIN: required: the public host name of the bot, as in https://<BOT_DOMAIN>/api/messages',
      ],
    });
  });

  it('rejects the all-zero GUID that templates use as a placeholder', () => {
    const result = readPackageEnv({ MicrosoftAppId: '00000000-0000-0000-0000-000000000000', BOT_DOMAIN: 'a.example.com' });
    expect(result).toEqual({ ok: false, problems: ['MicrosoftAppId: the all-zero GUID is a placeholder, not the Application (client) ID of the bot'] });
  });

  it('takes APP_PACKAGE_NAME as a file name, with or without .zip, and never a path', () => {
    expect(readPackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'a.example.com', APP_PACKAGE_NAME: 'renewal-dev.zip' })).toMatchObject({
      values: { packageName: 'renewal-dev' },
    });
    const result = readPackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'a.example.com', APP_PACKAGE_NAME: '../renewal' });
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^APP_PACKAGE_NAME: a file name without a folder/)] });
  });
});
