import type { Page } from 'puppeteer';
import type { PrintDocument } from './document.ts';
import type { Sandbox } from './sandbox.ts';

/** A box taller than this share of the text block splits across pages; a shorter one moves whole to the next. */
const longShare = 1 / 3;

/**
 * Marks the boxes too tall to move whole (`.long`). book.css keeps boxes (an editor's note, a bilingual pair) on
 * one page, which for a box nearly a page tall would leave most of a page empty; CSS cannot tell the two apart,
 * so they are measured here, laid out at the width of the printed text block, before the first printing.
 */
export async function markLongBlocks(page: Page, print: Sandbox, document: PrintDocument): Promise<void> {
  const { widthPx, heightPx } = document.textBlock;
  await page.setViewport({ width: Math.round(widthPx), height: Math.round(heightPx) });
  await page.emulateMediaType('print');
  await print.evaluate((limit) => {
    globalThis.document.querySelectorAll<HTMLElement>('.chapter :is(blockquote, aside, details, figure, table, .pair)').forEach((box) => {
      if (box.getBoundingClientRect().height > limit) box.classList.add('long');
    });
  }, heightPx * longShare);
}
