/** `cli import FILE.json [--dry-run]`: prints what was written, or every problem and writes nothing. */
import { parseArgs } from 'node:util';
import type { Catalog } from '../rules/catalog/catalog.js';
import type { Storage } from '../storage/storage.js';
import { UsageError, type CliOutput } from './cli-output.js';
import { importOrganizations } from './import-organizations.js';

export async function importCommand(args: string[], context: { storage: Storage; catalog: Catalog; io: CliOutput }): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import takes one file.');
  const { io } = context;
  const result = await importOrganizations(file, context.storage, context.catalog, { dryRun: values['dry-run'] });
  if (!result.ok) {
    io.err(`${file}: nothing was imported.`);
    for (const problem of result.problems) io.err(`  ${file}:${problem.replace(/^line /, '')}`);
    return 1;
  }
  const { created, updated, unchanged } = result.summary;
  io.out(values['dry-run'] ? `${file}: ${result.count} organizations are valid (dry run, nothing written).` : `${file}: ${created} created, ${updated} updated, ${unchanged} unchanged.`);
  return 0;
}
