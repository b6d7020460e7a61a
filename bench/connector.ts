/**
 * A lean local Bot Connector: answers every POST with 200 `{id}` (after `delayMs`) and only counts
 * what it received per conversation; it keeps a few bodies on request (`keep`) for spot checks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LeanConnector {
  serviceUrl: string;
  delayMs: number;
  total: number;
  /** Activities that came with an `Authorization: Bearer` header. */
  authorized: number;
  perConversation: Map<string, number>;
  /** Arrival times (ms, performance.now) of the first and the last activity since reset. */
  firstAt: number;
  lastAt: number;
  /** Bodies kept while `keep` > 0 (each kept body decrements it). */
  keep: number;
  kept: string[];
  reset(): void;
  close(): Promise<void>;
}

const CONVERSATION = /\/v3\/conversations\/([^/?]+)/;

export async function startConnector(delayMs = 0): Promise<LeanConnector> {
  let sequence = 0;
  const connector: LeanConnector = {
    serviceUrl: '',
    delayMs,
    total: 0,
    authorized: 0,
    perConversation: new Map(),
    firstAt: 0,
    lastAt: 0,
    keep: 0,
    kept: [],
    reset() {
      connector.total = 0;
      connector.authorized = 0;
      connector.perConversation.clear();
      connector.firstAt = 0;
      connector.lastAt = 0;
      connector.keep = 0;
      connector.kept = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const answer = (res: ServerResponse) => {
    const body = `{"id":"bench-${++sequence}"}`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const keepBody = connector.keep > 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      if (keepBody) chunks.push(chunk);
    });
    req.on('end', () => {
      const match = CONVERSATION.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const conversationId = decodeURIComponent(match[1] ?? '');
        connector.perConversation.set(conversationId, (connector.perConversation.get(conversationId) ?? 0) + 1);
        connector.total++;
        if (req.headers.authorization?.startsWith('Bearer ')) connector.authorized++;
        const at = performance.now();
        if (connector.firstAt === 0) connector.firstAt = at;
        connector.lastAt = at;
        if (keepBody && connector.keep > 0) {
          connector.keep--;
          connector.kept.push(Buffer.concat(chunks).toString('utf8'));
        }
      }
      if (connector.delayMs > 0) setTimeout(answer, connector.delayMs, res);
      else answer(res);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector.serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_connector`;
  return connector;
}
