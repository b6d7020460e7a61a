/**
 * The real server (restify + CloudAdapter + storage on a fresh SQLite file) on a free port, with a
 * fake Bot Connector and a fixed clock: what conversation tests talk to over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';

export interface TestApp {
  app: RunningApp;
  connector: FakeConnector;
  /** Moves the bot's clock. */
  setNow(iso: string): void;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Posts a message activity and returns the cards the bot sent back through the connector. */
  ask(activity: unknown): Promise<Record<string, any>[]>;
  stop(): Promise<void>;
}

export async function startTestApp(options: { now?: string; env?: Record<string, string>; log?: Logger } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'renewal-bot-test-'));
  let now = new Date(options.now ?? '2026-11-25T12:00:00Z');
  const connector = await startFakeConnector();
  // With authentication on, loopback service URLs are trusted only when listed, as an operator
  // would list a local proxy: such tests list the fake connector (unless they set their own list).
  const trustConnector = options.env?.MicrosoftAppId ? { SERVICE_URL_ALLOWLIST: connector.serviceUrl } : {};
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REMINDER_TICK_SECONDS: '0', ...trustConnector, ...options.env });
  const app = await startApp(config, { log: options.log ?? createLogger('silent'), now: () => now });

  const post: TestApp['post'] = async (activity, headers = {}) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : undefined };
  };

  return {
    app,
    connector,
    setNow: (iso) => {
      now = new Date(iso);
    },
    post,
    async ask(activity) {
      const before = connector.sent.length;
      const { status } = await post(activity);
      if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
      return connector.sent.slice(before).flatMap((sent) => ((sent.body.attachments as any[]) ?? []).map((attachment) => attachment.content));
    },
    async stop() {
      await app.stop(1_000);
      await connector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
