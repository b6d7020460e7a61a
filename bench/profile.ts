/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time per function (name + file:line),
 * per area (our src/, each package, Node internals, GC), and the inclusive time of our own
 * functions (synchronous stacks only), as shares of the non-idle time inside a time window.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  location: string;
  area: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  windowMs: { from: number; to: number };
  sampledMs: number;
  idleMs: number;
  top: SelfTime[];
  areas: { area: string; selfMs: number; percent: number }[];
  /** Our functions (src/) by inclusive synchronous time: what a turn spends below each. */
  ourInclusive: { name: string; location: string; inclusiveMs: number; percent: number }[];
}

/** Which part of the program a script URL belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native (V8/libuv builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch) return packageMatch[1] as string;
  const srcMatch = /\/dist\/src\/(.+)\.js$/.exec(url) ?? /\/src\/(.+)\.ts$/.exec(url);
  if (srcMatch) return `src/${srcMatch[1]}.ts`;
  return url.replace(/^file:\/\//, '');
}

function shortLocation(url: string, line: number): string {
  const trimmed = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\/src\//, 'dist/src/');
  return trimmed ? `${trimmed}:${line + 1}` : '';
}

/** `window` is in ms since the profile started; samples outside it are ignored (start-up, shutdown). */
export function summarizeProfile(file: string, options: { top?: number; window?: { from: number; to: number } } = {}): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const window = options.window ?? { from: 0, to: Number.POSITIVE_INFINITY };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfById = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    const at = elapsed / 1000;
    if (at >= window.from && at <= window.to) selfById.set(id, (selfById.get(id) ?? 0) + delta);
  });

  const functions = new Map<string, SelfTime>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, { name: string; location: string; inclusiveMs: number; percent: number }>();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of selfById) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const ms = micros / 1000;
    if (frame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    total += ms;
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const location = shortLocation(frame.url, frame.lineNumber);
    const key = `${frame.functionName}@${location}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', location, area, selfMs: 0, percent: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);

    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const callFrame = byId.get(current)?.callFrame;
      if (!callFrame || !areaOf(callFrame.url, callFrame.functionName).startsWith('src/')) continue;
      const where = shortLocation(callFrame.url, callFrame.lineNumber);
      const ours = `${callFrame.functionName}@${where}`;
      if (seen.has(ours)) continue;
      seen.add(ours);
      const sum = inclusive.get(ours) ?? { name: callFrame.functionName || '(anonymous)', location: where, inclusiveMs: 0, percent: 0 };
      sum.inclusiveMs += ms;
      inclusive.set(ours, sum);
    }
  }
  const share = (ms: number) => (total > 0 ? (ms / total) * 100 : 0);
  return {
    file,
    windowMs: { from: window.from, to: Number.isFinite(window.to) ? window.to : elapsed / 1000 },
    sampledMs: total,
    idleMs: idle,
    top: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, options.top ?? 15)
      .map((entry) => ({ ...entry, percent: share(entry.selfMs) })),
    areas: [...areas.entries()].map(([area, selfMs]) => ({ area, selfMs, percent: share(selfMs) })).sort((a, b) => b.selfMs - a.selfMs),
    ourInclusive: [...inclusive.values()]
      .sort((a, b) => b.inclusiveMs - a.inclusiveMs)
      .slice(0, 25)
      .map((entry) => ({ ...entry, percent: share(entry.inclusiveMs) })),
  };
}
