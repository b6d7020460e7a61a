/**
 * Offline validation against Microsoft's own manifest JSON schema, as shipped in
 * @microsoft/app-manifest: no network, so CI and air-gapped machines give the same answer
 * as the Developer Portal's schema check. The Teams schemas are JSON Schema draft-04.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';

/** The newest generally available manifest version the installed package ships (not devPreview). */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export function manifestSchemaPath(version = MANIFEST_VERSION): string {
  const packageJson = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(manifestSchemaPath(), 'utf8')) as object;
  // allErrors: report every problem in one run. strictTypes off: the schema leaves out "type"
  // next to a few keywords, valid draft-04 that ajv's strict mode would warn about on every run.
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false });
  addFormats.default(ajv, ['uri', 'email', 'regex']);
  compiled = ajv.compile(schema);
  return compiled;
}

/** `/bots/0/commandLists/0/commands/0/title` → `bots[0].commandLists[0].commands[0].title` */
export function readablePath(instancePath: string): string {
  if (instancePath === '') return '(manifest root)';
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${error.message ?? 'must be one of the allowed values'}: ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? error.keyword;
  }
}

/** One line per schema error, `path: message`, in document order; empty when valid. */
export function validateManifest(manifest: unknown): string[] {
  const validate = validator();
  if (validate(manifest)) return [];
  const lines = (validate.errors ?? []).map((error) => `${readablePath(error.instancePath)}: ${describe(error)}`);
  return [...new Set(lines)];
}
