/**
 * A local HTTP server playing the Bot Connector: it records every activity the bot sends and
 * answers with whatever a test scripts (200 by default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
  receivedAt: number;
}

export type ScriptedReply = { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number } | 'hang';

export interface FakeConnector {
  /** Service URL to put on activities, e.g. http://127.0.0.1:5555/_connector */
  serviceUrl: string;
  sent: SentActivity[];
  /** Decides the answer to each request; replace it per test. */
  respond: (request: SentActivity) => ScriptedReply;
  waitForSent(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  reset(): void;
  close(): Promise<void>;
}

export const ok = (delayMs = 0): ScriptedReply => ({ status: 200, body: { id: `activity-${Math.random().toString(36).slice(2)}` }, delayMs });

export async function startFakeConnector(): Promise<FakeConnector> {
  const hanging = new Set<ServerResponse>();
  const connector: FakeConnector = {
    serviceUrl: '',
    sent: [],
    respond: () => ok(),
    async waitForSent(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (connector.sent.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} activities at the connector, got ${connector.sent.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return connector.sent;
    },
    reset() {
      connector.sent.length = 0;
      connector.respond = () => ok();
    },
    close: () => new Promise((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    const path = decodeURIComponent(req.url ?? '');
    const match = /\/v3\/conversations\/([^/]+)/.exec(path);
    const request: SentActivity = {
      method: req.method ?? 'GET',
      path,
      conversationId: match?.[1] ?? '',
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      receivedAt: Date.now(),
    };
    connector.sent.push(request);
    const reply = connector.respond(request);
    if (reply === 'hang') {
      hanging.add(res);
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector.serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_connector`;
  return connector;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
