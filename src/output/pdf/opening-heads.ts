import { cssString } from './page-css.ts';
import type { Sandbox } from './sandbox.ts';

/** A division whose right-hand pages carry its running head: its named page, its heading's id and the head. */
export interface OpeningHead {
  page: string;
  id: string;
  head: string;
  /** The margin box the head is in (page-css.ts): top-left on the odd pages of a book bound on the right. */
  corner?: 'top-left' | 'top-right';
  /**
   * A chapter of spreads (spreads.ts) opens on an even page, facing its first odd page: both go without heads,
   * the even one's being the book's title, in its own corner.
   */
  spread?: { evenHead: string; evenCorner: 'top-left' | 'top-right' };
}

/**
 * The rules that leave a division's opening page without its running head, as books have it, while its other
 * right-hand pages keep it. Chromium has no `:first` for a named page other than the document's first, nor
 * `:nth()`, but a margin box can show the page number in a counter style of the book's own: a `fixed` style
 * whose one symbol, for the opening page's number, is empty, and whose fallback writes the head for every
 * other number. The opening pages come from the printing before, so these rules change with every printing;
 * they change nothing but the margin boxes, never where a page breaks.
 */
export function openingHeadRules(heads: readonly OpeningHead[], pages: ReadonlyMap<string, number>): string {
  return heads
    .flatMap((division, index) => {
      const page = pages.get(division.id);
      if (page === undefined || division.head === '') return [];
      const style = `opening-head-${index + 1}`;
      const { spread } = division;
      return [
        `@counter-style ${style}-text { system: cyclic; symbols: ${cssString(division.head)}; }`,
        // Spreads: the opening (even) page and the odd page facing it.
        `@counter-style ${style} { system: fixed ${page}; symbols: ""${spread ? ' ""' : ''}; fallback: ${style}-text; }`,
        `@page ${division.page}:right { @${division.corner ?? 'top-right'} { content: counter(page, ${style}); } }`,
        ...(spread
          ? [
              `@counter-style ${style}-even-text { system: cyclic; symbols: ${cssString(spread.evenHead)}; }`,
              `@counter-style ${style}-even { system: fixed ${page}; symbols: ""; fallback: ${style}-even-text; }`,
              `@page ${division.page}:left { @${spread.evenCorner} { content: counter(page, ${style}-even); } }`,
            ]
          : []),
      ];
    })
    .join('\n');
}

/** Writes the rules for the pages the next printing will have into the print page, replacing the last ones. */
export async function showOpeningHeads(print: Sandbox, heads: readonly OpeningHead[], pages: ReadonlyMap<string, number>): Promise<void> {
  await print.evaluate((rules) => {
    const id = 'bilingual-book-opening-heads';
    let style = globalThis.document.getElementById(id);
    if (!style) {
      style = globalThis.document.createElement('style');
      style.id = id;
      globalThis.document.head.append(style);
    }
    style.textContent = rules;
  }, openingHeadRules(heads, pages));
}
