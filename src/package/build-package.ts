/**
 * Builds the Teams app package: the manifest template filled from the environment, checked
 * against the official schema and the icon rules, then zipped. Every problem is collected so
 * one run shows them all; nothing is written unless there are none.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { readPackageEnv, type PackageValues } from './env.js';
import { checkColorIcon, checkOutlineIcon } from './icon-rules.js';
import { fillPlaceholders } from './template.js';
import { MANIFEST_SCHEMA_URL, validateManifest } from './validate-manifest.js';
import { writeFileAtomically, zipFiles } from './zip.js';

export const DEFAULT_TEMPLATE = join(PROJECT_ROOT, 'manifest', 'manifest.template.json');
export const DEFAULT_OUTPUT_DIR = join(PROJECT_ROOT, 'appPackage');

export interface BuildOptions {
  env: Record<string, string | undefined>;
  /** Default manifest/manifest.template.json. */
  templatePath?: string;
  /** Where the icons named in the manifest are; default the template's folder. */
  iconDir?: string;
  /** The app version; default package.json's. */
  version?: string;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  /** Zip entry name → content: manifest.json and the two icons. */
  files: Record<string, Uint8Array>;
  fileName: string;
  values: Required<PackageValues>;
}

export type BuildResult = { ok: true; appPackage: AppPackage } | { ok: false; problems: string[] };

/** Stand-ins while the environment is wrong, so template problems still show in the same run. */
const SAMPLE_VALUES: PackageValues = { botId: '00000000-0000-0000-0000-000000000001', teamsAppId: '00000000-0000-0000-0000-000000000001', botDomain: 'bot.example.com' };

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'app';
}

async function readVersion(): Promise<string> {
  const packageJson = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return String(packageJson.version ?? '');
}

async function readTemplate(path: string): Promise<{ template?: unknown; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { problem: `${path}: cannot read the manifest template (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    return { template: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `${path}: not valid JSON (${(error as Error).message})` };
  }
}

/** Reads and checks both icons the manifest names; returns their contents keyed by file name. */
async function readIcons(manifest: Record<string, unknown>, iconDir: string, problems: string[]): Promise<Record<string, Uint8Array>> {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const files: Record<string, Uint8Array> = {};
  for (const [key, check] of [['color', checkColorIcon], ['outline', checkOutlineIcon]] as const) {
    const name = icons[key];
    if (typeof name !== 'string') continue; // the schema check reports a missing icon entry
    if (basename(name) !== name) {
      problems.push(`icons.${key}: "${name}" must be a file name at the package root, without a folder`);
      continue;
    }
    const path = join(iconDir, name);
    let data: Uint8Array;
    try {
      data = await readFile(path);
    } catch {
      problems.push(`${path}: missing ${key} icon (npm run package -- --icons draws both icons)`);
      continue;
    }
    problems.push(...check(path, data));
    files[name] = data;
  }
  return files;
}

/** Fills, validates and assembles the package in memory; writes nothing. */
export async function buildPackage(options: BuildOptions): Promise<BuildResult> {
  const templatePath = resolve(options.templatePath ?? DEFAULT_TEMPLATE);
  const iconDir = resolve(options.iconDir ?? dirname(templatePath));
  const problems: string[] = [];

  const env = readPackageEnv(options.env);
  if (!env.ok) problems.push(...env.problems);
  const values = env.ok ? env.values : SAMPLE_VALUES;

  const version = options.version ?? (await readVersion());
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`version: "${version}" must be MAJOR.MINOR.PATCH, as Teams requires (package.json "version")`);

  const { template, problem } = await readTemplate(templatePath);
  if (problem) return { ok: false, problems: [...problems, problem] };

  const where = basename(templatePath);
  const filled = fillPlaceholders(template, {
    MICROSOFT_APP_ID: values.botId,
    TEAMS_APP_ID: values.teamsAppId,
    BOT_DOMAIN: values.botDomain,
    APP_VERSION: version,
  });
  problems.push(...filled.unknown.map((line) => `${where}: ${line}`));
  if (filled.value === null || typeof filled.value !== 'object' || Array.isArray(filled.value)) {
    return { ok: false, problems: [...problems, `${where}: must be a JSON object`] };
  }
  const manifest = filled.value as Record<string, unknown>;
  problems.push(...validateManifest(manifest).map((line) => `${where}: ${line}`));
  if (manifest.$schema !== MANIFEST_SCHEMA_URL) {
    problems.push(`${where}: $schema must be ${MANIFEST_SCHEMA_URL}, the schema this build validates against`);
  }

  const icons = await readIcons(manifest, iconDir, problems);
  if (problems.length > 0) return { ok: false, problems };

  const name = manifest.name as { short: string };
  const packageName = values.packageName ?? slug(name.short);
  return {
    ok: true,
    appPackage: {
      manifest,
      files: { 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), ...icons },
      fileName: `${packageName}.zip`,
      values: { ...values, packageName },
    },
  };
}

export type PackageResult = { ok: true; zipPath: string; appPackage: AppPackage } | { ok: false; problems: string[] };

/** buildPackage, then the zip into outputDir; on any problem no zip is written. */
export async function createAppPackage(options: BuildOptions & { outputDir?: string }): Promise<PackageResult> {
  const built = await buildPackage(options);
  if (!built.ok) return built;
  const zipPath = join(resolve(options.outputDir ?? DEFAULT_OUTPUT_DIR), built.appPackage.fileName);
  await writeFileAtomically(zipPath, zipFiles(built.appPackage.files));
  return { ok: true, zipPath, appPackage: built.appPackage };
}
