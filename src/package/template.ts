/**
 * Placeholders in the manifest template: `${{NAME}}` (the Microsoft 365 Agents Toolkit's
 * syntax, so its templates and ours read alike). Values are put into parsed JSON strings,
 * never spliced into JSON text, so a value cannot change the document's structure.
 */
import { readablePath } from './validate-manifest.js';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface FilledTemplate {
  value: unknown;
  /** Placeholders with no value, as `path: ${{NAME}}`. */
  unknown: string[];
}

export function fillPlaceholders(template: unknown, values: Readonly<Record<string, string>>): FilledTemplate {
  const unknown: string[] = [];
  const fill = (node: unknown, pointer: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole: string, name: string) => {
        const value = values[name];
        if (value !== undefined) return value;
        unknown.push(`${readablePath(pointer)}: unknown placeholder ${whole} (known: ${Object.keys(values).join(', ')})`);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => fill(item, `${pointer}/${index}`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, fill(item, `${pointer}/${key}`)]));
    }
    return node;
  };
  return { value: fill(template, ''), unknown };
}
