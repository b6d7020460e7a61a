/**
 * The HTTP edge: restify with /api/messages, /healthz and a body limit. Bad requests are answered
 * here (400, 413, 401) so they never reach the bot or storage.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import type { BotAdapter } from '../bot/adapter.js';
import restify, { type Server } from 'restify';
import { startLoadControl, type LoadControlSettings } from './load-control.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { isServiceUrlAllowed, type ServiceUrlAllowlist } from '../bot/service-url-allowlist.js';
import { InboundActivitySchema } from './inbound-activity.js';
import { registerInfoPages } from './info-pages.js';

export const MAX_BODY_BYTES = 256 * 1024;
/** Teams gives up on a bot's answer after about 15 s; a turn this slow is worth a line in the log. */
const SLOW_TURN_MS = 5_000;

export interface ServerDependencies {
  adapter: BotAdapter;
  bot: ActivityHandler;
  storage: Storage;
  log: Logger;
  load: LoadControlSettings;
  /** SERVICE_URL_ALLOWLIST: where the SDK may send the bot's token when it answers. */
  serviceUrls: ServiceUrlAllowlist;
}

export interface BotServer {
  server: Server;
  /** Turns running or waiting to run; shutdown waits for these. */
  inFlight(): number;
}

export function createServer({ adapter, bot, storage, log, load, serviceUrls }: ServerDependencies): BotServer {
  const server = restify.createServer({ name: 'renewal-bot', handleUncaughtExceptions: false });
  // Keep idle connections open longer than the proxies in front of the bot (Azure's load balancers
  // drop idle ones after about 4 minutes; Node's default 5 s would make the server close a kept-alive
  // connection while a client is already sending on it, and that request is lost).
  server.server.keepAliveTimeout = 300_000;
  server.server.headersTimeout = 301_000;
  const turns = startLoadControl(load);
  server.server.on('connection', () => turns.connectionAccepted());
  server.server.on('close', () => turns.stop());

  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req, res) => {
    const parsed = InboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'bad-request', message: 'The body is not a Bot Framework activity.' });
      return;
    }
    // Before the adapter: the SDK answers an activity at its serviceUrl with the bot's token.
    if (!isServiceUrlAllowed(serviceUrls, parsed.data.serviceUrl)) {
      log.warn({ serviceUrl: parsed.data.serviceUrl.slice(0, 200) }, 'activity refused: service URL not in SERVICE_URL_ALLOWLIST');
      res.send(400, { error: 'untrusted-service-url', message: 'The serviceUrl is not a Bot Connector this bot trusts.' });
      return;
    }
    if (!(await turns.gate.enter())) {
      log.warn({ waiting: turns.gate.waiting }, 'turn refused: too many waiting');
      res.header('Retry-After', '1');
      res.send(503, { error: 'busy', message: 'The bot is busy; try again in a moment.' });
      return;
    }
    const startedAt = performance.now();
    let turnStarted = false;
    try {
      const authHeader = String(req.headers.authorization ?? '');
      const invokeResponse = await adapter.handleActivity(authHeader, parsed.data as unknown as Activity, async (context) => {
        turnStarted = true;
        await bot.run(context);
      });
      if (invokeResponse?.body === undefined) res.send(invokeResponse?.status ?? 200);
      else res.send(invokeResponse.status, invokeResponse.body);
    } catch (error) {
      // Failing before the turn starts means the request was not authenticated: the SDK throws
      // various errors there (some would become 500), and every one of them is a 401.
      if (!turnStarted) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'request rejected: authentication failed');
        res.send(401, { error: 'unauthorized' });
      } else {
        log.error({ err: error }, 'turn failed outside the bot');
        res.send(500, { error: 'internal' });
      }
    } finally {
      turns.gate.leave();
      const tookMs = performance.now() - startedAt;
      if (tookMs > SLOW_TURN_MS) log.warn({ tookMs: Math.round(tookMs), running: turns.gate.running, limit: turns.gate.limit }, 'slow turn');
    }
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await storage.ping();
      res.send(200, { status: 'ok', storage: storage.kind });
    } catch (error) {
      log.warn({ err: error }, 'health check: storage not answering');
      res.send(503, { status: 'unavailable', storage: storage.kind });
    }
  });

  registerInfoPages(server);
  return { server, inFlight: () => turns.gate.running + turns.gate.waiting };
}
