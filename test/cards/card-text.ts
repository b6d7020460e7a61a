/**
 * Everything a user can read on a rendered card, one piece a line, so conversation tests can assert
 * `expect(cardText(reply)).toContain('85 days')` without knowing the card's layout.
 * Collects TextBlock text, a RichTextBlock's runs as one line, FactSet titles and values, action titles,
 * input labels, placeholders and values (for a choice set, the title of the chosen choice too), also
 * inside a chart's fallback (what a client without charts shows) and inside containers shown on
 * demand. Hidden data (action `data`) is skipped.
 */
import type { CardAttachment } from '../../src/cards/render-card.js';

type Json = Record<string, unknown>;

/** `collapsed`: only what shows before any button is pressed (no element with `isVisible: false`). */
export function cardText(attachment: CardAttachment | { content: unknown }, options: { collapsed?: boolean } = {}): string {
  const parts: string[] = [];
  visit(attachment.content, parts, options.collapsed === true);
  return parts.join('\n');
}

function visit(node: unknown, parts: string[], collapsed: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, parts, collapsed);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Json;
  if (collapsed && element.isVisible === false) return;
  const type = typeof element.type === 'string' ? element.type : '';
  if (type === 'TextBlock') push(parts, element.text);
  if (type === 'RichTextBlock' && Array.isArray(element.inlines)) {
    push(parts, (element.inlines as Json[]).map((run) => (typeof run === 'string' ? run : String(run.text ?? ''))).join(''));
  }
  if (type === 'FactSet' && Array.isArray(element.facts)) {
    for (const fact of element.facts as Json[]) push(parts, fact.title, fact.value);
  }
  if (type.startsWith('Action.')) push(parts, element.title);
  if (type.startsWith('Input.')) {
    push(parts, element.label, element.placeholder, element.value);
    if (type === 'Input.ChoiceSet' && Array.isArray(element.choices)) {
      const chosen = (element.choices as Json[]).find((choice) => choice.value === element.value);
      push(parts, chosen?.title);
    }
  }
  for (const [key, value] of Object.entries(element)) {
    if (key !== 'data' && key !== 'choices' && key !== 'facts' && key !== 'inlines') visit(value, parts, collapsed);
  }
}

function push(parts: string[], ...values: unknown[]): void {
  for (const value of values) {
    if (typeof value === 'string' && value !== '') parts.push(value);
    else if (typeof value === 'number' || typeof value === 'boolean') parts.push(String(value));
  }
}
