/**
 * Which Bot Connector service URLs the bot trusts with its token. Every reply and every proactive
 * send goes to an activity's `serviceUrl` with the bot's access token attached, so a URL outside
 * this list would hand the token to whoever runs that host. Checked on the way in (the HTTP edge,
 * before the SDK sees the activity), before storing, and again before every proactive send.
 *
 * SERVICE_URL_ALLOWLIST is a comma-separated list of URL prefixes:
 * - scheme and port must be equal (no port = the scheme's default; `https://h:443/` is `https://h/`);
 * - the host is compared case-insensitively and label by label. `*` may stand for the leftmost
 *   label only, and matches exactly one label, as in TLS certificates (RFC 6125 §6.4.3):
 *   `https://*.botframework.com/` matches `https://webchat.botframework.com/` but neither
 *   `https://botframework.com/` nor `https://a.b.botframework.com/`, so a pattern never reaches
 *   deeper subdomains that may be delegated to someone else;
 * - the path is a prefix on segment boundaries: `/amer` and `/amer/` both match `/amer`, `/amer/`
 *   and `/amer/x`, never `/americas`.
 *
 * A candidate URL is refused unless it is written plainly, because the SDK's HTTP client may read
 * an unusual URL differently from this check (the classic SSRF split): no userinfo (`host@evil`),
 * no backslash, whitespace, control or non-ASCII character, no `%` in the host, no query or
 * fragment, no dot segment or encoded `.`, `/` or `\` in the path, no trailing dot on the host, and
 * the host must be in its canonical form (`127.1` or `0x7f.0.0.1` are not `127.0.0.1`). Teams
 * never sends such URLs, so refusing them costs nothing.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

export interface ServiceUrlPattern {
  scheme: 'http:' | 'https:';
  /** Lowercase; for a wildcard pattern, the part after `*.`. */
  host: string;
  wildcard: boolean;
  /** '' for the scheme's default port, as URL.port reports it. */
  port: string;
  /** Path prefix without its trailing slash; '' matches every path. */
  path: string;
}

export interface ServiceUrlAllowlist {
  patterns: readonly ServiceUrlPattern[];
  /** Local development (authentication off, no list set): http://127.0.0.1, [::1] and localhost on any port. */
  loopback: boolean;
}

/**
 * The public Teams and Bot Framework service hosts and the US government clouds'. Whole hosts are
 * listed (path `/`) because Teams appends a region or cloud segment that varies by tenant.
 * - https://smba.trafficmanager.net/: the public Teams Bot Connector, with regional paths such as
 *   /amer/, /emea/, /apac/ and /teams/ ("Base URI", Bot Connector API reference:
 *   https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#base-uri).
 * - https://smba.infra.gcc.teams.microsoft.com/ (GCC), https://smba.infra.gov.teams.microsoft.us/
 *   (GCC High): Teams "Send proactive messages" (MicrosoftDocs/msteams-docs,
 *   msteams-platform/bots/how-to/conversations/send-proactive-messages.md) gives .../gcc and .../gcch;
 * - https://smba.infra.dod.teams.microsoft.us/ (DoD), with the same three: Microsoft 365 Agents SDK,
 *   TeamsServiceEndpoints (https://microsoft.github.io/Agents-for-js/variables/_microsoft_agents-hosting.TeamsServiceEndpoints.html).
 * - https://*.botframework.com/: the other Bot Framework channels' service URLs follow
 *   https://{channelId}.botframework.com/ (Agents SDK, ConversationReferenceBuilder.serviceUrlForChannel,
 *   https://learn.microsoft.com/javascript/api/@microsoft/agents-hosting/conversationreferencebuilder).
 * - https://*.botframework.azure.us/: Azure Government's Bot Framework domain ("The Azure Government
 *   cloud uses https://botframework.azure.us for the channel service endpoint",
 *   https://learn.microsoft.com/azure/bot-service/how-to-deploy-gov-cloud-high).
 */
export const DEFAULT_SERVICE_URL_ALLOWLIST = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
  'https://*.botframework.com/',
  'https://*.botframework.azure.us/',
] as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** scheme://authority followed by the rest; `//` is required (WHATWG would read `https:evil.com` too). */
const URL_PARTS = /^(https?):\/\/([^/?#]*)(.*)$/i;
/** A DNS name (no empty label, no trailing dot) or a bracketed IPv6 literal, then an optional port. */
const AUTHORITY = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;
/** Printable ASCII without space and backslash. */
const PLAIN_TEXT = /^[\x21-\x5b\x5d-\x7e]+$/;
/** Segments that parsers resolve differently: `.`/`..` (also encoded) and encoded separators. */
const AMBIGUOUS_PATH = /(^|\/)\.{1,2}(\/|$)|%2e|%2f|%5c/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

interface PlainUrl {
  url: URL;
  host: string;
}

/** The URL when it is written plainly (see the module comment), else undefined. */
function plainUrl(text: string): PlainUrl | undefined {
  if (text.length > 2048 || !PLAIN_TEXT.test(text)) return undefined;
  const parts = URL_PARTS.exec(text);
  if (!parts) return undefined;
  const [, , authority = '', rest = ''] = parts;
  const host = AUTHORITY.exec(authority)?.[1]?.toLowerCase();
  if (host === undefined || rest.includes('?') || rest.includes('#') || AMBIGUOUS_PATH.test(rest)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // What the WHATWG parser made of the host must be what was written: no IPv4 shorthand, no IPv6
  // spelled out, nothing decoded.
  if (url.hostname !== host) return undefined;
  return { url, host };
}

/** Parses one SERVICE_URL_ALLOWLIST entry; throws an Error saying what is wrong with it. */
export function parseServiceUrlPattern(entry: string): ServiceUrlPattern {
  const wildcard = /^https?:\/\/\*\./i.test(entry);
  // The wildcard label is swapped for a plain one so the entry goes through the candidate rules.
  const text = wildcard ? entry.replace('*', 'wildcard') : entry;
  if (text.includes('*')) throw new Error(`"${entry}": * may only be the whole leftmost host label, as in https://*.botframework.com/`);
  const plain = plainUrl(text);
  if (!plain) {
    throw new Error(`"${entry}" is not a plain http(s) URL prefix such as https://smba.trafficmanager.net/ (no user, query, fragment, backslash or dot segments)`);
  }
  const { url } = plain;
  const host = wildcard ? url.hostname.slice('wildcard.'.length) : url.hostname;
  if (wildcard && (IPV4.test(host) || host.startsWith('[') || !host.includes('.'))) {
    throw new Error(`"${entry}": * must be followed by a domain of at least two labels, as in https://*.botframework.com/`);
  }
  return { scheme: url.protocol as ServiceUrlPattern['scheme'], host, wildcard, port: url.port, path: withoutTrailingSlashes(url.pathname) };
}

/** The entries of a SERVICE_URL_ALLOWLIST value (commas, blanks around them ignored). */
function entriesOf(text: string): string[] {
  return text.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/**
 * The SERVICE_URL_ALLOWLIST setting: empty or unset = the defaults; otherwise every entry must parse
 * and the list is the whole list (no defaults, no loopback added).
 */
export const ServiceUrlAllowlistSetting = z
  .string()
  .trim()
  .optional()
  .transform((text) => (text === '' ? undefined : text))
  .superRefine((text, ctx) => {
    if (text === undefined) return;
    const entries = entriesOf(text);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no URL; leave it empty for the default list' });
    for (const entry of entries) {
      try {
        parseServiceUrlPattern(entry);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }
  });

/** The list in force: the configured one, or the defaults plus loopback when authentication is off. */
export function serviceUrlAllowlist(options: { configured?: string; authenticationDisabled: boolean }): ServiceUrlAllowlist {
  if (options.configured !== undefined) return { patterns: entriesOf(options.configured).map(parseServiceUrlPattern), loopback: false };
  return { patterns: DEFAULT_SERVICE_URL_ALLOWLIST.map(parseServiceUrlPattern), loopback: options.authenticationDisabled };
}

function matches(pattern: ServiceUrlPattern, url: URL, host: string): boolean {
  if (url.protocol !== pattern.scheme || url.port !== pattern.port) return false;
  if (pattern.wildcard) {
    const label = host.endsWith(`.${pattern.host}`) ? host.slice(0, -pattern.host.length - 1) : '';
    if (label === '' || label.includes('.')) return false;
  } else if (host !== pattern.host) {
    return false;
  }
  return pattern.path === '' || url.pathname === pattern.path || url.pathname.startsWith(`${pattern.path}/`);
}

/**
 * Answers already worked out, per list and exact URL text: every turn (twice) and every proactive send
 * asks about one of the few URLs Teams uses, and parsing one costs more than the rest of the check.
 * The answer is a pure function of the two; any other text is worked out (the least recently asked goes first).
 */
const answers = new WeakMap<ServiceUrlAllowlist, LRUCache<string, boolean>>();
/** URLs whose answer is kept per list: Teams uses a few dozen at most; junk from others only pushes out junk. */
const ANSWERS_KEPT = 256;

/** Whether the bot may send its token to this service URL. */
export function isServiceUrlAllowed(list: ServiceUrlAllowlist, serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let known = answers.get(list);
  if (!known) {
    known = new LRUCache({ max: ANSWERS_KEPT });
    answers.set(list, known);
  }
  let allowed = known.get(serviceUrl);
  if (allowed === undefined) {
    allowed = checkServiceUrl(list, serviceUrl);
    known.set(serviceUrl, allowed);
  }
  return allowed;
}

function checkServiceUrl(list: ServiceUrlAllowlist, serviceUrl: string): boolean {
  const plain = plainUrl(serviceUrl);
  if (!plain) return false;
  if (list.loopback && plain.url.protocol === 'http:' && LOOPBACK_HOSTS.has(plain.host)) return true;
  return list.patterns.some((pattern) => matches(pattern, plain.url, plain.host));
}

/** The path without its trailing slashes; a loop, as `/\/+$/` backtracks quadratically on a path of slashes. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
