/**
 * The service URL matcher: the URLs Teams really sends pass, and the usual tricks to make a check
 * and an HTTP client disagree about the host (userinfo, backslashes, lookalike suffixes, encoding,
 * odd ports and schemes) never do.
 */
import { parse as legacyParse } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isServiceUrlAllowed, serviceUrlAllowlist } from '../../src/bot/service-url-allowlist.js';
import { loadConfig, serviceUrlAllowlistOf } from '../../src/config.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150) * 5;
const deployed = serviceUrlAllowlist({ authenticationDisabled: false });
const local = serviceUrlAllowlist({ authenticationDisabled: true });

describe('the default list (authentication on)', () => {
  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/teams/',
    'https://smba.trafficmanager.net/emea',
    'https://SMBA.TrafficManager.NET/apac/',
    'https://smba.trafficmanager.net:443/amer/',
    'https://smba.infra.gcc.teams.microsoft.com/gcc',
    'https://smba.infra.gov.teams.microsoft.us/gcch',
    'https://smba.infra.dod.teams.microsoft.us/teams',
    'https://webchat.botframework.com/',
    'https://tokengcch.botframework.azure.us/',
  ])('accepts %s', (url) => {
    expect(isServiceUrlAllowed(deployed, url)).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['a trusted URL in the path', 'https://evil.com/https://smba.trafficmanager.net/'],
    ['a trusted name as a subdomain', 'https://smba.trafficmanager.net.evil.com/'],
    ['a trusted name as userinfo', 'https://smba.trafficmanager.net@evil.com/'],
    ['userinfo before a trusted host', 'https://evil.com@smba.trafficmanager.net/'],
    ['a backslash before userinfo', 'https://smba.trafficmanager.net\\@evil.com/'],
    ['a backslash as separator', 'https://smba.trafficmanager.net\\evil.com/'],
    ['a fragment before userinfo', 'https://evil.com#@smba.trafficmanager.net/'],
    ['another port', 'https://smba.trafficmanager.net:8443/amer/'],
    ['plain http', 'http://smba.trafficmanager.net/amer/'],
    ['a percent-encoded host', 'https://smba%2etrafficmanager.net/'],
    ['a percent-encoded @', 'https://smba.trafficmanager.net%40evil.com/'],
    ['a trailing dot', 'https://smba.trafficmanager.net./amer/'],
    ['a lookalike Unicode letter', 'https://smba.trafficmanаger.net/'],
    ['no slashes after the scheme', 'https:smba.trafficmanager.net/amer/'],
    ['one slash after the scheme', 'https:/smba.trafficmanager.net/amer/'],
    ['a query', 'https://smba.trafficmanager.net/amer/?x=1'],
    ['a fragment', 'https://smba.trafficmanager.net/amer/#x'],
    ['an encoded dot segment', 'https://smba.trafficmanager.net/amer/%2e%2e/x'],
    ['a leading space', ' https://smba.trafficmanager.net/'],
    ['a newline', 'https://smba.trafficmanager.net/\n'],
    ['a tab in the host', 'https://smba.traffic\tmanager.net/'],
    ['the wildcard domain itself', 'https://botframework.com/'],
    ['two labels under the wildcard', 'https://a.b.botframework.com/'],
    ['a suffix lookalike of the wildcard domain', 'https://evilbotframework.com/'],
    ['loopback while authentication is on', 'http://127.0.0.1:3978/'],
    ['another scheme', 'ftp://smba.trafficmanager.net/'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    expect(isServiceUrlAllowed(deployed, url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['https://smba.trafficmanager.net/']]) expect(isServiceUrlAllowed(deployed, value)).toBe(false);
  });
});

describe('loopback', () => {
  it.each(['http://127.0.0.1:5555/_connector', 'http://[::1]:80/', 'http://localhost:3978/', 'http://LOCALHOST/'])('is allowed with authentication off: %s', (url) => {
    expect(isServiceUrlAllowed(local, url)).toBe(true);
    expect(isServiceUrlAllowed(deployed, url)).toBe(false);
  });

  it.each([
    'http://127.1:3978/',
    'http://0x7f.0.0.1/',
    'http://2130706433/',
    'http://127.0.0.2/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://localhost.evil.com/',
    'http://localhost@evil.com/',
    'http://evil.com@localhost/',
    'http://localhost./',
    'https://127.0.0.1/',
  ])('means exactly http://127.0.0.1, [::1] and localhost: %s is refused', (url) => {
    expect(isServiceUrlAllowed(local, url)).toBe(false);
  });

  it('is not added when SERVICE_URL_ALLOWLIST is set: the setting is the whole list', () => {
    const list = serviceUrlAllowlistOf(loadConfig({ SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/amer/' }));
    expect(isServiceUrlAllowed(list, 'http://127.0.0.1:3978/')).toBe(false);
    expect(isServiceUrlAllowed(list, 'https://smba.infra.gcc.teams.microsoft.com/gcc')).toBe(false);
    expect(isServiceUrlAllowed(serviceUrlAllowlistOf(loadConfig({})), 'http://127.0.0.1:3978/')).toBe(true);
    expect(isServiceUrlAllowed(serviceUrlAllowlistOf(loadConfig({ SERVICE_URL_ALLOWLIST: '' })), 'http://127.0.0.1:3978/')).toBe(true);
  });
});

describe('a configured list', () => {
  const list = serviceUrlAllowlistOf(loadConfig({ SERVICE_URL_ALLOWLIST: ' https://smba.trafficmanager.net/amer/ , https://*.example.com:8443/bots, http://10.0.0.5:3979/ ' }));

  it.each([
    ['https://smba.trafficmanager.net/amer', true],
    ['https://smba.trafficmanager.net/amer/', true],
    ['https://smba.trafficmanager.net/amer/v3/conversations', true],
    ['https://smba.trafficmanager.net/americas/', false],
    ['https://smba.trafficmanager.net/AMER/', false],
    ['https://smba.trafficmanager.net/emea/', false],
    ['https://smba.trafficmanager.net/amer/../emea/', false],
    ['https://smba.trafficmanager.net/amer/%2f../emea/', false],
    ['https://eu.example.com:8443/bots/x', true],
    ['https://eu.example.com/bots/x', false],
    ['https://eu.example.com:8443/botsx', false],
    ['https://example.com:8443/bots', false],
    ['http://10.0.0.5:3979/api', true],
    ['http://10.0.0.5/api', false],
    ['http://10.0.5:3979/api', false],
  ])('matches prefixes on scheme, host, port and whole path segments: %s → %s', (url, allowed) => {
    expect(isServiceUrlAllowed(list, url)).toBe(allowed);
  });

  it.each([
    ['smba.trafficmanager.net', 'not a plain http(s) URL prefix'],
    ['https://*evil.com/', '* may only be the whole leftmost host label'],
    ['https://a.*.example.com/', '* may only be the whole leftmost host label'],
    ['https://*.com/', 'a domain of at least two labels'],
    ['https://*.10.0.0.5/', 'not a plain http(s) URL prefix'],
    ['https://user@smba.trafficmanager.net/', 'not a plain http(s) URL prefix'],
    ['https://smba.trafficmanager.net/?region=amer', 'not a plain http(s) URL prefix'],
    ['ftp://smba.trafficmanager.net/', 'not a plain http(s) URL prefix'],
    [' , ', 'lists no URL'],
  ])('stops the bot at start on a malformed entry: %j', (value, message) => {
    expect(() => loadConfig({ SERVICE_URL_ALLOWLIST: value })).toThrow(`SERVICE_URL_ALLOWLIST: `);
    expect(() => loadConfig({ SERVICE_URL_ALLOWLIST: value })).toThrow(message);
  });
});

/** The hosts the default list names, exactly or as one label under a wildcard. */
function namedByDefaults(host: string): boolean {
  const exact = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us'];
  return exact.includes(host) || /^[a-z0-9-]+\.botframework\.(com|azure\.us)$/.test(host);
}

describe('properties', () => {
  const piece = fc.constantFrom(
    'smba.trafficmanager.net', 'SMBA.TrafficManager.net', 'evil.com', 'botframework.com', 'webchat.', 'a.', '.', '..', '@', '\\', '/', '//',
    ':443', ':8443', ':', '%2e', '%40', '%2f', '#', '?', '*', ' ', '\t', 'amer', 'xn--', 'а', '127.0.0.1', 'localhost', '[::1]',
  );
  // Half start like a real service URL, so that many attempts are accepted and then checked.
  const start = fc.oneof(fc.constant(''), fc.constantFrom('https://smba.trafficmanager.net', 'https://webchat.botframework.com', 'HTTPS://SMBA.trafficmanager.NET'));
  const attempt = fc
    .tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:/', 'https:', 'https:\\\\', ''), start, fc.array(piece, { maxLength: 6 }))
    .map(([scheme, trusted, pieces]) => (trusted || scheme) + pieces.join(''));

  it('whatever is accepted, both Node URL parsers read the same trusted host, without userinfo, query or fragment', () => {
    fc.assert(
      fc.property(attempt, (url) => {
        if (!isServiceUrlAllowed(deployed, url)) return;
        const whatwg = new URL(url);
        const legacy = legacyParse(url);
        expect(namedByDefaults(whatwg.hostname)).toBe(true);
        expect(legacy.hostname).toBe(whatwg.hostname);
        expect(whatwg.protocol).toBe('https:');
        expect([whatwg.port, whatwg.username, whatwg.password, whatwg.search, whatwg.hash]).toEqual(['', '', '', '', '']);
        expect(legacy.auth).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('a trusted URL stays trusted with its host in any letter case, and nothing appended to the host makes it trusted', () => {
    const region = fc.constantFrom('amer', 'emea', 'apac', 'teams', 'in');
    fc.assert(
      fc.property(region, fc.array(fc.boolean(), { minLength: 23, maxLength: 23 }), fc.domain(), (path, upper, attacker) => {
        const host = [...'smba.trafficmanager.net'].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join('');
        expect(isServiceUrlAllowed(deployed, `https://${host}/${path}/`)).toBe(true);
        expect(isServiceUrlAllowed(deployed, `https://${host}.${attacker}/${path}/`)).toBe(namedByDefaults(`smba.trafficmanager.net.${attacker}`.toLowerCase()));
        expect(isServiceUrlAllowed(deployed, `https://${host}@${attacker}/${path}/`)).toBe(false);
        expect(isServiceUrlAllowed(deployed, `https://${attacker}/https://${host}/${path}/`)).toBe(namedByDefaults(attacker.toLowerCase()));
      }),
      { numRuns: RUNS },
    );
  });
});
