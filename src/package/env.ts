/**
 * The values `npm run package` puts into the manifest, read from the environment and checked
 * up front: a wrong id or domain makes a package that uploads but whose bot never answers.
 * MicrosoftAppId keeps the Bot Framework SDK's name, as in src/config.ts.
 */
import { z } from 'zod';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Empty and unset mean the same, as with `KEY=` lines in an env file. */
const text = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

function guid(what: string) {
  return text.superRefine((value, ctx) => {
    if (value === undefined) return;
    if (!GUID.test(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, ${what})` });
    } else if (value === NIL_GUID) {
      ctx.addIssue({ code: 'custom', message: `the all-zero GUID is a placeholder, not ${what}` });
    }
  });
}

/** Why a BOT_DOMAIN is not a bare host name, or undefined when it is one. */
export function domainProblem(domain: string): string | undefined {
  const example = 'e.g. renewal.contoso.com';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) return `give the host name only, without "${domain.split('//')[0]}//" (${example})`;
  if (domain.includes('/')) return `give the host name only, without a path (${example})`;
  if (domain.includes(':')) return `give the host name only, without a port (${example})`;
  if (domain.includes('*')) return `must be one host, not a wildcard: the developer URLs are built from it (${example})`;
  const labels = domain.toLowerCase().split('.');
  if (domain.length > 253 || labels.some((label) => !DNS_LABEL.test(label))) {
    return `"${domain}" is not a valid host name (letters, digits and hyphens between dots; ${example})`;
  }
  if (labels.length < 2) return `"${domain}" is not a public host name: Teams must reach the bot over HTTPS (${example})`;
  if (!/[a-z]/.test(labels.at(-1) ?? '')) return `give a host name, not an IP address (${example})`;
  return undefined;
}

export const PackageEnvSchema = z.object({
  MicrosoftAppId: guid('the Application (client) ID of the bot').pipe(
    z.string({ message: "required: the Application (client) ID of the bot's app registration or managed identity" }),
  ),
  TEAMS_APP_ID: guid('the Teams app id'),
  BOT_DOMAIN: text
    .superRefine((value, ctx) => {
      const problem = value === undefined ? undefined : domainProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .pipe(z.string({ message: 'required: the public host name of the bot, as in https://<BOT_DOMAIN>/api/messages' }))
    .transform((value) => value.toLowerCase()),
  APP_PACKAGE_NAME: text.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a file name without a folder: letters, digits, ".", "_" and "-" (".zip" is added)')
      .optional(),
  ),
});

export interface PackageValues {
  botId: string;
  teamsAppId: string;
  botDomain: string;
  /** Undefined: the slug of the manifest's short name. */
  packageName?: string;
}

export type PackageEnvResult = { ok: true; values: PackageValues } | { ok: false; problems: string[] };

/** Every problem at once, one a line, each naming its variable. */
export function readPackageEnv(env: Record<string, string | undefined>): PackageEnvResult {
  const parsed = PackageEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const { MicrosoftAppId, TEAMS_APP_ID, BOT_DOMAIN, APP_PACKAGE_NAME } = parsed.data;
  return {
    ok: true,
    values: {
      botId: MicrosoftAppId,
      // One id for both is the simple case; a separate TEAMS_APP_ID lets a second package
      // (say, a test copy) point at the same bot.
      teamsAppId: TEAMS_APP_ID ?? MicrosoftAppId,
      botDomain: BOT_DOMAIN,
      ...(APP_PACKAGE_NAME ? { packageName: APP_PACKAGE_NAME.replace(/\.zip$/i, '') } : {}),
    },
  };
}
