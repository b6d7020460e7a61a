#!/usr/bin/env node
/**
 * Builds dist/ with tsc only when it is missing or older than its sources, so that `npm start` and
 * a deploy restart never pay for a compile they do not need. Used by `prepare` (npm install / npm ci)
 * and `prestart`; `npm run build` passes --always to compile in any case. A successful build writes dist/.build-stamp; any source, JSON data file or tsconfig
 * newer than the stamp (a git checkout, an edit) makes the next start rebuild.
 *
 * Without src/ (a deployment that ships dist/ only) it does nothing; without TypeScript installed
 * (npm ci --omit=dev) it keeps an existing dist/. With no dist/ either, `npm start` stops with what to
 * do, while the install (`--at-install`, from prepare) only warns: the install itself is not broken.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const entry = join(root, 'dist', 'src', 'index.js');
const inputs = ['src', 'tsconfig.json'];

function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted file shows as a newer folder
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function stampMtime() {
  try {
    return existsSync(entry) ? statSync(stamp).mtimeMs : 0;
  } catch {
    return 0;
  }
}

if (!existsSync(join(root, 'src'))) process.exit(0);
const built = stampMtime();
const sources = Math.max(...inputs.map((input) => newestMtime(join(root, input))));
// `npm run build` (--always) compiles whatever the stamp says, and stamps, so the next start does not compile again.
if (built > 0 && sources <= built && !process.argv.includes('--always')) process.exit(0);

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  if (existsSync(entry)) {
    console.error('build-if-stale: TypeScript is not installed (production install?); using the existing dist/');
    process.exit(0);
  }
  console.error('build-if-stale: dist/ is missing and TypeScript is not installed: run `npm ci` (with dev dependencies) or `npm run build`');
  process.exit(process.argv.includes('--at-install') ? 0 : 1);
}

if (!process.argv.includes('--always')) console.error(built > 0 ? 'build-if-stale: sources changed since the last build, compiling …' : 'build-if-stale: no build yet, compiling …');
const startedAt = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'src', 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`build-if-stale: tsc failed (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
// Stamp the time the compile started: a file saved during the compile counts as newer next time.
writeFileSync(stamp, '');
utimesSync(stamp, startedAt / 1000, startedAt / 1000);
