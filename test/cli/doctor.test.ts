/** `npm run cli -- doctor`: each problem found, named, with what to do about it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { recordStat } from '../support/verify-stats.js';

let dir: string;
let out: string[];
const doctor = async (env: Record<string, string>) => {
  out = [];
  const code = await runCli(['doctor'], { DATA_DIR: dir, ...env }, (line) => out.push(line), (line) => out.push(line));
  return { code, text: out.join('\n') };
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-bot-doctor-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cli doctor', () => {
  it('passes a fresh local setup, warning that authentication is off', async () => {
    const { code, text } = await doctor({});
    expect(code).toBe(0);
    expect(text).toContain('✔ storage: sqlite answers and is migrated');
    expect(text).toContain('✔ catalog');
    expect(text).toContain('✔ card templates');
    expect(text).toContain('! authentication: MicrosoftAppId is empty');
    expect(text).toContain('All checks passed.');
  });

  it('names a catalog file that is not valid, and fails', async () => {
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify({ version: 'x' }));
    const { code, text } = await doctor({ CATALOG_FILE: file });
    expect(code).toBe(1);
    expect(text).toContain(`✖ catalog and call schedule: CATALOG_FILE ${file} is not a valid catalog`);
  });

  it('reports a database that does not answer, without its password', async () => {
    const { code, text } = await doctor({ DATABASE_URL: 'postgres://renewal:s3cret@127.0.0.1:1/renewal' });
    expect(code).toBe(1);
    expect(text).toContain('✖ storage: PostgreSQL at 127.0.0.1:1/renewal did not answer');
    expect(text).toContain('fix: start PostgreSQL or correct DATABASE_URL');
    expect(text).not.toContain('s3cret');
  });

  it('checks the Teams manifest with the real values', async () => {
    const bad = await doctor({ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't', BOT_DOMAIN: 'https://bot.example.com/' });
    expect(bad.code).toBe(1);
    expect(bad.text).toMatch(/✖ Teams manifest: .*MicrosoftAppId/);
    expect(bad.text).toMatch(/BOT_DOMAIN/);
    const good = await doctor({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't', BOT_DOMAIN: 'renewal.contoso.com', PUBLIC_URL: 'https://renewal.contoso.com' });
    expect(good.text).toContain('✔ Teams manifest: valid for bot 11111111-2222-3333-4444-555555555555 at renewal.contoso.com');
    expect(good.code).toBe(0);
  });

  it('stops on a misspelt ALLOWED_TENANTS, naming the variable, instead of serving every tenant', async () => {
    const { code, text } = await doctor({ ALLOWED_TENANT: 'aaaaaaaa-0000-0000-0000-00000000000a' });
    expect(code).not.toBe(0);
    expect(text).toContain('ALLOWED_TENANT: not read; did you mean ALLOWED_TENANTS?');
    recordStat('config.misspeltRefused', 1);
  });

  it('lists configuration problems instead of stopping at them', async () => {
    const { code, text } = await doctor({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(text).toContain('✖ configuration: PORT');
    expect(text).toContain('card templates');
  });
});
