/**
 * Every setting, read once from the environment and checked. The only module that reads
 * process.env; `env.example` documents the same variables.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

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
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
  'CallerId',
] as const;

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978).describe('HTTP port of the bot endpoint'),
  HOST: z.string().default('0.0.0.0').describe('Interface to listen on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  DATA_DIR: z.string().min(1).default('./data').describe('Folder of the embedded SQLite database'),
  DATABASE_URL: optionalText
    .refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), { message: 'must be a postgres:// URL, or empty for SQLite' })
    .describe('PostgreSQL URL; empty uses SQLite under DATA_DIR'),
  CATALOG_FILE: optionalText.describe('JSON file replacing the built-in requirements catalog'),
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

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Parses the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.MicrosoftAppType && config.MicrosoftAppType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${config.MicrosoftAppType}`);
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword && !config.CertificateThumbprint) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (or use a certificate or UserAssignedMSI)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
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

export function isAuthenticationDisabled(config: Config): boolean {
  return config.MicrosoftAppId === '';
}
