import type { PageGeometry } from './geometry.ts';

/** A named page of the print document and what its running head says. */
export interface NamedPage {
  name: string;
  /** The running head of right-hand pages; left-hand pages carry the book's title. Empty: none. */
  head: string;
}

export interface PageRulesOptions {
  geometry: PageGeometry;
  bookTitle: string;
  /** The sponsor disclosure, one line per language of the edition; printed at the foot of every page. */
  disclosure: string[];
  pages: NamedPage[];
  /** The named pages that show neither running head nor page number (the title page, blank pages). */
  bare: string[];
  /**
   * The side the book is bound on: `left` (the default) for a book read left to right; `right` for one read
   * right to left (a vertical Japanese book, spreads.ts's vertical bilingual one), whose odd pages are
   * left-hand pages, so the gutter, the page number and the running heads change sides.
   */
  binding?: 'left' | 'right';
}

const mm = (value: number) => `${value}mm`;

/**
 * The `@page` rules that depend on the book: trim size and mirrored margins, running heads, page numbers and
 * the disclosure in the margin boxes. How the margin boxes look is in `templates/pdf/book.css`.
 * Chromium has no `string-set`, so each chapter is a named page with its title written into its rule.
 */
export function pageRules({ geometry, bookTitle, disclosure, pages, bare, binding = 'left' }: PageRulesOptions): string {
  const { width, height, margin, fontSize } = geometry;
  const lines = [
    `:root { --body-size: ${fontSize}pt; --page-height: ${mm(height - margin.top - margin.bottom)}; --text-width: ${mm(width - margin.inner - margin.outer)}; }`,
    `@page { size: ${mm(width)} ${mm(height)}; margin: ${mm(margin.top)} 0 ${mm(margin.bottom)};`,
    `  @bottom-center { content: ${cssString(disclosure.join('\n'))}; } }`,
    ...mirroredPages(geometry, bookTitle, pages, binding),
    ...bare.map((name) => `@page ${name} { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }`),
  ];
  return lines.join('\n');
}

type Side = 'left' | 'right';

/**
 * The outer side of the odd and of the even pages. Bound on the left, odd pages are right-hand pages; bound on
 * the right, they are left-hand pages, their gutter on their right. Chromium does not turn its `:left` and
 * `:right` round for a document set right to left: it calls the odd pages `:right` even in a `vertical-rl`
 * document (measured, Chromium 156), so in these rules `:right` names the odd pages and `:left` the even ones,
 * and each gets the margins and corners of the side it really lands on.
 */
export function outerSides(binding: Side): { odd: Side; even: Side } {
  return binding === 'left' ? { odd: 'right', even: 'left' } : { odd: 'left', even: 'right' };
}

/** Each page's gutter on its bound side; its number at its outer foot; the chapter's head on odd pages, the book's on even ones. */
function mirroredPages({ margin }: PageGeometry, bookTitle: string, pages: NamedPage[], binding: Side): string[] {
  const { odd, even } = outerSides(binding);
  const margins = (outer: Side) => {
    const [left, right] = outer === 'left' ? [margin.outer, margin.inner] : [margin.inner, margin.outer];
    return `margin-left: ${mm(left)}; margin-right: ${mm(right)};`;
  };
  return [
    `@page :left { ${margins(even)}`,
    `  @top-${even} { content: ${cssString(bookTitle)}; } @bottom-${even} { content: counter(page); } }`,
    `@page :right { ${margins(odd)}`,
    `  @bottom-${odd} { content: counter(page); } }`,
    ...pages.map((page) => `@page ${page.name}:right { @top-${odd} { content: ${cssString(page.head)}; } }`),
  ];
}

/**
 * A CSS string literal; a line break becomes `\A`, which the margin box keeps (`white-space: pre-line`).
 * The rules sit in a `<style>` element, which ends at the first `</style` whatever the CSS means: `<`, `>`
 * and `&` become hex escapes too, so a chapter title can never close the element and start HTML of its own.
 * Other control characters are escaped so that none ends the string or the rule.
 */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"<>&\u0000-\u001f\u007f]/g, (char) => (char === '\n' ? '\\A ' : `\\${char.codePointAt(0)!.toString(16).toUpperCase()} `))}"`;
}
