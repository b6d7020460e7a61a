/**
 * A local HTTP server playing the Bot Connector: it records every request the bot makes and answers
 * with whatever a test scripts. By default it answers 200, and the member lookups as Teams does
 * (`answerAsTeams`): a conversation's members from `people`, anyone not listed as a member of the
 * tenant (`userRole: 'user'`).
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

/** A person as Teams describes them (TeamsChannelAccount). */
export interface FakePerson {
  /** The Teams user id (29:…), what `from.id` carries. */
  id: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
  /** 'user', 'guest' or 'anonymous'; left out, Teams gives none. */
  userRole?: string;
}

export interface FakeConnector {
  /** Service URL to put on activities, e.g. http://127.0.0.1:5555/_connector */
  serviceUrl: string;
  sent: SentActivity[];
  /** Decides the answer to each request; replace it per test (`answerAsTeams` is the default). */
  respond: (request: SentActivity) => ScriptedReply;
  /** The people of every conversation, by Teams user id: what member lookups and member lists answer. */
  people: Map<string, FakePerson>;
  /** Adds or replaces a person (a guest: `{ ..., userRole: 'guest' }`). */
  setPerson(person: FakePerson): void;
  waitForSent(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  reset(): void;
  close(): Promise<void>;
}

export const ok = (delayMs = 0): ScriptedReply => ({ status: 200, body: { id: `activity-${Math.random().toString(36).slice(2)}` }, delayMs });

const MEMBER = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)$/;
const PAGED_MEMBERS = /\/v3\/conversations\/[^/]+\/pagedmembers(?:\?(.*))?$/;

/**
 * Teams' answers to member lookups (TeamsInfo.getMember, getPagedMembers, in any conversation: the
 * fake has one roster), 200 with a new activity id to anything else. A member not in `people` is
 * answered as a member of the tenant, as most people are: a test makes someone a guest explicitly.
 */
export function answerAsTeams(connector: Pick<FakeConnector, 'people'>, request: SentActivity): ScriptedReply {
  if (request.method !== 'GET') return ok();
  const member = MEMBER.exec(request.path);
  if (member) {
    const userId = member[1] as string;
    return { status: 200, body: connector.people.get(userId) ?? { id: userId, name: 'Member', userRole: 'user' } };
  }
  const paged = PAGED_MEMBERS.exec(request.path);
  if (paged) {
    const query = new URLSearchParams(paged[1] ?? '');
    const pageSize = Number(query.get('pageSize') ?? 500);
    const from = Number(query.get('continuationToken') ?? 0);
    const people = [...connector.people.values()];
    const next = from + pageSize;
    return { status: 200, body: { members: people.slice(from, next), ...(next < people.length ? { continuationToken: String(next) } : {}) } };
  }
  return ok();
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const hanging = new Set<ServerResponse>();
  const teams = (request: SentActivity) => answerAsTeams(connector, request);
  const connector: FakeConnector = {
    serviceUrl: '',
    sent: [],
    respond: teams,
    people: new Map(),
    setPerson(person) {
      connector.people.set(person.id, person);
    },
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
      connector.respond = teams;
      connector.people.clear();
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
