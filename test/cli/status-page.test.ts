/**
 * `npm run cli -- reminders status --html FILE`, opened in headless Chromium (Debian's chromium,
 * driven by playwright-core) and read back as an operator sees it: per organization its cycle on a
 * timeline, the next reminder, what was sent and what is pending and why. An organization name is
 * attacker-controlled: it must show as text, run nothing and fetch nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { makeOrganization } from '../support/organizations.js';
import { seedFleet, tenantOf } from '../reminders/fleet.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs chromium (.ci/run), so there the test always runs; a developer without it is told so by the skip.
const haveBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
const HOSTILE_NAME = 'Contoso <script>window.__ran = 1; alert(1)</script></style><img src=x onerror="alert(2)"> & Sons';

let dir: string;
let connector: FakeConnector;
let browser: Browser;
let file: string;
let out: string[];
const cli = (...args: string[]) => runCli(args, { DATA_DIR: dir, LOG_LEVEL: 'silent', REMINDER_RETRY_BASE_MS: '5', REMINDER_RETRY_CAP_MS: '10' }, (line) => out.push(line), () => {});

describe.skipIf(!haveBrowser)('the operator status page in a browser', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'renewal-bot-status-page-'));
    file = join(dir, 'status.html');
    out = [];
    connector = await startFakeConnector();
    const storage = await openStorage({ dataDir: dir });
    await seedFleet(storage, 2, connector.serviceUrl);
    await storage.saveOrganization(makeOrganization({ tenantId: tenantOf(0), name: HOSTILE_NAME, anniversaryDate: '2027-02-28', customerReferences: [] }));
    await storage.saveOrganization(makeOrganization({ tenantId: 'tenant-without-team', name: 'Northwind Traders', anniversaryDate: '2027-06-30' }));
    await storage.close();
    // The first organization's reminder goes out; the second's channel answers 502 and it stays pending.
    connector.respond = (request) => (request.conversationId.includes('channel-1') ? { status: 502 } : { status: 200, body: { id: 'msg-1' } });
    await cli('reminders', 'run', '--now', '2026-11-30T09:00:00Z');
    expect(await cli('reminders', 'status', '--html', file, '--now', '2026-12-01T12:00:00Z')).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openPage() {
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, dialogs };
  }

  it('says what it wrote', () => {
    expect(out.at(-1)).toBe(`Wrote ${file}: the reminder status of 3 organizations.`);
  });

  it('shows each organization with its timeline, next reminder, what was sent and what is pending and why', async () => {
    const { page } = await openPage();
    const sections = page.locator('section');
    expect(await sections.count()).toBe(3);

    const sent = await sections.nth(0).innerText();
    expect(sent).toContain(HOSTILE_NAME);
    expect(sent).toContain('Renewal window open · 89 days left: the renewal window is open.');
    expect(sent).toContain('Reminders go to 19:channel-0@thread.tacv2');
    expect(sent).toContain('Next reminder\nTwo weeks left on February 14, 2027');
    expect(sent).toMatch(/Sent\nWindow open, due November 30, 2026, sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(sent).toContain('Pending\nNothing pending');
    const timeline = await sections.nth(0).locator('svg').getAttribute('aria-label');
    expect(timeline).toBe('Timeline: Window opens November 30, 2026, Two weeks left February 14, 2027, Anniversary February 28, 2027, Today December 1, 2026');
    expect(await sections.nth(0).locator('svg').textContent()).toContain('Today: December 1, 2026');

    const failing = await sections.nth(1).innerText();
    expect(failing).toContain('Org 1');
    expect(failing).toContain('Sent\nNothing sent yet');
    expect(failing).toContain('Window open, due November 30, 2026: pending: HTTP 502 (after 1 try)');

    const noTeam = await sections.nth(2).innerText();
    expect(noTeam).toContain('Northwind Traders');
    expect(noTeam).toContain('No reminder channel: the app has not been added to a team');
    expect(noTeam).toContain('Next reminder\nNone: there is no active reminder channel');
    await page.screenshot({ path: join(tmpdir(), 'renewal-bot-status-page.png'), fullPage: true });
  });

  it('runs no script and fetches nothing, whatever an organization is called', async () => {
    const { page, requests, dialogs } = await openPage();
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|<\/style><img|src=["']?http/i);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });
});
