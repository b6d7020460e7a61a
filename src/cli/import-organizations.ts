/**
 * `cli import FILE.json`: validates every record first, then writes all of them in one
 * transaction, or nothing at all when any record is wrong.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Catalog } from '../rules/catalog.js';
import { anniversaryOfCycle, cycleForDate } from '../rules/cycle.js';
import { OrganizationSchema, withCatalogChecks, type Organization } from '../rules/organization.js';
import type { Storage, UpsertSummary } from '../storage/storage.js';
import { jsonLineIndex, lineOf, syntaxErrorLocation } from './json-locations.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportResult = { ok: true; summary: UpsertSummary; count: number } | { ok: false; problems: string[] };

export function importFileSchema(catalog: Catalog) {
  return z
    .object({ organizations: z.array(withCatalogChecks(OrganizationSchema, catalog)).min(1, { message: 'lists no organization' }) })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Map<string, number>();
      file.organizations.forEach((org, index) => {
        const first = seen.get(org.tenantId);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['organizations', index, 'tenantId'], message: `tenant "${org.tenantId}" is already record ${first}` });
        }
        seen.set(org.tenantId, index);
      });
    });
}

/** Checks the text of an import file; problems name the line, the record index and the field path. */
export function validateImport(text: string, catalog: Catalog): { ok: true; organizations: Organization[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${syntaxErrorLocation(text, error as SyntaxError)}`] };
  }
  const parsed = importFileSchema(catalog).safeParse(json);
  if (parsed.success) return { ok: true, organizations: parsed.data.organizations as Organization[] };
  const lines = jsonLineIndex(text);
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    const line = lineOf(lines, path);
    const record = path[0] === 'organizations' && typeof path[1] === 'number' ? `record ${path[1]}` : 'file';
    const field = path.slice(2).join('.') || path.join('.') || '(root)';
    return `line ${line ?? '?'}: ${record}, ${field}: ${issue.message}`;
  });
  return { ok: false, problems };
}

export async function importOrganizations(file: string, storage: Storage, catalog: Catalog, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read ${file}: ${error.message}`);
  });
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) return { ok: false, problems: [`${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`] };
  const validated = validateImport(text, catalog);
  if (!validated.ok) return validated;
  if (options.dryRun) return { ok: true, count: validated.organizations.length, summary: { created: 0, updated: 0, unchanged: 0 } };
  const summary = await storage.upsertOrganizations(await Promise.all(validated.organizations.map((org) => keepingStoredAnchor(org, storage))));
  return { ok: true, summary, count: validated.organizations.length };
}

/**
 * The one anniversary rule (rules/cycle.ts) for imports too: a record whose current anniversary is
 * one of the stored organization's keeps the stored anchor, so importing "2029-02-28" over a
 * 29 February anchor does not lose the 29th for the leap years to come.
 */
async function keepingStoredAnchor(imported: Organization, storage: Pick<Storage, 'getOrganization'>): Promise<Organization> {
  const existing = await storage.getOrganization(imported.tenantId);
  if (!existing) return imported;
  const anchored = cycleForDate(existing, anniversaryOfCycle(imported));
  return anchored.anniversaryDate === existing.anniversaryDate ? { ...imported, ...anchored } : imported;
}
