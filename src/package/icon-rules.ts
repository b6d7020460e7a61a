/**
 * Teams' icon rules, checked before zipping: Teams rejects an upload whose icons break them,
 * and says less clearly why. Colour icon 192x192; outline icon 32x32, white on transparent.
 */
import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icons.js';

function decode(label: string, data: Uint8Array): { png?: ReturnType<typeof PNG.sync.read>; problem?: string } {
  try {
    return { png: PNG.sync.read(Buffer.from(data)) };
  } catch (error) {
    return { problem: `${label}: not a readable PNG file (${(error as Error).message})` };
  }
}

function sizeProblem(label: string, png: { width: number; height: number }, size: number): string | undefined {
  if (png.width === size && png.height === size) return undefined;
  return `${label}: must be ${size}x${size} pixels, is ${png.width}x${png.height}`;
}

export function checkColorIcon(label: string, data: Uint8Array): string[] {
  const { png, problem } = decode(label, data);
  if (!png) return [problem ?? `${label}: unreadable`];
  const wrongSize = sizeProblem(label, png, COLOR_ICON_SIZE);
  return wrongSize ? [wrongSize] : [];
}

/**
 * Every pixel is either fully transparent or white (any opacity, so edges may be smoothed),
 * with some white to see and some transparency around it.
 */
export function checkOutlineIcon(label: string, data: Uint8Array): string[] {
  const { png, problem } = decode(label, data);
  if (!png) return [problem ?? `${label}: unreadable`];
  const wrongSize = sizeProblem(label, png, OUTLINE_ICON_SIZE);
  if (wrongSize) return [wrongSize];
  let white = 0;
  let transparent = 0;
  let firstColoured: { x: number; y: number; rgba: number[] } | undefined;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0];
    if (a === 0) transparent++;
    else if (r === 255 && g === 255 && b === 255) white++;
    else {
      coloured++;
      const pixel = i / 4;
      firstColoured ??= { x: pixel % png.width, y: Math.floor(pixel / png.width), rgba: [r, g, b, a] };
    }
  }
  const problems: string[] = [];
  if (firstColoured) {
    const { x, y, rgba } = firstColoured;
    problems.push(
      `${label}: must be white (#FFFFFF) on a transparent background; ${coloured} pixel(s) are neither, the first at (${x}, ${y}) is rgba(${rgba.join(', ')})`,
    );
  }
  if (white === 0) problems.push(`${label}: has no white pixels, so the icon would be invisible`);
  if (transparent === 0) problems.push(`${label}: has no transparent pixels; the background must be transparent`);
  return problems;
}
