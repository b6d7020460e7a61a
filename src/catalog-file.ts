/** Loads the requirements catalog: the built-in one, or the operator's file named by CATALOG_FILE. */
import { readFile } from 'node:fs/promises';
import { ZodError } from 'zod';
import { defaultCatalog, parseCatalog, type Catalog } from './rules/catalog.js';

export async function loadCatalog(file: string | undefined): Promise<Catalog> {
  if (!file) return defaultCatalog();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`CATALOG_FILE ${file} could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseCatalog(json);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new Error(`CATALOG_FILE ${file} is not a valid catalog:\n${problems}`, { cause: error });
  }
}
