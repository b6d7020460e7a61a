/**
 * `cli import FILE.json`: validates every record first, then writes all of them in one
 * transaction, or nothing at all when any record is wrong.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Catalog } from '../rules/catalog/catalog.js';
import { anniversaryOfCycle, cycleForDate } from '../rules/cycle/cycle.js';
import { OrganizationSchema, withCatalogChecks, type Organization } from '../rules/organization/organization.js';
import type { Storage, UpsertSummary } from '../storage/storage.js';
import { jsonLineIndex, lineOf, syntaxErrorLocation } from './json-locations.js';

/**
 * Import files are refused above this, before a byte is read: 50 MB holds some 20,000 ordinary
 * organizations, or about 60 of the largest profile the schema accepts (500 references and 2,000
 * certified people with names of 200 characters), in one transaction.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Problems listed, each with its line: the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 20;

export type ImportResult = { ok: true; summary: UpsertSummary; count: number } | { ok: false; problems: string[] };

/** The file's own shape; each record is then checked on its own (recordProblems). */
const ImportFileSchema = z.object({ organizations: z.array(z.unknown()).min(1, { message: 'lists no organization' }) }).strict();

interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * Checks every record, keeping the first MAX_PROBLEMS_SHOWN problems and counting the rest: a large
 * file invalid throughout (a million problems) costs a count, not a million kept issues.
 */
function recordProblems(records: readonly unknown[], catalog: Catalog): { organizations: Organization[]; shown: Problem[]; more: number } {
  const recordSchema = withCatalogChecks(OrganizationSchema, catalog);
  const organizations: Organization[] = [];
  const shown: Problem[] = [];
  let more = 0;
  const keep = (problem: Problem) => (shown.length < MAX_PROBLEMS_SHOWN ? shown.push(problem) : more++);
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const parsed = recordSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) keep({ path: ['organizations', index, ...(issue.path as (string | number)[])], message: issue.message });
      return;
    }
    const org = parsed.data as Organization;
    const first = seen.get(org.tenantId);
    if (first !== undefined) keep({ path: ['organizations', index, 'tenantId'], message: `tenant "${org.tenantId}" is already record ${first}` });
    seen.set(org.tenantId, index);
    organizations.push(org);
  });
  return { organizations, shown, more };
}

/** Checks the text of an import file; problems name the line, the record index and the field path. */
export function validateImport(text: string, catalog: Catalog): { ok: true; organizations: Organization[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${syntaxErrorLocation(text, error as SyntaxError)}`] };
  }
  const file = ImportFileSchema.safeParse(json);
  const checked = file.success
    ? recordProblems(file.data.organizations, catalog)
    : { organizations: [], shown: file.error.issues.slice(0, MAX_PROBLEMS_SHOWN).map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })), more: 0 };
  if (checked.shown.length === 0) return { ok: true, organizations: checked.organizations };
  // Only the problems shown are located: indexing every value of a large file cost 18 s and 2 GB.
  const lines = jsonLineIndex(text, checked.shown.map((problem) => problem.path));
  const problems = checked.shown.map(({ path, message }) => {
    const line = lineOf(lines, path);
    const record = path[0] === 'organizations' && typeof path[1] === 'number' ? `record ${path[1]}` : 'file';
    const field = path.slice(2).join('.') || path.join('.') || '(root)';
    return `line ${line ?? '?'}: ${record}, ${field}: ${message}`;
  });
  const { more } = checked;
  if (more > 0) problems.push(`line ${lines.get('') ?? 1}: file, (root): and ${more} more ${more === 1 ? 'problem' : 'problems'} (fix these first)`);
  return { ok: false, problems };
}

export async function importOrganizations(file: string, storage: Storage, catalog: Catalog, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const size = await stat(file).then(
    (found) => found.size,
    (error: Error) => {
      throw new Error(`cannot read ${file}: ${error.message}`);
    },
  );
  if (size > MAX_IMPORT_BYTES) return { ok: false, problems: [`line 1: file, (root): the file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB an import may be; split it (nothing was read)`] };
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read ${file}: ${error.message}`);
  });
  const validated = validateImport(text, catalog);
  if (!validated.ok) return validated;
  if (options.dryRun) return { ok: true, count: validated.organizations.length, summary: { created: 0, updated: 0, unchanged: 0 } };
  const summary = await storage.upsertOrganizations(await Promise.all(validated.organizations.map((org) => keepingStoredAnchor(org, storage))));
  return { ok: true, summary, count: validated.organizations.length };
}

/**
 * The one anniversary rule (rules/cycle/cycle.ts) for imports too: a record whose current anniversary is
 * one of the stored organization's keeps the stored anchor, so importing "2029-02-28" over a
 * 29 February anchor does not lose the 29th for the leap years to come.
 */
async function keepingStoredAnchor(imported: Organization, storage: Pick<Storage, 'getOrganization'>): Promise<Organization> {
  const existing = await storage.getOrganization(imported.tenantId);
  if (!existing) return imported;
  const anchored = cycleForDate(existing, anniversaryOfCycle(imported));
  return anchored.anniversaryDate === existing.anniversaryDate ? { ...imported, ...anchored } : imported;
}
