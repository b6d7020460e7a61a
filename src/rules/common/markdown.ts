/**
 * Text people typed (organization, contact, customer and person names, a Teams display name),
 * made to show as typed in a card: Teams renders TextBlock text and FactSet titles and values as
 * Markdown, so an organization called `[Renew here](https://evil.example)` would otherwise show a
 * link, `**x**` bold text, `# title` a heading and `1. foo` a list.
 *
 * Every character that can open formatting gets a backslash, which CommonMark (and the Teams
 * desktop, web and mobile renderers) read as "this character, literally": emphasis (`*`, `_`,
 * `~`), code (`` ` ``), links and images (`[`, `]`), autolinks, HTML and mentions (`<`, `>`),
 * entities (`&` of `&amp;`), Adaptive Card date functions (`{{DATE(...)}}`), and the backslash
 * itself. Block markers only count at the start of a line, so `#`, `-`, `+`, `=` and `1.` / `1)`
 * are escaped there only: "Contoso-Fabrikam 2.0" stays readable in clients that show escapes.
 *
 * Apply it where user text enters a view model, never to text bound to inputs, URLs or action data
 * (those are not Markdown, and a backslash would show or change an id).
 *
 * @example escapeMarkdown('**Contoso** [site](https://x.example)') // '\\*\\*Contoso\\*\\* \\[site\\](https://x.example)'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>{}]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
