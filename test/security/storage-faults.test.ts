/**
 * Storage going away: at start the bot exits with a message saying what to check; mid-run /healthz
 * says 503, people get an apology card, and everything recovers when the database is back.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { freshSchema, testDatabaseUrl } from '../support/postgres-schema.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';

it('exits at start with a clear message when the database does not answer', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, DATABASE_URL: 'postgres://renewal:s3cret@127.0.0.1:1/renewal', PORT: '0', REMINDER_TICK_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  recordStat('faults.injected', 1);
  expect(code).toBe(1);
  expect(output).toContain('PostgreSQL at 127.0.0.1:1/renewal did not answer');
  expect(output).toContain('check DATABASE_URL');
  expect(output).not.toContain('s3cret');
}, 30_000);

describe.skipIf(!testDatabaseUrl)('PostgreSQL lost mid-run', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const schema = await freshSchema();
    drop = schema.drop;
    const target = new URL(testDatabaseUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(schema.schemaUrl);
    viaProxy.port = String(proxy.port);
    t = await startTestApp({ env: { DATABASE_URL: viaProxy.toString() } });
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT }));
  });
  afterAll(async () => {
    await t?.stop();
    await proxy?.close();
    await drop?.();
  });

  const health = async () => (await fetch(`${t.app.url}/healthz`)).status;
  const ask = async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'when is our anniversary' }));
    return cardText({ content: cards[0] });
  };

  it('reports 503 on /healthz, apologizes in chat, and recovers when the database is back', async () => {
    expect(await health()).toBe(200);
    expect(await ask()).toContain('February 28, 2027');

    await proxy.cut();
    recordStat('faults.injected', 1);
    expect(await health()).toBe(503);
    const apology = await ask();
    expect(apology).toContain('I cannot reach my records right now');
    expect(apology).toContain('storage.unavailable');

    await proxy.restore();
    await expect.poll(health, { timeout: 10_000 }).toBe(200);
    expect(await ask()).toContain('February 28, 2027');
  }, 60_000);
});
