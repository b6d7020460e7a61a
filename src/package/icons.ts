/**
 * The two app icons, drawn in code so the package needs no design tool and anyone can
 * regenerate them (`npm run package -- --icons`): a calendar page with a check mark, white on
 * the accent colour (192x192) and white on transparent (32x32 outline).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Also the manifest's accentColor: Teams shows the colour icon on it, so they must agree. */
export const ACCENT_COLOR = '#0F6CBD';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
export const COLOR_ICON_FILE = 'color.png';
export const OUTLINE_ICON_FILE = 'outline.png';

/** Shape coordinates are in a unit square, so both sizes share one drawing. */
type Shape = (x: number, y: number) => boolean;

const SUBSAMPLES = 4; // 4x4 samples per pixel: smooth edges without a rasterizer library

function insideRoundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Calendar page (frame, header bar, two rings) with a check mark; `stroke` is the line width. */
function calendarWithCheck(stroke: number): Shape {
  const [left, top, right, bottom, radius] = [0.1, 0.18, 0.9, 0.92, 0.1];
  return (x, y) => {
    const inPage = insideRoundedRect(x, y, left, top, right, bottom, radius);
    const inInside = insideRoundedRect(x, y, left + stroke, top + stroke, right - stroke, bottom - stroke, Math.max(0, radius - stroke));
    const frame = inPage && !inInside;
    const header = inPage && y <= top + 0.2;
    const ring = (cx: number) => insideRoundedRect(x, y, cx - stroke / 2, 0.06, cx + stroke / 2, top + 0.12, stroke / 2);
    const check =
      Math.min(distanceToSegment(x, y, 0.3, 0.6, 0.45, 0.74), distanceToSegment(x, y, 0.45, 0.74, 0.72, 0.47)) <= stroke / 2;
    return frame || header || ring(0.32) || ring(0.68) || check;
  };
}

/** Fraction of the pixel covered by the shape, with the drawing placed inside [margin, 1 - margin]. */
function coverage(shape: Shape, px: number, py: number, size: number, margin: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      const u = (px + (sx + 0.5) / SUBSAMPLES) / size;
      const v = (py + (sy + 0.5) / SUBSAMPLES) / size;
      if (shape((u - margin) / (1 - 2 * margin), (v - margin) / (1 - 2 * margin))) hits++;
    }
  }
  return hits / SUBSAMPLES ** 2;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function encode(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9 });
}

/** 192x192, opaque: the white shape blended over the accent colour. */
export function drawColorIcon(accent = ACCENT_COLOR): Buffer {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = hexToRgb(accent);
  const shape = calendarWithCheck(0.09);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // The symbol stays in the middle of the tile, away from the rounded corners Teams crops.
      const c = coverage(shape, x, y, size, 0.22);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r + (255 - r) * c);
      png.data[i + 1] = Math.round(g + (255 - g) * c);
      png.data[i + 2] = Math.round(b + (255 - b) * c);
      png.data[i + 3] = 255;
    }
  }
  return encode(png);
}

/**
 * 32x32: every pixel is white, and only its alpha carries the shape. Transparent pixels are
 * white too, so scaling in a client never blends in a dark fringe.
 */
export function drawOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const shape = calendarWithCheck(0.11);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(shape, x, y, size, 0.03));
    }
  }
  return encode(png);
}

/** Writes both icons into `dir` (the manifest folder); returns the paths written. */
export async function writeIcons(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, Buffer][] = [
    [join(dir, COLOR_ICON_FILE), drawColorIcon()],
    [join(dir, OUTLINE_ICON_FILE), drawOutlineIcon()],
  ];
  for (const [path, data] of files) await writeFile(path, data);
  return files.map(([path]) => path);
}
