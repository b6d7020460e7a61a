/**
 * The structure the README's Architecture section draws, held against the code's imports: the SDK
 * behind src/host/, the rules pure, each folder importing only folders above it, and the rules'
 * concept folders in their order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** The README's table, top to bottom: a folder may import those before it (and itself). */
const LAYERS = ['rules', 'cards', 'storage', 'calendar', 'bot', 'host', 'reminders', 'http', 'package', 'cli', 'app'];
/** Who reads the configuration (src/config.ts): the wiring, the CLI and the factory of the host. */
const CONFIG_READERS = /^(app\.ts|index\.ts|cli\/|host\/bot-host\.ts)/;
/** Small modules at the top of src/ that any folder may use (they import only src/rules/, if anything). */
const SHARED = new Set(['logger', 'conversation-ref', 'with-timeout', 'cache-clock', 'deep-freeze', 'sampled-log', 'project-root', 'data-file', 'catalog-file']);
/** The rules' concept folders, in the README's order: each imports only folders before it. */
const RULE_FOLDERS = ['common', 'organization', 'catalog', 'questions', 'cycle', 'people', 'requirements', 'setup', 'checklist', 'calendar', 'reminders', 'help'];

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => (match[1] ?? match[2]) as string);
}

const files = sourceFiles(SRC).map((file) => relative(SRC, file).replaceAll('\\', '/'));
const imports: Import[] = files.flatMap((from) => importsOf(join(SRC, from)).map((to) => ({ from, to: to.startsWith('.') ? relative(SRC, resolve(SRC, dirname(from), to)).replaceAll('\\', '/') : to })));
const local = imports.filter(({ to }) => !to.startsWith('node:') && files.some((file) => file.replace(/\.ts$/, '') === to.replace(/\.js$/, '')));

/** The layer of a src/ path: its top folder, or 'app' for the entry files, or 'shared'. */
function layerOf(path: string): string {
  const [top, next] = path.split('/');
  if (next === undefined) {
    const name = (top as string).replace(/\.(ts|js)$/, '');
    return SHARED.has(name) ? 'shared' : 'app';
  }
  return top as string;
}

describe('the structure', () => {
  it('finds the source and its imports (the check below cannot pass on nothing)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(local.length).toBeGreaterThan(300);
  });

  it('only src/host/ imports the Bot Framework SDK', () => {
    const sdk = imports.filter(({ to }) => /^(botbuilder|botframework-)/.test(to)).map(({ from }) => from);
    expect(sdk.length).toBeGreaterThan(0);
    expect(sdk.filter((from) => !from.startsWith('host/'))).toEqual([]);
  });

  it('src/rules/ imports nothing outside itself but libraries (no I/O, no SDK, no clock source)', () => {
    const outside = imports.filter(({ from, to }) => from.startsWith('rules/') && (to.startsWith('node:') || /^(botbuilder|botframework-|kysely|better-sqlite3|pg|restify|pino)/.test(to) || (local.some((i) => i.to === to) && !to.startsWith('rules/'))));
    expect(outside).toEqual([]);
  });

  it('each folder imports only folders above it in the README table', () => {
    const upward = local.filter(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (to === 'config.js') return !CONFIG_READERS.test(from);
      if (b === 'shared' || a === b) return false;
      if (a === 'shared') return b !== 'rules';
      return LAYERS.indexOf(b) > LAYERS.indexOf(a) || LAYERS.indexOf(b) === -1;
    });
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('src/reminders/ and src/http/ know the host only by its contract', () => {
    const beyond = local.filter(({ from, to }) => /^(reminders|http)\//.test(from) && to.startsWith('host/') && to !== 'host/contract.js');
    expect(beyond.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it("the rules' concept folders import only those before them, so no circle runs between them", () => {
    const folders = new Set(files.filter((file) => file.startsWith('rules/') && file.split('/').length === 3).map((file) => file.split('/')[1]));
    expect([...folders].sort()).toEqual([...RULE_FOLDERS].sort());
    const upward = local.filter(({ from, to }) => {
      if (!from.startsWith('rules/') || !to.startsWith('rules/')) return false;
      const [a, b] = [from.split('/')[1] as string, to.split('/')[1] as string];
      return a !== b && RULE_FOLDERS.indexOf(b) > RULE_FOLDERS.indexOf(a);
    });
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });
});
