import type { Edition } from '../../editions/edition.ts';
import type { PageMap, PageStart } from '../page-blocks.ts';
import { isVertical } from '../writing-mode.ts';
import { pageGeometry, pointsPerMm } from './geometry.ts';
import { poppler } from './poppler.ts';
import { pdfTextWords, type TextLine } from './text.ts';

/** As many of a page's first characters as the EPUB looks for: enough to tell apart lines that start alike. */
const firstLineLength = 48;

/**
 * The page map with the first characters of each chapter page's text (whitespace left out, inside the text
 * block: no running head or foot), read from the finished PDF by one `pdftotext`: where a page starts inside a
 * paragraph, table row or code block that began on the page before, the EPUB finds them in that block and puts
 * its page break there rather than before the next block. A chapter's opening page starts at its title.
 */
export async function withFirstLines(map: PageMap, file: string, edition: Edition): Promise<PageMap> {
  const continued = map.chapters.flatMap((starts) => starts.slice(1).map((start) => start.page));
  if (continued.length === 0) return map;
  const { height, margin } = pageGeometry(edition);
  const { bleed } = edition.meta.pdf;
  // At 72 dpi pdftotext counts in points, from the sheet's top (the bleed included).
  const top = ((bleed ? Number.parseFloat(bleed) : 0) + margin.top) * pointsPerMm;
  const bottom = top + (height - margin.top - margin.bottom) * pointsPerMm;
  const [first, last] = [Math.min(...continued), Math.max(...continued)];
  const range = ['-r', '72', '-f', String(first), '-l', String(last), '-enc', 'UTF-8'];
  const texts = isVertical(edition)
    ? verticalPages(await pdfTextWords(file, range), top, bottom)
    : (await poppler('pdftotext', [...range, '-x', '0', '-y', String(Math.floor(top)), '-W', '100000', '-H', String(Math.ceil(bottom - top)), file, '-'])).split('\f');
  const chapters = map.chapters.map((starts) =>
    starts.map((start, index): PageStart => {
      const line = index === 0 ? '' : (texts[start.page - first] ?? '').replace(/\s+/g, '').slice(0, firstLineLength);
      return line ? { ...start, firstLine: line } : start;
    }),
  );
  return { ...map, chapters };
}

/**
 * The text of each page set vertically, column after column from the right: pdftotext reads such a page across
 * the columns, a character of each a line, so its words' boxes (`-bbox`) are put in columns here instead.
 */
function verticalPages(pages: TextLine[][], top: number, bottom: number): string[] {
  return pages.map((page) => {
    const words = page
      .filter((word) => word.yMin >= top && word.yMax <= bottom)
      .map((word) => ({ x: (word.xMin + word.xMax) / 2, y: word.yMin, text: word.text }));
    // Columns from the right; a character belongs to the column whose middle is within a few points of its own
    // (two digits set across one character, 縦中横, are wider than a character but share its middle).
    const columns: Array<{ x: number; words: typeof words }> = [];
    for (const word of words.sort((a, b) => b.x - a.x)) {
      const column = columns.at(-1);
      if (column && column.x - word.x < 3) column.words.push(word);
      else columns.push({ x: word.x, words: [word] });
    }
    return columns.map((column) => column.words.sort((a, b) => a.y - b.y).map((word) => word.text).join('')).join('');
  });
}
