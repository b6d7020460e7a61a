/**
 * Every setting, read once from the environment and checked. The only module that reads
 * process.env; `env.example` documents the same variables.
 */
import { z } from 'zod';
import { serviceUrlAllowlist, ServiceUrlAllowlistSetting, type ServiceUrlAllowlist } from './bot/service-url-allowlist.js';
import { isWithinEdits } from './bot/text-matching.js';
import { parseRateWindows } from './reminders/rate-limiter.js';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type ReminderSettings } from './reminders/settings.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** The SDK's endpoint overrides: all or none (see BotFrameworkAuthenticationFactory.create). */
const SDK_OVERRIDE_KEYS = [
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'OAuthUrl',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
] as const;

/** Bot Framework settings keep the SDK's own names so its documentation applies as written. */
const BOT_FRAMEWORK_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'CertificateThumbprint',
  'CertificatePrivateKey',
  'ChannelService',
  'ValidateAuthority',
  ...SDK_OVERRIDE_KEYS,
] as const;

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978).describe('HTTP port of the bot endpoint'),
  HOST: z
    .string()
    .trim()
    // An IPv6 address may be written as in a URL ([::1]); listen() takes it without brackets.
    .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
    .optional()
    .describe('Interface to listen on; empty = 127.0.0.1 while authentication is off, 0.0.0.0 once MicrosoftAppId is set'),
  ALLOW_UNAUTHENTICATED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true lets a server without MicrosoftAppId listen on a non-loopback interface (a private network only)'),
  MAX_CONNECTIONS: z.coerce.number().int().min(16).max(1_000_000).default(2_048).describe('Open connections the server accepts at once; more are closed on arrival'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto').describe('auto: readable lines at a terminal, JSON lines elsewhere; json or pretty to choose'),
  DATA_DIR: z.string().min(1).default('./data').describe('Folder of the embedded SQLite database'),
  DATABASE_URL: optionalText
    .refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), { message: 'must be a postgres:// URL, or empty for SQLite' })
    .describe('PostgreSQL URL; empty uses SQLite under DATA_DIR'),
  CATALOG_FILE: optionalText.describe('JSON file replacing the built-in requirements catalog'),
  CALL_SCHEDULE_FILE: optionalText.describe('JSON file replacing the built-in competency call schedule'),
  PUBLIC_URL: optionalText
    .refine((url) => url === undefined || /^https?:\/\/[^\s/]+/.test(url), { message: 'must be an http(s) URL such as https://bot.example.com' })
    .transform((url) => url?.replace(/\/+$/, ''))
    .describe('Public base URL of the bot, for absolute calendar links in cards'),
  MAX_CONCURRENT_TURNS: z.coerce.number().int().min(1).max(10_000).default(128).describe('Most turns answered at once; fewer while the CPU is saturated'),
  MAX_WAITING_TURNS: z.coerce.number().int().min(0).max(100_000).default(2_000).describe('Turns allowed to wait for a slot; beyond that 503 with Retry-After'),
  REMINDER_TICK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300).describe('Seconds between reminder passes in the server; 0 = off'),
  REMINDER_LOCAL_HOUR: z.coerce.number().int().min(0).max(23).default(9).describe("Hour of the organization's day from which its reminders go out"),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8).describe('Reminder sends in flight at once'),
  REMINDER_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(100).describe('Reminders claimed per database round trip'),
  REMINDER_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000).describe('A send without an answer by then counts as failed'),
  REMINDER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3).describe('Tries per pass after 412/5xx/timeouts'),
  REMINDER_MAX_THROTTLED_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6).describe('Tries per pass after 429'),
  REMINDER_MAX_RETRY_AFTER_SECONDS: z.coerce.number().min(0).max(3_600).default(60).describe('A longer Retry-After leaves the reminder for a later pass'),
  REMINDER_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(500).describe('Base of the exponential backoff (with jitter)'),
  REMINDER_RETRY_CAP_MS: z.coerce.number().int().min(1).max(600_000).default(30_000).describe('Longest single backoff'),
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120).describe('How long a runner holds a claimed reminder'),
  REMINDER_CONVERSATION_LIMITS: z.string().default(TEAMS_CONVERSATION_LIMITS).describe('count/seconds windows per conversation, or "off"'),
  REMINDER_TENANT_LIMITS: z.string().default(TEAMS_TENANT_LIMITS).describe('count/seconds windows per tenant, or "off"'),
  PERSONAL_REMINDERS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((value) => value === 'on')
    .describe('on: the Primary Program Contact also gets the two-week, expired and reference reminders in a 1:1 chat; off: the channel only'),
  ALLOWED_TENANTS: z
    .string()
    .default('')
    .transform((list) => list.split(/[\s,]+/).map((id) => id.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9-]{1,100}$/, { message: 'must be tenant ids separated by commas' })))
    .describe('Tenant ids allowed to use the bot, comma-separated; empty = every tenant'),
  SERVICE_URL_ALLOWLIST: ServiceUrlAllowlistSetting.describe('Bot Connector URL prefixes the bot sends its token to, comma-separated; empty = the Teams and Bot Framework hosts'),
  MicrosoftAppId: z.string().trim().default('').describe('Bot app id; empty = local development, authentication off'),
  MicrosoftAppPassword: optionalText.describe('Client secret of the app registration'),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional().describe('App registration type'),
  MicrosoftAppTenantId: optionalText.describe('Tenant of a SingleTenant or UserAssignedMSI app'),
  CertificateThumbprint: optionalText,
  CertificatePrivateKey: optionalText,
  ChannelService: optionalText,
  ValidateAuthority: optionalText,
  ToChannelFromBotLoginUrl: optionalText,
  ToChannelFromBotOAuthScope: optionalText,
  ToBotFromChannelTokenIssuer: optionalText,
  ToBotFromChannelOpenIdMetadataUrl: optionalText,
  ToBotFromEmulatorOpenIdMetadataUrl: optionalText,
  OAuthUrl: optionalText,
  CallerId: optionalText,
});

/** Credentials that only mean something with an app id: set without one, they are a typo, not local use. */
const CREDENTIALS_NEEDING_APP_ID = ['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'CertificateThumbprint', 'CertificatePrivateKey'] as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export type Config = Omit<z.infer<typeof ConfigSchema>, 'HOST'> & { HOST: string };

/** `NAME=` (as a .env file gives it) means "not set": the default applies, for every variable. */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') set[key] = value;
  return set;
}

/**
 * A misspelt setting fails open: `MICROSOFT_APP_ID` leaves authentication off, `ALLOWED_TENANT` serves
 * every tenant. A set variable whose name is one of the settings' but for case and underscores, or (for
 * names of eight letters or more) one letter added, dropped, changed or swapped, is a typo: the bot
 * names it and the setting it reads instead, and does not start.
 */
function misspeltSettings(env: Record<string, string | undefined>): string[] {
  const squash = (key: string) => key.toLowerCase().replace(/_/g, '');
  const settings = Object.keys(ConfigSchema.shape);
  const known = new Set(settings);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '' || known.has(key)) continue;
    const typed = squash(key);
    const meant = settings.find((setting) => {
      const expected = squash(setting);
      return typed === expected || (expected.length >= 8 && isWithinEdits(typed, expected, 1));
    });
    if (meant) problems.push(`${key}: not read; did you mean ${meant}? (the bot reads settings exactly so spelled)`);
  }
  return problems;
}

function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Without an app id nobody's token is checked and the tenant id comes from the request body: such a
 * server may only be reachable from this machine, unless the operator says otherwise in so many words.
 */
function unauthenticatedExposure(config: Config): string[] {
  if (config.MicrosoftAppId !== '') return [];
  const problems: string[] = [];
  const strayCredentials = CREDENTIALS_NEEDING_APP_ID.filter((key) => config[key] !== undefined);
  if (strayCredentials.length > 0) {
    problems.push(`MicrosoftAppId: empty while ${strayCredentials.join(', ')} ${strayCredentials.length === 1 ? 'is' : 'are'} set; set MicrosoftAppId to the bot's app id (an empty one turns authentication off)`);
  }
  if (!isLoopbackHost(config.HOST) && !config.ALLOW_UNAUTHENTICATED) {
    problems.push(`HOST: ${config.HOST} is reachable from other machines while MicrosoftAppId is empty (authentication off); set MicrosoftAppId, or HOST=127.0.0.1, or ALLOW_UNAUTHENTICATED=true on a private network`);
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Parses the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = { ...parsed.data, HOST: parsed.data.HOST ?? (parsed.data.MicrosoftAppId === '' ? '127.0.0.1' : '0.0.0.0') };
  const problems: string[] = [...misspeltSettings(env), ...unauthenticatedExposure(config)];
  if (config.MicrosoftAppType && config.MicrosoftAppType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${config.MicrosoftAppType}`);
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword && !config.CertificateThumbprint) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (or use a certificate or UserAssignedMSI)');
  }
  // The SDK switches to "all parameters are intentional" as soon as one override is set, and then
  // silently rejects every token if the others are missing: say so at start instead.
  const overrides = SDK_OVERRIDE_KEYS.filter((key) => config[key] !== undefined);
  if (overrides.length > 0 && overrides.length < SDK_OVERRIDE_KEYS.length) {
    const missing = SDK_OVERRIDE_KEYS.filter((key) => config[key] === undefined);
    problems.push(`${overrides.join(', ')}: once one Bot Framework endpoint override is set, set them all (missing: ${missing.join(', ')})`);
  }
  for (const key of ['REMINDER_CONVERSATION_LIMITS', 'REMINDER_TENANT_LIMITS'] as const) {
    try {
      parseRateWindows(config[key]);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function reminderSettings(config: Config): ReminderSettings {
  return {
    localHour: config.REMINDER_LOCAL_HOUR,
    concurrency: config.REMINDER_CONCURRENCY,
    batchSize: config.REMINDER_BATCH_SIZE,
    sendTimeoutMs: config.REMINDER_SEND_TIMEOUT_MS,
    maxAttempts: config.REMINDER_MAX_ATTEMPTS,
    maxThrottledAttempts: config.REMINDER_MAX_THROTTLED_ATTEMPTS,
    maxRetryAfterMs: config.REMINDER_MAX_RETRY_AFTER_SECONDS * 1000,
    retryBaseMs: config.REMINDER_RETRY_BASE_MS,
    retryCapMs: config.REMINDER_RETRY_CAP_MS,
    leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
    conversationLimits: parseRateWindows(config.REMINDER_CONVERSATION_LIMITS),
    tenantLimits: parseRateWindows(config.REMINDER_TENANT_LIMITS),
    personalReminders: config.PERSONAL_REMINDERS,
  };
}

/** The settings handed to the SDK's ConfigurationBotFrameworkAuthentication, under its own names. */
export function botFrameworkSettings(config: Config): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const key of BOT_FRAMEWORK_KEYS) {
    const value = config[key];
    if (value !== undefined && value !== '') settings[key] = value;
  }
  return settings;
}

/** A tenant may use the bot when the allow-list is empty or names it. */
export function tenantAllowList(config: Config): (tenantId: string) => boolean {
  const allowed = new Set(config.ALLOWED_TENANTS);
  return (tenantId) => allowed.size === 0 || allowed.has(tenantId.toLowerCase());
}

export function isAuthenticationDisabled(config: Config): boolean {
  return config.MicrosoftAppId === '';
}

/**
 * The service URLs the bot trusts with its token: SERVICE_URL_ALLOWLIST, or the defaults, plus
 * loopback `http://` only while authentication is off and the bot itself listens on loopback (the
 * local Playground). With ALLOW_UNAUTHENTICATED=true on another interface, anyone who reaches the bot
 * could otherwise make it POST to any port of its own host.
 */
export function serviceUrlAllowlistOf(config: Config): ServiceUrlAllowlist {
  return serviceUrlAllowlist({ configured: config.SERVICE_URL_ALLOWLIST, authenticationDisabled: isAuthenticationDisabled(config) && isLoopbackHost(config.HOST) });
}

/** Authentication on and no ALLOWED_TENANTS: every tenant that installs the app is served. */
export function servesEveryTenant(config: Config): boolean {
  return !isAuthenticationDisabled(config) && config.ALLOWED_TENANTS.length === 0;
}
