/**
 * Names people type show as typed in Teams cards. CommonMark, which Teams' card Markdown follows,
 * reads a backslash before any ASCII punctuation as that character literally: so text shows as
 * typed when (1) undoing exactly those escapes gives the typed text back, and (2) nothing that
 * starts formatting in Teams (emphasis, code, links, autolinks, mentions, entities, headings,
 * lists, date functions) is left without its backslash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/rules/common/markdown.js';
import { activeMarkdown, shownAsText } from '../support/markdown-reading.js';

const TYPED = [
  '[click](https://evil.example)',
  '**x**',
  '# title',
  '1. foo',
  '2) bar',
  '- item',
  '+ item',
  '> quoted',
  '_italic_ and *also*',
  '~~gone~~',
  '`code`',
  '<at>Megan Bowen</at>',
  '<https://evil.example>',
  '![img](https://evil.example/x.png)',
  'Tom &amp; Jerry &#169;',
  '{{DATE(2017-02-14T06:08:39Z, SHORT)}}',
  'back\\slash \\*not bold\\*',
  'Contoso & Sons <EMEA> "Cloud" ${organizationName} $5',
];

describe('escapeMarkdown', () => {
  it.each(TYPED)('shows %j as typed, with no formatting left', (typed) => {
    const escaped = escapeMarkdown(typed);
    expect(activeMarkdown(escaped)).toEqual([]);
    expect(shownAsText(escaped)).toBe(typed);
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['Contoso Ltd.', 'Contoso-Fabrikam 2.0', 'Ana Müller', "O'Brien (EMEA)", 'AT&T', 'megan@contoso.example', '株式会社コントソ']) {
      expect(escapeMarkdown(name)).toBe(name);
    }
  });

  it('shows any text as typed, with no formatting left', () => {
    const markdownish = fc.string({ unit: fc.constantFrom(...'*_~`[]()<>{}#+-=.!&;\\ \n\tab12'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), markdownish), (typed) => {
        const escaped = escapeMarkdown(typed);
        expect(activeMarkdown(escaped)).toEqual([]);
        expect(shownAsText(escaped)).toBe(typed);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });
});
