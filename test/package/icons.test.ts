/** The drawn icons keep Teams' rules, and the committed files are what the code draws. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../../src/package/build-package.js';
import { checkColorIcon, checkOutlineIcon } from '../../src/package/icon-rules.js';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon, writeIcons } from '../../src/package/icons.js';
import { readTemplate, temporaryDir } from './helpers.js';

const committed = (name: string) => readFileSync(join(dirname(DEFAULT_TEMPLATE), name));

describe('drawn icons', () => {
  it('pass the icon rules', () => {
    expect(checkColorIcon('color.png', drawColorIcon())).toEqual([]);
    expect(checkOutlineIcon('outline.png', drawOutlineIcon())).toEqual([]);
  });

  it('draw the colour icon on the accent colour of the manifest', () => {
    const png = PNG.sync.read(drawColorIcon());
    const corner = `#${[...png.data.subarray(0, 3)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
    expect(corner.toUpperCase()).toBe(ACCENT_COLOR);
    expect(readTemplate().accentColor).toBe(ACCENT_COLOR);
  });

  // Compared as pixels, not bytes: another zlib may compress the same image differently.
  it.each([
    ['color.png', drawColorIcon],
    ['outline.png', drawOutlineIcon],
  ])('manifest/%s is up to date (npm run package -- --icons redraws it)', (name, draw) => {
    const file = PNG.sync.read(committed(name));
    const drawn = PNG.sync.read(draw());
    expect([file.width, file.height]).toEqual([drawn.width, drawn.height]);
    expect(Buffer.compare(file.data, drawn.data)).toBe(0);
  });

  it('are written as the two files the manifest names', async () => {
    const dir = temporaryDir('icons');
    try {
      const written = await writeIcons(join(dir.path, 'manifest'));
      const { icons } = readTemplate();
      expect(written).toEqual([join(dir.path, 'manifest', icons.color), join(dir.path, 'manifest', icons.outline)]);
      expect(checkOutlineIcon('outline.png', readFileSync(written[1] as string))).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
