/**
 * The app package zip: the files at the zip root (Teams does not look into folders), written
 * so that a failed or interrupted run never leaves a half-written package behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** A fixed timestamp: the same inputs give a byte-identical zip, whenever it is built. */
const FIXED_MTIME = new Date(2020, 0, 1);

export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) {
    entries[name] = [files[name] ?? new Uint8Array(), { level: 9, mtime: FIXED_MTIME }];
  }
  return zipSync(entries);
}

/** Writes to a temporary file next to the target and renames it: the rename is atomic. */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
