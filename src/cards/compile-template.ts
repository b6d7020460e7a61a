/**
 * Compiles a card template once into plain functions, for the expression subset the templates in
 * cards/ use: paths (`a.b`, `$data`, `$root.x`, `$root.errors[inputId]`), `!p`, `!empty(p)`,
 * `count(p) > 0`, `p == 'text'`, and strings interpolating paths. Semantics follow
 * adaptivecards-templating (an undefined binding renders as "${path}", `$when` must be `true`,
 * `$data` arrays repeat, empty results are dropped). Returns undefined when a template uses
 * anything else, so the caller keeps the library for it.
 */
type Scope = { root: unknown; data: unknown; index: number | undefined };
type Compiled = (scope: Scope) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z_][A-Za-z0-9_]*\])*$/;

class Unsupported extends Error {}

function compilePath(path: string): (scope: Scope) => unknown {
  if (!PATH.test(path)) throw new Unsupported(path);
  const steps = [...path.matchAll(/([.$A-Za-z0-9_]+)|\[([A-Za-z_][A-Za-z0-9_]*)\]/g)];
  const [first, ...rest] = (steps[0]?.[1] ?? '').split('.');
  const segments: ({ name: string } | { indexBy: string })[] = [];
  for (const name of rest) segments.push({ name });
  for (const step of steps.slice(1)) {
    if (step[2]) segments.push({ indexBy: step[2] });
    else for (const name of (step[1] ?? '').split('.').filter(Boolean)) segments.push({ name });
  }
  const start = (scope: Scope): unknown => {
    if (first === '$root') return scope.root;
    if (first === '$data') return scope.data;
    if (first === '$index') return scope.index;
    return lookup(scope.data, first as string);
  };
  return (scope) => {
    let value = start(scope);
    for (const segment of segments) {
      if (value === null || value === undefined) return undefined;
      value = 'name' in segment ? lookup(value, segment.name) : lookup(value, String(lookup(scope.data, segment.indexBy)));
    }
    return value;
  };
}

function lookup(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

const isLogicTrue = (value: unknown) => (typeof value === 'boolean' ? value : value !== null && value !== undefined);
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A `$when` condition: the value only counts when it is exactly `true`. */
function compileCondition(expression: string): (scope: Scope) => boolean {
  let match: RegExpExecArray | null;
  if ((match = /^!empty\((.+)\)$/.exec(expression))) {
    const path = compilePath(match[1] as string);
    return (scope) => !isEmpty(path(scope));
  }
  if ((match = /^count\((.+)\) > 0$/.exec(expression))) {
    const path = compilePath(match[1] as string);
    return (scope) => {
      const value = path(scope);
      return (typeof value === 'string' || Array.isArray(value)) && value.length > 0;
    };
  }
  if ((match = /^(.+) == '([^']*)'$/.exec(expression))) {
    const path = compilePath(match[1] as string);
    const text = match[2];
    return (scope) => path(scope) === text;
  }
  if ((match = /^!(.+)$/.exec(expression))) {
    const path = compilePath(match[1] as string);
    return (scope) => !isLogicTrue(path(scope));
  }
  const path = compilePath(expression);
  return (scope) => path(scope) === true;
}

/** A bound value: "${path}" keeps the value's type; text around bindings makes a string. */
function compileString(text: string): Compiled | string {
  if (!text.includes('${')) return text;
  const parts = text.split(/(\$\{[^}]*\})/).filter((part) => part !== '');
  const pieces = parts.map((part) => {
    const match = /^\$\{(.*)\}$/.exec(part);
    if (!match) return part;
    const source = match[1] as string;
    const path = compilePath(source);
    return (scope: Scope) => {
      const value = path(scope);
      return value === undefined || value === null ? `\${${source}}` : value;
    };
  });
  if (pieces.length === 1 && typeof pieces[0] === 'function') return pieces[0];
  return (scope) => pieces.map((piece) => (typeof piece === 'string' ? piece : String(piece(scope)))).join('');
}

function compileNode(node: unknown): Compiled {
  if (typeof node === 'string') {
    const compiled = compileString(node);
    return typeof compiled === 'string' ? () => compiled : compiled;
  }
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    return (scope) => {
      const result: unknown[] = [];
      for (const item of items) {
        const value = item(scope);
        if (value === null) continue;
        if (Array.isArray(value)) result.push(...value);
        else result.push(value);
      }
      return result;
    };
  }
  if (typeof node !== 'object' || node === null) return () => node;
  const record = node as Record<string, unknown>;
  const when = typeof record.$when === 'string' ? /^\$\{(.*)\}$/.exec(record.$when)?.[1] : undefined;
  if (record.$when !== undefined && when === undefined) throw new Unsupported(String(record.$when));
  const condition = when === undefined ? undefined : compileCondition(when);
  const dataSource = record.$data;
  const data = dataSource === undefined ? undefined : compileNode(dataSource);
  const fields = Object.keys(record)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compileNode(record[key])] as const);
  const single = (scope: Scope) => {
    if (condition && !condition(scope)) return undefined;
    const result: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = field(scope);
      if (value !== undefined) result[key] = value;
    }
    return result;
  };
  return (scope) => {
    if (!data) return single(scope) ?? null;
    const bound = data(scope);
    const contexts = Array.isArray(bound) ? bound : [bound];
    const results: unknown[] = [];
    contexts.forEach((context, index) => {
      const inner: Scope = { root: scope.root, data: context === undefined ? scope.data : context, index: Array.isArray(bound) ? index : scope.index };
      const value = single(inner);
      if (value !== undefined) results.push(value);
    });
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

export function compileTemplate(template: unknown): ((root: unknown) => unknown) | undefined {
  try {
    const compiled = compileNode(template);
    return (root) => compiled({ root, data: root, index: undefined });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
