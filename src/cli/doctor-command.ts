/**
 * `cli doctor`: checks what the bot needs before it can work (configuration, storage, the catalog
 * and call schedule, the card templates, the Teams manifest) and says what to fix. Exit 1 when any
 * check fails; warnings alone exit 0.
 */
import { loadCardTemplates } from '../cards/render-card.js';
import { loadCallSchedule, loadCatalog } from '../catalog-file.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openStorage } from '../storage/open-storage.js';
import type { CliOutput } from './cli-output.js';

type Verdict = 'ok' | 'warn' | 'fail';
interface Finding {
  verdict: Verdict;
  check: string;
  detail: string;
  fix?: string;
}

const SYMBOL: Record<Verdict, string> = { ok: '✔', warn: '!', fail: '✖' };

export async function doctorCommand(env: Record<string, string | undefined>, io: CliOutput): Promise<number> {
  const findings: Finding[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
    findings.push({ verdict: 'ok', check: 'configuration', detail: 'every variable is valid' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    findings.push({ verdict: 'fail', check: 'configuration', detail: error.problems.join('; '), fix: 'correct the variables named (env.example documents each one)' });
  }
  if (config) {
    findings.push(authenticationFinding(config), publicUrlFinding(config));
    findings.push(await storageFinding(config));
    findings.push(...(await dataFindings(config)));
  }
  findings.push(cardsFinding());
  findings.push(await manifestFinding(env));

  for (const finding of findings) {
    io.out(`${SYMBOL[finding.verdict]} ${finding.check}: ${finding.detail}`);
    if (finding.fix && finding.verdict !== 'ok') io.out(`    fix: ${finding.fix}`);
  }
  const failed = findings.filter((finding) => finding.verdict === 'fail').length;
  io.out(failed === 0 ? '\nAll checks passed.' : `\n${failed} check${failed === 1 ? '' : 's'} failed.`);
  return failed === 0 ? 0 : 1;
}

function authenticationFinding(config: Config): Finding {
  if (!config.MicrosoftAppId) {
    return { verdict: 'warn', check: 'authentication', detail: 'MicrosoftAppId is empty: requests are not authenticated (local development only)', fix: 'set MicrosoftAppId, MicrosoftAppType and its credentials before Teams can reach the bot' };
  }
  if (!config.MicrosoftAppType || config.MicrosoftAppType === 'MultiTenant') {
    return { verdict: 'warn', check: 'authentication', detail: `app ${config.MicrosoftAppId} is ${config.MicrosoftAppType ?? 'MultiTenant (the SDK default)'}`, fix: 'new Azure Bots are SingleTenant or UserAssignedMSI: set MicrosoftAppType and MicrosoftAppTenantId to match the Azure Bot' };
  }
  return { verdict: 'ok', check: 'authentication', detail: `app ${config.MicrosoftAppId}, ${config.MicrosoftAppType} in tenant ${config.MicrosoftAppTenantId}` };
}

function publicUrlFinding(config: Config): Finding {
  if (!config.PUBLIC_URL) return { verdict: 'warn', check: 'public URL', detail: 'PUBLIC_URL is empty: calendar links in cards point to localhost', fix: 'set PUBLIC_URL to https://<BOT_DOMAIN>' };
  if (config.MicrosoftAppId && !config.PUBLIC_URL.startsWith('https://')) return { verdict: 'warn', check: 'public URL', detail: `${config.PUBLIC_URL} is not https`, fix: 'Teams and calendar apps need https' };
  return { verdict: 'ok', check: 'public URL', detail: config.PUBLIC_URL };
}

async function storageFinding(config: Config): Promise<Finding> {
  try {
    const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    try {
      const organizations = await storage.countOrganizations();
      const pending = (await storage.reminderCounts()).filter((count) => count.status === 'pending').reduce((sum, count) => sum + count.count, 0);
      return { verdict: 'ok', check: 'storage', detail: `${storage.kind} answers and is migrated: ${organizations} organizations, ${pending} reminders pending` };
    } finally {
      await storage.close();
    }
  } catch (error) {
    return { verdict: 'fail', check: 'storage', detail: (error as Error).message, fix: config.DATABASE_URL ? 'start PostgreSQL or correct DATABASE_URL' : 'make DATA_DIR writable' };
  }
}

async function dataFindings(config: Config): Promise<Finding[]> {
  try {
    const catalog = await loadCatalog(config.CATALOG_FILE);
    const schedule = await loadCallSchedule(config.CALL_SCHEDULE_FILE, catalog);
    return [
      { verdict: 'ok', check: 'catalog', detail: `${catalog.data.version}: ${catalog.data.competencies.length} competencies${config.CATALOG_FILE ? ` from ${config.CATALOG_FILE}` : ' (built in)'}` },
      { verdict: 'ok', check: 'call schedule', detail: `${schedule.data.calls.length} calls${config.CALL_SCHEDULE_FILE ? ` from ${config.CALL_SCHEDULE_FILE}` : ' (built in)'}` },
    ];
  } catch (error) {
    return [{ verdict: 'fail', check: 'catalog and call schedule', detail: (error as Error).message, fix: 'correct the file named, or unset the variable to use the built-in data' }];
  }
}

function cardsFinding(): Finding {
  try {
    loadCardTemplates();
    return { verdict: 'ok', check: 'card templates', detail: 'every template in cards/ compiles' };
  } catch (error) {
    return { verdict: 'fail', check: 'card templates', detail: (error as Error).message, fix: 'fix the template named' };
  }
}

async function manifestFinding(env: Record<string, string | undefined>): Promise<Finding> {
  let buildPackage: typeof import('../package/build-package.js').buildPackage;
  try {
    ({ buildPackage } = await import('../package/build-package.js'));
  } catch {
    return { verdict: 'warn', check: 'Teams manifest', detail: 'not checked: the packaging tools are dev dependencies', fix: 'run npm ci (not --omit=dev) to check the manifest' };
  }
  const ready = Boolean(env.MicrosoftAppId && env.BOT_DOMAIN);
  // Without the real values, the template is still checked with stand-ins.
  const result = await buildPackage({ env: ready ? env : { ...env, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', BOT_DOMAIN: 'bot.example.com' } });
  if (!result.ok) return { verdict: 'fail', check: 'Teams manifest', detail: result.problems.join('; '), fix: 'see README, "Install it in Teams"' };
  if (!ready) return { verdict: 'warn', check: 'Teams manifest', detail: 'the template and icons are valid; MicrosoftAppId or BOT_DOMAIN is missing for a real package', fix: 'set both, then npm run package' };
  return { verdict: 'ok', check: 'Teams manifest', detail: `valid for bot ${env.MicrosoftAppId} at ${env.BOT_DOMAIN}: npm run package builds it` };
}
