/**
 * Turns over HTTP: the built server and the floor bot, each a child process, driven alternately by
 * autocannon (closed loop, keep-alive, one request in flight per connection), replies counted at a
 * local connector. A 2xx whose reply never reached the connector counts as an error.
 */
import autocannon, { type Client as AutocannonClient, type Result as AutocannonResult } from 'autocannon';
import type { LeanConnector } from './connector.js';
import type { Child } from './processes.js';
import { cpuMsOfPid, median, percentileSorted, rssOfPid } from './stats.js';
import { requestsPerConnection } from './turn-load.js';

/** `floor-cards`: the floor answering with the bot's own two cards (what the card sizes cost the SDK alone). */
export type Target = 'bot' | 'floor' | 'floor-cards';

export interface TurnRound {
  target: Target;
  round: number;
  seconds: number;
  turns: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  transportErrors: number;
  repliesAtConnector: number;
  missingReplies: number;
  errors: number;
  rssMb: { median: number; max: number };
  /** CPU time the server process used per turn (user + system, from /proc), in microseconds. */
  cpuMicrosPerTurn: number;
  autocannon: { p50: number; p99: number; average: number };
}

export interface LoadOptions {
  connections: number;
  organizations: number;
  seconds: number;
}

/** One closed-loop run against `child`; latencies are every 2xx response time (ms), not a histogram. */
export async function runLoad(child: Child, connector: LeanConnector, options: LoadOptions, label: { target: Target; round: number }): Promise<TurnRound> {
  const perConnection = requestsPerConnection(connector.serviceUrl, options.connections, options.organizations);
  const headers = { 'content-type': 'application/json' };
  let nextClient = 0;
  const latencies: number[] = [];
  const rss: number[] = [];
  connector.reset();
  const cpuBefore = (await cpuMsOfPid(child.pid)) ?? Number.NaN;
  const sampler = setInterval(() => {
    void rssOfPid(child.pid).then((mb) => mb !== undefined && rss.push(mb));
  }, 250);
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${child.url}/api/messages`,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 10,
        method: 'POST',
        headers,
        body: perConnection[0]?.[0] ?? '',
        setupClient: (client: AutocannonClient) => {
          const bodies = perConnection[nextClient++ % perConnection.length] ?? [];
          client.setRequests(bodies.map((body) => ({ method: 'POST', path: '/api/messages', headers, body })));
        },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  clearInterval(sampler);
  const cpuAfter = (await cpuMsOfPid(child.pid)) ?? Number.NaN;
  // Replies of turns still in flight when the run stopped may land a moment later.
  await new Promise((resolve) => setTimeout(resolve, 200));
  latencies.sort((a, b) => a - b);
  const turns = result['2xx'];
  const transportErrors = result.errors + result.timeouts;
  const missingReplies = Math.max(0, turns - connector.total);
  return {
    ...label,
    seconds: options.seconds,
    turns,
    turnsPerSecond: turns / options.seconds,
    p50: percentileSorted(latencies, 50),
    p95: percentileSorted(latencies, 95),
    p99: percentileSorted(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    non2xx: result.non2xx,
    transportErrors,
    repliesAtConnector: connector.total,
    missingReplies,
    errors: result.non2xx + transportErrors + missingReplies,
    rssMb: { median: median(rss), max: Math.max(0, ...rss) },
    cpuMicrosPerTurn: ((cpuAfter - cpuBefore) * 1000) / Math.max(1, turns),
    autocannon: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average },
  };
}

export interface TurnSummary {
  target: Target;
  rounds: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  rssUnderLoadMb: number;
  cpuMicrosPerTurn: number;
}

export function summarize(rounds: TurnRound[], target: Target): TurnSummary {
  const mine = rounds.filter((round) => round.target === target);
  return {
    target,
    rounds: mine.length,
    turnsPerSecond: median(mine.map((round) => round.turnsPerSecond)),
    p50: median(mine.map((round) => round.p50)),
    p95: median(mine.map((round) => round.p95)),
    p99: median(mine.map((round) => round.p99)),
    errors: mine.reduce((sum, round) => sum + round.errors, 0),
    rssUnderLoadMb: median(mine.map((round) => round.rssMb.median)),
    cpuMicrosPerTurn: median(mine.map((round) => round.cpuMicrosPerTurn)),
  };
}

/** Checks one answer of each question reaches the connector as the expected card before any load; returns those replies (activity JSON). */
export async function checkReplies(child: Child, connector: LeanConnector, expect: (body: string, question: number) => string | undefined): Promise<string[]> {
  const [bodies] = requestsPerConnection(connector.serviceUrl, 1, 1);
  const replies: string[] = [];
  connector.reset();
  for (const [question, body] of (bodies ?? []).entries()) {
    connector.keep = 1;
    connector.kept = [];
    const response = await fetch(`${child.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (response.status !== 200) throw new Error(`${child.url}: answered HTTP ${response.status} to a message`);
    const reply = connector.kept[0];
    if (!reply) throw new Error(`${child.url}: no reply reached the connector`);
    const problem = expect(reply, question);
    if (problem) throw new Error(`${child.url}: unexpected reply (${problem}): ${reply.slice(0, 300)}`);
    replies.push(reply);
  }
  connector.reset();
  return replies;
}
