/**
 * The structure the README's Architecture section draws, held against the code's imports: the SDK
 * behind src/host/, the rules pure, each folder importing only folders above it, and the rules'
 * concept folders in their order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** The README's table: what each folder of src/ may import besides itself and the shared modules ('host/contract' is that one file). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  rules: [],
  cards: ['rules'],
  storage: ['rules'],
  calendar: ['rules', 'storage'],
  bot: ['rules', 'cards', 'storage', 'calendar'],
  host: ['bot', 'cards', 'rules', 'storage'],
  reminders: ['rules', 'cards', 'storage', 'host/contract'],
  http: ['host/contract', 'bot', 'calendar', 'rules', 'storage'],
  package: ['rules', 'cards', 'storage', 'calendar', 'bot', 'host', 'reminders', 'http'],
  cli: ['rules', 'cards', 'storage', 'calendar', 'bot', 'host', 'reminders', 'http', 'package'],
};
/** The only libraries the rules use: pure computation, no I/O. */
const RULES_LIBRARIES = new Set(['zod', 'date-fns', '@date-fns/tz', 'lru-cache']);
/** Who reads the configuration (src/config.ts): the wiring, the CLI and the factory of the host. */
const CONFIG_READERS = /^(app\.ts|index\.ts|cli\/|host\/bot-host\.ts)/;
/** Small modules at the top of src/ that any folder may use (they import only src/rules/, if anything). */
const SHARED = new Set(['logger', 'conversation-ref', 'with-timeout', 'cache-clock', 'deep-freeze', 'sampled-log', 'project-root', 'data-file', 'catalog-file']);
/** The rules' concept folders, in the README's order: each imports only folders before it. */
const RULE_FOLDERS = ['common', 'organization', 'catalog', 'questions', 'cycle', 'people', 'requirements', 'setup', 'checklist', 'calendar', 'reminders', 'help'];

interface Import {
  from: string;
  /** A src/ path for a relative import (`rules/common/plain-date.js`, `../package.json` when it leaves src/), else the specifier. */
  to: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file names: imports of any form (type, side effect, dynamic), re-exports, require. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

const files = sourceFiles(SRC).map((file) => relative(SRC, file).replaceAll('\\', '/'));
const imports: Import[] = files.flatMap((from) => importsOf(join(SRC, from)).map((to) => (to.startsWith('.') ? { from, to: relative(SRC, resolve(SRC, dirname(from), to)).replaceAll('\\', '/'), relative: true } : { from, to, relative: false })));
const local = imports.filter(({ to }) => !to.startsWith('node:') && files.some((file) => file.replace(/\.ts$/, '') === to.replace(/\.js$/, '')));

/** The folder of a src/ path: its top folder, or 'app' for the entry files, or 'shared'. */
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

  it('src/rules/ imports nothing outside itself but the pure libraries (no I/O, no SDK, no Node module)', () => {
    const outside = imports.filter(({ from, to, relative }) => from.startsWith('rules/') && (relative ? !to.startsWith('rules/') : !RULES_LIBRARIES.has(packageOf(to))));
    expect(outside.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
    expect(files.filter((file) => /^rules\/[^/]+$/.test(file))).toEqual([]); // every rule sits in a concept folder
  });

  it('each folder imports only what the README table lets it', () => {
    const refused = local.filter(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (to === 'config.js') return !CONFIG_READERS.test(from);
      if (b === 'shared' || a === b || a === 'app') return false;
      if (a === 'shared') return b !== 'rules';
      const allowed = MAY_IMPORT[a] ?? [];
      return !allowed.includes(b) && !allowed.includes(to.replace(/\.js$/, ''));
    });
    expect(refused.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
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

/** The package a bare import names: `lru-cache`, `@date-fns/tz` (a subpath is its package's). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}
