/**
 * Reading card text the way Teams does. Teams renders TextBlock text and FactSet titles and values
 * as Markdown (CommonMark's rules, a subset of its constructs); these helpers say what such text
 * shows and which formatting in it would still take effect.
 */
import { elements } from '../cards/card-inspection.js';

/** What a CommonMark renderer shows for text with no formatting left: a backslash before ASCII punctuation means that character. */
export function shownAsText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * The formatting that would still take effect, one entry per marker not preceded by an odd run of
 * backslashes: emphasis and strikethrough, code, links and images, HTML, mentions and autolinks,
 * entities, Adaptive Card date functions; at a line start, headings, bullets, setext underlines and
 * numbered lists.
 */
export function activeMarkdown(markdown: string): string[] {
  const found: string[] = [];
  const unescaped = (pattern: RegExp) => {
    for (const match of markdown.matchAll(pattern)) {
      const marker = match[1] ?? match[0];
      const before = markdown.slice(0, match.index + match[0].length - marker.length);
      if (/\\*$/.exec(before)![0].length % 2 === 0) found.push(marker);
    }
  };
  unescaped(/([*_~`[\]<>{]|&(?=#?[A-Za-z0-9]+;))/g);
  unescaped(/^[ \t]*(#|[-+=]|\d+[.)])/gm);
  return found;
}

/** Every piece of a card that Teams renders as Markdown: TextBlock text, Fact titles and values. */
export function markdownTexts(card: unknown): string[] {
  return elements(card).flatMap((element) => {
    if (element.type === 'TextBlock') return [String(element.text)];
    if (element.type === 'FactSet') return (element.facts as { title: string; value: string }[]).flatMap((fact) => [fact.title, fact.value]);
    return [];
  });
}
