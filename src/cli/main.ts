/**
 * Operator commands: `npm run cli -- <command>`. Exit codes: 0 done, 1 the input or the work
 * failed (the message says why), 2 the command line itself was wrong.
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog-file.js';
import { ConfigError, loadConfig } from '../config.js';
import { openStorage } from '../storage/open-storage.js';
import { importOrganizations } from './import-organizations.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import FILE.json [--dry-run]   Create or update organizations from FILE.json (all or nothing)
`;

export async function runCli(argv: string[], env: Record<string, string | undefined>, out = console.log, err = console.error): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case 'import': {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) {
        err(`import takes one file.\n\n${USAGE}`);
        return 2;
      }
      const catalog = await loadCatalog(config.CATALOG_FILE);
      const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const result = await importOrganizations(file, storage, catalog, { dryRun: values['dry-run'] });
        if (!result.ok) {
          err(`${file}: nothing was imported.`);
          for (const problem of result.problems) err(`  ${file}:${problem.replace(/^line /, '')}`);
          return 1;
        }
        const { created, updated, unchanged } = result.summary;
        out(values['dry-run'] ? `${file}: ${result.count} organizations are valid (dry run, nothing written).` : `${file}: ${created} created, ${updated} updated, ${unchanged} unchanged.`);
        return 0;
      } finally {
        await storage.close();
      }
    }
    default:
      err(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

// Run when executed directly (npm run cli), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/main.ts') || process.argv[1]?.endsWith('/cli/main.js')) {
  runCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
