/**
 * Wires config → storage → catalog → cards → adapter → dispatcher → HTTP server, and takes it all down
 * again. index.ts runs it with the real clock; tests run the same thing on a free port.
 */
import type { AddressInfo } from 'node:net';
import { createBotHost } from './host/bot-host.js';
import { createDispatcher } from './bot/dispatcher.js';
import { loadCardTemplates } from './cards/render-card.js';
import { loadCallSchedule, loadCatalog } from './catalog-file.js';
import { registerCalendarRoutes } from './http/calendar-routes.js';
import { isAuthenticationDisabled, reminderSettings, serviceUrlAllowlistOf, tenantAllowList, type Config, servesEveryTenant } from './config.js';
import { replanIfCatalogChanged } from './reminders/catalog-watch.js';
import { createReminderRunner, type ReminderRunner } from './reminders/runner.js';
import { startTicker, type Ticker } from './reminders/ticker.js';
import { runnerId } from './reminders/runner-id.js';
import { createServer } from './http/server.js';
import type { Logger } from './logger.js';
import { sleep } from './with-timeout.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';

export interface RunningApp {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  storage: Storage;
  /** The reminder runner the ticker uses; tests and the CLI can run a pass directly. */
  reminders: ReminderRunner;
  /** Stops accepting requests, lets in-flight turns finish (up to `graceMs`), closes storage. */
  stop(graceMs?: number): Promise<void>;
}

export async function startApp(config: Config, options: { log: Logger; now?: () => Date }): Promise<RunningApp> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  loadCardTemplates();
  const catalog = await loadCatalog(config.CATALOG_FILE);
  const callSchedule = await loadCallSchedule(config.CALL_SCHEDULE_FILE, catalog);
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  if (!config.PUBLIC_URL) log.warn({ publicUrl }, 'PUBLIC_URL is empty: calendar links in cards point to this machine');
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  if (isAuthenticationDisabled(config)) log.warn('MicrosoftAppId is empty: authentication is off (local development only)');
  if (servesEveryTenant(config)) log.warn('ALLOWED_TENANTS is empty: every tenant that installs the app is served; list tenant ids to serve only those');

  const isTenantAllowed = tenantAllowList(config);
  const serviceUrls = serviceUrlAllowlistOf(config);
  const botHost = createBotHost(config, log, serviceUrls);
  let ticker: Ticker | undefined;
  const messagesChanged = () => ticker?.soon();
  const dispatch = createDispatcher({ storage, catalog, now, log, isTenantAllowed, callSchedule, publicUrl, serviceUrls, messagesChanged, personalReminders: config.PERSONAL_REMINDERS });
  const host = botHost.inbound(dispatch);
  const { server, inFlight } = createServer({ host, storage, log, serviceUrls, load: { maxConcurrentTurns: config.MAX_CONCURRENT_TURNS, maxWaitingTurns: config.MAX_WAITING_TURNS }, maxConnections: config.MAX_CONNECTIONS, authenticationRequired: !isAuthenticationDisabled(config) });
  registerCalendarRoutes(server, { storage, now, log, schedule: callSchedule, isTenantAllowed });

  if (await replanIfCatalogChanged(storage, catalog)) log.info('the requirements catalog changed: every organization will be checked for changes to announce');
  const reminders = createReminderRunner({ storage, catalog, sender: botHost.sender, log, settings: reminderSettings(config), runnerId: runnerId(), clock: now, isTenantAllowed });
  ticker = config.REMINDER_TICK_SECONDS > 0 ? startTicker(reminders, { intervalMs: config.REMINDER_TICK_SECONDS * 1000, now, log }) : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(config.HOST)}:${port}`;
  log.info({ url, storage: storage.kind, catalog: catalog.data.version }, 'renewal bot listening');

  return {
    url,
    storage,
    reminders,
    async stop(graceMs = 10_000) {
      await ticker?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (inFlight() > 0 && Date.now() < deadline) await sleep(25);
      await storage.close();
      log.info({ abandonedTurns: inFlight() }, 'renewal bot stopped');
    },
  };
}

/** A host as it goes in a URL: the wildcard interfaces are reached through loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
