import { ident, string, tokenize, tokenTypes, url } from 'css-tree';
import { isOwnReference } from './references.ts';
import { lineLocator } from './text-lines.ts';

/** A reference in CSS that leaves the site: a remote `@import` or `url()`, with its place in the CSS. */
export interface ForeignReference {
  url: string;
  kind: '@import' | 'url()';
  line: number;
  column: number;
}

/** Functions whose string arguments a browser fetches. */
const fetching = new Set(['url', 'src', 'image-set', '-webkit-image-set']);

/**
 * Every `@import` and `url()` in CSS (a style sheet, a `<style>`, a `style` attribute, a presentation
 * attribute) that points to another host. Read from css-tree's tokens, not its tree: a custom property or a
 * value css-tree cannot parse is still tokenized as a browser tokenizes it, so `--x: url(//host)` used
 * through `var(--x)` is seen. An escaped name (`u\72l(`) or a broken `url(` is refused outright: nothing
 * honest writes one.
 */
export function foreignCssReferences(css: string): ForeignReference[] {
  const found: ForeignReference[] = [];
  const at = lineLocator(css);
  const add = (value: string, kind: ForeignReference['kind'], offset: number) => {
    if (!isOwnReference(value)) found.push({ url: value, kind, ...at(offset) });
  };
  // The functions open around the current token, innermost last; `@import` counts as one until its `;`.
  const open: string[] = [];
  tokenize(css, (type, start, end) => {
    const text = css.slice(start, end);
    if (type === tokenTypes.Function) {
      const raw = text.slice(0, -1).toLowerCase();
      const name = ident.decode(raw).toLowerCase();
      if (name !== raw && fetching.has(name)) found.push({ url: text, kind: 'url()', ...at(start) });
      open.push(name);
    } else if (type === tokenTypes.LeftParenthesis) open.push('(');
    else if (type === tokenTypes.RightParenthesis) {
      if (open.at(-1) !== '@import') open.pop();
    } else if (type === tokenTypes.AtKeyword && ident.decode(text.slice(1)).toLowerCase() === 'import') open.push('@import');
    else if ((type === tokenTypes.Semicolon || type === tokenTypes.LeftCurlyBracket) && open.at(-1) === '@import') open.pop();
    else if (type === tokenTypes.Url) add(url.decode(text), open.includes('@import') ? '@import' : 'url()', start);
    else if (type === tokenTypes.BadUrl) found.push({ url: text, kind: 'url()', ...at(start) });
    else if (type === tokenTypes.String && open.some((name) => fetching.has(name) || name === '@import')) {
      add(string.decode(text), open.includes('@import') ? '@import' : 'url()', start);
    }
  });
  return found;
}
