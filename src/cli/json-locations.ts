/**
 * Line numbers for JSON values, so an import error can say "line 14" and not only a path.
 * A small scanner over already-valid JSON (JSON.parse runs first): it records where each value starts.
 */
export type JsonPath = readonly (string | number)[];

export function pathKey(path: JsonPath): string {
  return path.map(String).join('.');
}

/** The paths asked for, as a tree of keys: a subtree nobody asked about is scanned past, not recorded. */
type Wanted = Map<string, Wanted>;

function wantedTree(paths: readonly JsonPath[]): Wanted {
  const root: Wanted = new Map();
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      const key = String(step);
      let next = node.get(key);
      if (!next) node.set(key, (next = new Map()));
      node = next;
    }
  }
  return root;
}

interface Frame {
  kind: 'object' | 'array';
  /** The wanted subtree of this container; undefined when nothing inside it was asked for. */
  wanted: Wanted | undefined;
  path: string[];
  position: number;
}

/**
 * Maps `pathKey(path)` to the 1-based line where that value starts, for the given paths and their
 * ancestors only (what the first errors of an import need, not every value of a large file). One
 * pass, with its own stack: a value nested 100,000 deep is located, not a stack overflow.
 */
export function jsonLineIndex(text: string, paths: readonly JsonPath[]): Map<string, number> {
  const lines = new Map<string, number>();
  const root = wantedTree(paths);
  const stack: Frame[] = [];
  let index = 0;
  let line = 1;

  const skipSpace = () => {
    for (let char = text.charCodeAt(index); char === 32 || char === 9 || char === 10 || char === 13; char = text.charCodeAt(++index)) {
      if (char === 10) line++;
    }
  };
  const readString = (): string => {
    const start = index++;
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  /** Records the value starting here when it was asked for; opens a frame for a container. */
  const startValue = (wanted: Wanted | undefined, path: string[]) => {
    skipSpace();
    if (wanted) lines.set(path.join('.'), line);
    const char = text[index];
    if (char === '{' || char === '[') {
      index++;
      stack.push({ kind: char === '{' ? 'object' : 'array', wanted, path, position: 0 });
    } else if (char === '"') readString();
    else while (index < text.length && !/[\s,\]}]/.test(text[index] as string)) index++;
  };

  startValue(root, []);
  while (stack.length > 0 && index < text.length) {
    const frame = stack[stack.length - 1] as Frame;
    skipSpace();
    if (text[index] === ',') {
      index++;
      skipSpace();
    }
    if (text[index] === (frame.kind === 'object' ? '}' : ']')) {
      index++;
      stack.pop();
      continue;
    }
    let key: string;
    if (frame.kind === 'object') {
      key = readString();
      skipSpace();
      index++; // colon
    } else key = String(frame.position++);
    const wanted = frame.wanted?.get(key);
    startValue(wanted, wanted ? [...frame.path, key] : frame.path);
  }
  return lines;
}

/** The line of the deepest known value along a path (a missing field points at its object). */
export function lineOf(lines: Map<string, number>, path: JsonPath): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const found = lines.get(pathKey(path.slice(0, length)));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** "line 3, column 7" for a JSON.parse SyntaxError, which reports a character position. */
export function syntaxErrorLocation(text: string, error: SyntaxError): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return error.message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
}
