/**
 * The HTTP edge: restify with /api/messages, /healthz and the info pages. A request is read, checked
 * and authenticated here before it may wait for a turn slot; whatever fails on the way (400, 413,
 * 415, 401, 503) never reaches the bot or storage.
 */
import './restify-node24.js'; // before restify: lets it load on Node 24
import type { AuthenticatedTurn, InboundHost, Refusal } from '../host/contract.js';
import type { Socket } from 'node:net';
import restify, { type Response, type Server } from 'restify';
import { startLoadControl, type LoadControlSettings } from './load-control.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { isServiceUrlAllowed, type ServiceUrlAllowlist } from '../bot/service-url-allowlist.js';
import { InboundActivitySchema } from './inbound-activity.js';
import { registerInfoPages } from './info-pages.js';
import { readJsonBody } from './json-body.js';
import { createRejectedTokens } from './rejected-tokens.js';
import { createVerifiedTokens } from './verified-tokens.js';
import { sampledLog } from '../sampled-log.js';

export const MAX_BODY_BYTES = 256 * 1024;
/** Teams gives up on a bot's answer after about 15 s; a turn this slow is worth a line in the log. */
const SLOW_TURN_MS = 5_000;
/** A client gets this long to send its headers, and this long for the whole request. */
export const HEADERS_TIMEOUT_MS = 20_000;
/** A connection that sends nothing is closed this long after it opens (before Node's header check can answer it). */
export const SILENT_CONNECTION_MS = HEADERS_TIMEOUT_MS - 1_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** Request bodies read at once: at most this many times MAX_BODY_BYTES (32 MB) held in memory. */
export const MAX_BODIES_READING = 128;
/**
 * Bodies one remote address may have in reading at once: half the slots, so no single sender takes
 * them all, while a reverse proxy (every request from its one address) still gets 64 at a time.
 */
export const MAX_BODIES_PER_ADDRESS = MAX_BODIES_READING / 2;
/** A whole body (at most 256 KB) must arrive within this: 51 KB/s, far below any data centre's link. */
export const BODY_DEADLINE_MS = 5_000;
/** The shape of a channel token: `Bearer` and a signed JWT (header.payload.signature, base64url). */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Seconds a client is asked to wait when the channel's signing keys cannot be fetched. */
const KEY_OUTAGE_RETRY_AFTER_S = 10;

export interface ServerDependencies {
  /** Authenticates activities and runs their turns (src/host/). */
  host: InboundHost;
  storage: Storage;
  log: Logger;
  load: LoadControlSettings;
  maxConnections: number;
  /** False only without MicrosoftAppId (local development): then no token is asked for. */
  authenticationRequired: boolean;
  /** SERVICE_URL_ALLOWLIST: where the SDK may send the bot's token when it answers. */
  serviceUrls: ServiceUrlAllowlist;
}

export interface BotServer {
  server: Server;
  /** Turns running or waiting to run; shutdown waits for these. */
  inFlight(): number;
}

export function createServer({ host, storage, log, load, maxConnections, serviceUrls, authenticationRequired }: ServerDependencies): BotServer {
  // noWriteContinue: restify would tell every `Expect: 100-continue` client to send its body at once;
  // /api/messages does it only for headers it accepts, and no other route reads a body.
  const server = restify.createServer({ name: 'renewal-bot', handleUncaughtExceptions: false, noWriteContinue: true });
  // Keep idle connections open longer than the proxies in front of the bot (Azure's load balancers
  // drop idle ones after about 4 minutes; Node's default 5 s would make the server close a kept-alive
  // connection while a client is already sending on it, and that request is lost). A request in
  // progress, though, must arrive promptly: slow senders do not get to hold sockets.
  server.server.keepAliveTimeout = 300_000;
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Node checks those two every 30 s by default, which would let a slow sender hold a socket for up
  // to 50 s; it reads this interval when the server starts listening.
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = 1_000;
  server.server.maxConnections = maxConnections;
  const turns = startLoadControl(load);
  // A connection that never sends a byte must not hold a place under MAX_CONNECTIONS: it is closed
  // without a word a second before Node's own header check (every second, from 20 s) could answer it
  // with a 408; the two raced when both were due at 20 s.
  server.server.on('connection', (socket: Socket) => {
    turns.connectionAccepted();
    const silent = setTimeout(() => {
      // Once bytes arrive, Node's header and request timeouts (408) take over.
      if (socket.bytesRead === 0) socket.destroy();
    }, SILENT_CONNECTION_MS).unref();
    socket.once('close', () => clearTimeout(silent));
  });
  server.server.on('close', () => turns.stop());
  const rejected = sampledLog(log, 'requests rejected: authentication failed');
  // Without authentication (local development) anyone can send these: one line a second, with the count.
  const untrusted = sampledLog(log, 'activities refused: service URL not in SERVICE_URL_ALLOWLIST');
  const rejectedTokens = createRejectedTokens();
  const verifiedTokens = createVerifiedTokens();
  const bodies = bodyReadingSlots();

  // No body parser: only this route reads a body, and it reads it itself (json-body.ts).
  server.post('/api/messages', async (req, res) => {
    const authHeader = String(req.headers.authorization ?? '');
    // Nobody without at least the shape of a channel token gets a body read, or a refusal remembered.
    const unusable = authenticationRequired && !BEARER_JWT.test(authHeader);
    if (unusable || rejectedTokens.has(authHeader)) {
      // Its body, if any, is never read: the connection closes after the answer.
      rejected.count({ reason: unusable ? 'no bearer token' : 'a token refused before' });
      res.header('Connection', 'close');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    // The token is verified from the headers before a byte of body is read: a forged one, however
    // well shaped, never holds a body-reading slot (the full check with the service URL follows the body).
    if (authenticationRequired && !verifiedTokens.has(authHeader)) {
      const refusal = await host.verifyToken(authHeader);
      if (refusal) {
        res.header('Connection', 'close');
        refuseUnauthenticated(res, authHeader, refusal);
        return;
      }
      verifiedTokens.remember(authHeader);
    }
    // Bodies held at once are bounded too (each at most MAX_BODY_BYTES), in all and per sender.
    const address = req.socket.remoteAddress ?? '';
    if (!bodies.take(address)) {
      res.header('Retry-After', '1');
      res.header('Connection', 'close');
      res.send(503, { error: 'busy', message: 'The bot is busy; try again in a moment.' });
      return;
    }
    const body = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, deadlineMs: BODY_DEADLINE_MS }, () => res.writeContinue())
      .catch(() => undefined)
      .finally(() => bodies.give(address));
    if (!body) return; // the client went away mid-body: nobody to answer
    if (!body.ok) {
      // The rest of a refused body is not read: the connection closes after the answer.
      if (body.status !== 400) res.header('Connection', 'close');
      res.send(body.status, { error: body.error, message: body.message });
      return;
    }
    const parsed = InboundActivitySchema.safeParse(body.value);
    if (!parsed.success) {
      res.send(400, { error: 'bad-request', message: 'The body is not a Bot Framework activity.' });
      return;
    }
    // Before the adapter: the SDK answers an activity at its serviceUrl with the bot's token.
    if (!isServiceUrlAllowed(serviceUrls, parsed.data.serviceUrl)) {
      untrusted.count({ serviceUrl: parsed.data.serviceUrl.slice(0, 200) });
      res.send(400, { error: 'untrusted-service-url', message: 'The serviceUrl is not a Bot Connector this bot trusts.' });
      return;
    }
    const authenticated = await host.authenticate(authHeader, parsed.data);
    if (isRefusal(authenticated)) {
      refuseUnauthenticated(res, authHeader, authenticated);
      return;
    }

    if (!(await turns.gate.enter())) {
      log.warn({ waiting: turns.gate.waiting }, 'turn refused: too many waiting');
      res.header('Retry-After', '1');
      res.send(503, { error: 'busy', message: 'The bot is busy; try again in a moment.' });
      return;
    }
    const startedAt = performance.now();
    try {
      const answer = await authenticated.run();
      if (answer.body === undefined) res.send(answer.status);
      else res.send(answer.status, answer.body);
    } catch (error) {
      log.error({ err: error }, 'turn failed outside the bot');
      res.send(500, { error: 'internal' });
    } finally {
      turns.gate.leave();
      const tookMs = performance.now() - startedAt;
      if (tookMs > SLOW_TURN_MS) log.warn({ tookMs: Math.round(tookMs), running: turns.gate.running, limit: turns.gate.limit }, 'slow turn');
    }
  });

  /** 401 only when the token was checked and refused; 503 when it could not be checked at all. */
  function refuseUnauthenticated(res: Response, authHeader: string, { refused, reason }: Refusal): void {
    if (refused === 'unavailable') {
      res.header('Retry-After', String(KEY_OUTAGE_RETRY_AFTER_S));
      res.send(503, { error: 'auth-unavailable', message: 'The channel signing keys cannot be fetched right now; try again shortly.' });
      return;
    }
    rejectedTokens.remember(authHeader, reason);
    rejected.count({ reason });
    res.send(401, { error: 'unauthorized' });
  }

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

/** Body-reading slots: MAX_BODIES_READING in all, MAX_BODIES_PER_ADDRESS for any one remote address. */
function bodyReadingSlots() {
  let reading = 0;
  const perAddress = new Map<string, number>();
  return {
    take(address: string): boolean {
      const mine = perAddress.get(address) ?? 0;
      if (reading >= MAX_BODIES_READING || mine >= MAX_BODIES_PER_ADDRESS) return false;
      reading++;
      perAddress.set(address, mine + 1);
      return true;
    },
    give(address: string): void {
      reading--;
      const mine = (perAddress.get(address) ?? 1) - 1;
      if (mine === 0) perAddress.delete(address);
      else perAddress.set(address, mine);
    },
  };
}

function isRefusal(outcome: AuthenticatedTurn | Refusal): outcome is Refusal {
  return 'refused' in outcome;
}
