/**
 * Line numbers for JSON values, so an import error can say "line 14" and not only a path.
 * A small scanner over already-valid JSON (JSON.parse runs first): it records where each value starts.
 */
export type JsonPath = readonly (string | number)[];

export function pathKey(path: JsonPath): string {
  return path.map(String).join('.');
}

/** Maps `pathKey(path)` to the 1-based line where that value starts. */
export function jsonLineIndex(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;

  const skipSpace = () => {
    while (index < text.length && /\s/.test(text[index] as string)) {
      if (text[index] === '\n') line++;
      index++;
    }
  };
  const readString = (): string => {
    const start = index;
    index++;
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const readValue = (path: (string | number)[]): void => {
    skipSpace();
    lines.set(pathKey(path), line);
    const char = text[index];
    if (char === '{') {
      index++;
      skipSpace();
      while (text[index] !== '}') {
        skipSpace();
        const key = readString();
        skipSpace();
        index++; // colon
        readValue([...path, key]);
        skipSpace();
        if (text[index] === ',') index++;
        skipSpace();
      }
      index++;
    } else if (char === '[') {
      index++;
      skipSpace();
      let position = 0;
      while (text[index] !== ']') {
        readValue([...path, position++]);
        skipSpace();
        if (text[index] === ',') index++;
        skipSpace();
      }
      index++;
    } else if (char === '"') {
      readString();
    } else {
      while (index < text.length && !/[\s,\]}]/.test(text[index] as string)) index++;
    }
  };
  readValue([]);
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
