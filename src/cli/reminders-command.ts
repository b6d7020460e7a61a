/**
 * `cli reminders run [--now ISO-8601] [--dry-run] [--tenant ID]` runs one pass of the same code the
 * server's ticker runs; `cli reminders status` counts the ledger, and with `--html FILE` writes the
 * operator's page. Both list the channel's reminders and the Primary Program Contact's personal ones
 * apart. A pass whose deliveries failed
 * still exits 0: the failures are reported and stay pending.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createBotHost } from '../host/bot-host.js';
import type { Catalog } from '../rules/catalog/catalog.js';
import { reminderSettings, tenantAllowList, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { PERSONAL_REMINDER_KINDS } from '../rules/reminders/personal.js';
import { parsePersonalSubject } from '../rules/reminders/subject.js';
import { REMINDER_KINDS, type ReminderKind } from '../rules/reminders/plan.js';
import type { ReportEntry } from '../reminders/pass-report.js';
import { replanIfCatalogChanged } from '../reminders/catalog-watch.js';
import { runnerId } from '../reminders/runner-id.js';
import { createReminderRunner } from '../reminders/runner.js';
import type { LedgerStatus, ReminderCount } from '../storage/reminder-store.js';
import type { Storage } from '../storage/storage.js';
import { calendarDateIn } from '../rules/common/plain-date.js';
import { organizationStatusView } from '../rules/reminders/status-view.js';
import { UsageError, type CliOutput } from './cli-output.js';
import { statusPageHtml } from './status-page.js';

export async function remindersCommand(args: string[], context: { config: Config; storage: Storage; catalog: Catalog; io: CliOutput }): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'status') {
    const { values } = parseArgs({ args: rest, options: { html: { type: 'string' }, now: { type: 'string' } } });
    if (values.html !== undefined) return writeStatusPage(context.storage, values.html, instantOption(values.now), context.io);
    return printStatus(context.storage, context.io);
  }
  if (sub !== 'run') throw new UsageError(`reminders takes "run" or "status", not "${sub ?? ''}".`);
  const { values } = parseArgs({ args: rest, options: { now: { type: 'string' }, 'dry-run': { type: 'boolean' }, tenant: { type: 'string' } } });
  const now = instantOption(values.now);
  const { config, storage, catalog, io } = context;
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  await replanIfCatalogChanged(storage, catalog);
  const { sender } = createBotHost(config, log);
  const runner = createReminderRunner({ storage, catalog, sender, log, settings: reminderSettings(config), runnerId: runnerId(), isTenantAllowed: tenantAllowList(config) });
  const report = await runner.runPass({ now, dryRun: values['dry-run'], tenantId: values.tenant?.toLowerCase() });
  const planned = values['dry-run']
    ? `${report.planned} new reminders would be planned, ${report.counts['would-send']} reminders would be sent`
    : `${report.planned} reminders planned`;
  io.out(`Reminder pass at ${now.toISOString()}${values['dry-run'] ? ' (dry run: nothing planned or sent)' : ''}: ${report.organizationsPlanned} organizations checked, ${planned}.`);
  const personal = report.entries.filter((entry) => entry.audience === 'personal');
  const channel = report.entries.filter((entry) => entry.audience === 'channel');
  io.out('Channel reminders:');
  printEntries(channel, io);
  io.out(`${PERSONAL_HEADING}:`);
  printEntries(personal, io);
  if (report.omitted > 0) io.out(`  … and ${report.omitted} more`);
  const { counts, updates } = report;
  io.out(`Sent ${counts.sent}, would send ${counts['would-send']}, left pending ${counts.pending}, failed ${counts.failed}, target inactive ${counts.inactive}, skipped ${counts.skipped}.`);
  if (!values['dry-run']) {
    io.out(`Updated ${updates.updated} posted messages, ${updates.gone} deleted meanwhile, left pending ${updates.pending}, failed ${updates.failed}, skipped ${updates.skipped}.`);
  }
  return 0;
}

/** --now as an instant (default: the real clock). */
function instantOption(text: string | undefined): Date {
  const now = text === undefined ? new Date() : new Date(text);
  if (Number.isNaN(now.getTime()) || (text !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(text))) {
    throw new UsageError(`--now takes an ISO-8601 instant such as 2027-01-15T09:00:00Z, not "${text}".`);
  }
  return now;
}

const STATUS_PAGE = 200;

/** `reminders status --html FILE`: the operator's page, every organization read a page at a time. */
async function writeStatusPage(storage: Storage, file: string, now: Date, io: CliOutput): Promise<number> {
  const views = [];
  let after: string | undefined;
  for (;;) {
    const page = await storage.listOrganizations({ after, limit: STATUS_PAGE });
    for (const org of page) {
      const [target, ledger, updates] = await Promise.all([storage.getReminderTarget(org.tenantId), storage.remindersOf(org.tenantId), storage.messageUpdatesOf(org.tenantId)]);
      views.push(organizationStatusView({ org, today: calendarDateIn(now, org.timeZone), target, ledger, updates }));
    }
    if (page.length < STATUS_PAGE) break;
    after = page[page.length - 1]!.tenantId;
  }
  await writeFile(file, statusPageHtml(views, now), 'utf8');
  io.out(`Wrote ${file}: the reminder status of ${views.length} organizations.`);
  return 0;
}

const STATUS_COLUMNS: LedgerStatus[] = ['pending', 'sending', 'sent', 'failed', 'inactive', 'skipped'];
const PERSONAL_HEADING = 'Personal reminders (1:1 chat with the Primary Program Contact; inactive = the contact could not be reached)';

/** One line per reminder; a personal one names its recipient (an Azure AD object id, or "unidentified"). */
function printEntries(entries: readonly ReportEntry[], io: CliOutput): void {
  if (entries.length === 0) io.out('  none');
  for (const entry of entries) {
    const addressed = entry.audience === 'personal' ? parsePersonalSubject(entry.subject) : undefined;
    const subject = addressed ? ` to ${addressed.recipient}${addressed.subject ? ` ${addressed.subject}` : ''}` : entry.subject ? ` ${entry.subject}` : '';
    io.out(`  ${entry.outcome.padEnd(10)} ${entry.tenantId} ${entry.kind} ${entry.cycle}${subject}${entry.reason ? ` (${entry.reason})` : ''}`);
  }
}

async function printStatus(storage: Storage, io: CliOutput): Promise<number> {
  printCounts(await storage.reminderCounts(), REMINDER_KINDS, io);
  io.out('');
  io.out(`${PERSONAL_HEADING}:`);
  printCounts(await storage.personalReminderCounts(), PERSONAL_REMINDER_KINDS, io);
  return 0;
}

function printCounts(counts: readonly ReminderCount[], kinds: readonly ReminderKind[], io: CliOutput): void {
  const rows = kinds.map((kind) => [kind, ...STATUS_COLUMNS.map((status) => String(counts.find((c) => c.kind === kind && c.status === status)?.count ?? 0))]);
  const header = ['kind', ...STATUS_COLUMNS];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  io.out(line(header));
  for (const row of rows) io.out(line(row));
}
