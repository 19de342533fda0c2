import { cssString } from './page-css.ts';
import type { Sandbox } from './sandbox.ts';

/** A running head in a margin box: the named page's selector (`chapter-1:right`), the box's corner and the head. */
export interface HeadBox {
  selector: string;
  corner: 'top-left' | 'top-right';
  head: string;
}

/** A division whose heads go blank where it opens: its heading's id, the boxes, and how many pages from the opening. */
export interface OpeningHead {
  id: string;
  boxes: HeadBox[];
  /** 1, or 2 for a chapter of spreads (spreads.ts), whose opening even page and the odd page facing it both go without. */
  pages: number;
}

/**
 * The rules that leave a division's opening page without its running head, as books have it, while its other
 * pages keep it. Chromium has no `:first` for a named page other than the document's first, nor `:nth()`, but
 * a margin box can show the page number in a counter style of the book's own: a `fixed` style whose symbols,
 * for the opening pages' numbers, are empty, and whose fallback writes the head for every other number. The
 * opening pages come from the printing before, so these rules change with every printing; they change nothing
 * but the margin boxes, never where a page breaks.
 */
export function openingHeadRules(heads: readonly OpeningHead[], pages: ReadonlyMap<string, number>): string {
  return heads
    .flatMap((division, index) => {
      const page = pages.get(division.id);
      if (page === undefined) return [];
      return division.boxes.flatMap((box, boxIndex) => {
        const style = `opening-head-${index + 1}-${boxIndex + 1}`;
        return [
          `@counter-style ${style}-text { system: cyclic; symbols: ${cssString(box.head)}; }`,
          `@counter-style ${style} { system: fixed ${page}; symbols: ${Array(division.pages).fill('""').join(' ')}; fallback: ${style}-text; }`,
          `@page ${box.selector} { @${box.corner} { content: counter(page, ${style}); } }`,
        ];
      });
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
