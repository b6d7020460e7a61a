/** Shared pieces of the packaging tests: ids, temporary folders, reading a zip back. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { DEFAULT_TEMPLATE } from '../../src/package/build-package.js';

export const BOT_ID = '3f2c9a1e-7b4d-4c1a-9e2f-0a1b2c3d4e5f';
export const TEAMS_APP_ID = '9d8e7f60-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
export const BOT_DOMAIN = 'renewal.contoso.com';
export const VALID_ENV = { MicrosoftAppId: BOT_ID, BOT_DOMAIN };

export function temporaryDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `renewal-bot-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function readTemplate(): Record<string, any> {
  return JSON.parse(readFileSync(DEFAULT_TEMPLATE, 'utf8'));
}

/** Writes a changed copy of the real template into `dir` and returns its path. */
export function writeTemplate(dir: string, change: (template: Record<string, any>) => void): string {
  const template = readTemplate();
  change(template);
  const path = join(dir, 'manifest.template.json');
  writeFileSync(path, JSON.stringify(template, null, 2));
  return path;
}

export function readZip(path: string): Record<string, Uint8Array> {
  return unzipSync(readFileSync(path));
}

/** A PNG of the given size filled with one RGBA colour. */
export function solidPng(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height * 4; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}
