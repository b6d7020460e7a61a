/**
 * `npm run package`: builds appPackage/<name>.zip from manifest/ and the environment.
 * `npm run package -- --out DIR`: the same, into DIR.
 * `npm run package -- --icons`: redraws manifest/color.png and manifest/outline.png.
 * Exit codes: 0 done, 1 a value, the manifest or an icon is wrong (every problem is listed and
 * no zip is written), 2 the command line itself was wrong.
 */
import { dirname, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../project-root.js';
import { createAppPackage, DEFAULT_OUTPUT_DIR, DEFAULT_TEMPLATE } from './build-package.js';
import { writeIcons } from './icons.js';

const USAGE = `Usage: npm run package [-- --out DIR | --icons]

Builds appPackage/<APP_PACKAGE_NAME>.zip (manifest.json, color.png, outline.png) for Teams.
Environment: MicrosoftAppId (required), BOT_DOMAIN (required), TEAMS_APP_ID (default MicrosoftAppId),
APP_PACKAGE_NAME (default: the app's short name, e.g. renewal-bot).

  --out DIR  write the zip into DIR instead of appPackage/
  --icons    redraw manifest/color.png and manifest/outline.png, then stop
`;

export async function runPackageCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  out = console.log,
  err = console.error,
): Promise<number> {
  let flags;
  try {
    flags = parseArgs({ args: argv, options: { out: { type: 'string' }, icons: { type: 'boolean' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    out(USAGE);
    return 0;
  }
  const shown = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere === '' || fromHere.startsWith('..') ? path : fromHere;
  };
  if (flags.icons) {
    const written = await writeIcons(dirname(DEFAULT_TEMPLATE));
    for (const path of written) out(`wrote ${shown(path)}`);
    return 0;
  }

  const result = await createAppPackage({ env, outputDir: flags.out ?? DEFAULT_OUTPUT_DIR });
  if (!result.ok) {
    err(`No app package was written. Fix these and run npm run package again:`);
    for (const problem of result.problems) err(`  - ${problem.replaceAll(`${PROJECT_ROOT}/`, '')}`);
    return 1;
  }
  const { values } = result.appPackage;
  out(`wrote ${shown(result.zipPath)}`);
  out(`  Teams app id  ${values.teamsAppId}${values.teamsAppId === values.botId ? ' (= MicrosoftAppId)' : ''}`);
  out(`  bot id        ${values.botId}`);
  out(`  bot endpoint  https://${values.botDomain}/api/messages`);
  return 0;
}

// Run when executed directly (npm run package), not when imported by tests.
if (process.argv[1]?.endsWith('/package/main.ts') || process.argv[1]?.endsWith('/package/main.js')) {
  runPackageCommand(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
