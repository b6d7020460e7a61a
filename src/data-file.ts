/**
 * Loads an operator's replacement for built-in data (the catalog, the call schedule): JSON read
 * from a file and checked by the same schema as the built-in data, with every problem listed.
 */
import { readFile } from 'node:fs/promises';
import { ZodError } from 'zod';

export async function loadDataFile<T>(setting: string, file: string, parse: (json: unknown) => T, what: string): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${setting} ${file} could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parse(json);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const problems = error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new Error(`${setting} ${file} is not a valid ${what}:\n${problems}`, { cause: error });
  }
}
