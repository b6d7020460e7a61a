/** `npx tsx bench/startup-only.ts [runs]`: the start-up scenario of `npm run bench` alone (bot, npm start, floor). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector } from './connector.js';
import { benchStartup } from './startup.js';
import { seedTurnOrganizations } from './turn-load.js';

const runs = Number(process.argv[2] ?? 3);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const connector = await startConnector(0);
try {
  await seedTurnOrganizations(dataDir, 50);
  await benchStartup({ connector, dataDir, runs, log: (line) => console.log(line) });
} finally {
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
