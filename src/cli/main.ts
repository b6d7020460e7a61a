/**
 * Operator commands: `npm run cli -- <command>`. Exit codes: 0 done, 1 the input or the work
 * failed (the message says why), 2 the command line itself was wrong.
 */
import { loadCatalog } from '../catalog-file.js';
import { ConfigError, loadConfig } from '../config.js';
import { openStorage } from '../storage/open-storage.js';
import { UsageError, type CliOutput } from './cli-output.js';
import { doctorCommand } from './doctor-command.js';
import { importCommand } from './import-command.js';
import { remindersCommand } from './reminders-command.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import FILE.json [--dry-run]                          Create or update organizations from FILE.json (all or nothing)
  reminders run [--now ISO-8601] [--dry-run] [--tenant ID]  Plan and send the reminders due now (or at --now)
  reminders status                                      Count reminders per kind: pending, sent, failed, inactive
  reminders status --html FILE [--now ISO-8601]         Write a self-contained page: each organization's cycle, next reminder, sent, pending and why
  doctor                                                Check configuration, storage, catalog, cards and manifest
`;

const COMMANDS = { import: importCommand, reminders: remindersCommand } as const;

export async function runCli(argv: string[], env: Record<string, string | undefined>, out = console.log, err = console.error): Promise<number> {
  const io: CliOutput = { out, err };
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  // The doctor reports a broken configuration instead of stopping at it.
  if (command === 'doctor') return doctorCommand(env, io);
  const run = COMMANDS[command as keyof typeof COMMANDS];
  if (!run) {
    err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
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
  const catalog = await loadCatalog(config.CATALOG_FILE);
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    return await run(rest, { config, storage, catalog, io });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

// Run when executed directly (npm run cli), not when imported by tests.
if (process.argv[1]?.endsWith('/cli/main.ts') || process.argv[1]?.endsWith('/cli/main.js')) {
  runCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
