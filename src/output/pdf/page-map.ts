import type { Edition } from '../../editions/edition.ts';
import type { PageMap, PageStart } from '../page-blocks.ts';
import { pageGeometry, pointsPerMm } from './geometry.ts';
import { poppler } from './poppler.ts';
import type { Sandbox } from './sandbox.ts';

/** The destination names of each chapter's blocks, by block number (`''`: a block the printing lays out nowhere). */
export type BlockTargets = string[][];

/**
 * Makes each marked block of each chapter a named destination of the printed PDF: Chromium writes one only
 * for an element an internal link points to, so a hidden list of links (never laid out, so never a link
 * annotation or a tag) points at every block's first element; one without an id gets `pb<chapter>-<block>`.
 * Runs once, before the first printing; the page of every block then comes with the destinations print.ts
 * reads anyway, so the page map costs no printing of its own.
 */
export async function linkPageBlocks(print: Sandbox): Promise<BlockTargets> {
  return print.evaluate(() => {
    const doc = globalThis.document;
    const links = doc.createElement('div');
    links.hidden = true;
    links.style.display = 'none';
    const targets = Array.from(doc.querySelectorAll('article.chapter'), (article, chapter) => {
      const names: string[] = [];
      article.querySelectorAll<HTMLElement>('[data-page-block]').forEach((element) => {
        const block = Number(element.dataset.pageBlock);
        // A block cut into rows (a bilingual list) starts at its first row.
        if (names[block] !== undefined) return;
        if (!element.id) element.id = `pb${chapter + 1}-${block}`;
        names[block] = element.id;
        const link = doc.createElement('a');
        link.href = `#${element.id}`;
        links.append(link);
      });
      return Array.from(names, (name) => name ?? '');
    });
    doc.body.append(links);
    return targets;
  });
}

/** The page map of a printing, from its named destinations (name → page). */
export function pageMapOf(targets: BlockTargets, pages: ReadonlyMap<string, number>, ids: { sources: string; colophon: string }, pageCount: number): PageMap {
  const blockPages = targets.map((names) => names.map((name) => (name ? pages.get(name) : undefined)));
  const firsts = blockPages.map((list) => list.find((page) => page !== undefined));
  const sources = pages.get(ids.sources);
  const colophon = pages.get(ids.colophon);
  const chapters = blockPages.map((list, index) => {
    const first = firsts[index];
    if (first === undefined) return [];
    // The chapter ends where the next division opens (its blank left-hand page before that included).
    const end = firsts.slice(index + 1).find((page) => page !== undefined) ?? sources ?? colophon ?? pageCount + 1;
    const starts: PageStart[] = [];
    let from = 0;
    for (let page = first; page < end; page++) {
      // The first block from the previous page's on that starts on this page or later: the breaks stay in reading order.
      let block = from;
      while (block < list.length && (list[block] === undefined || list[block]! < page)) block++;
      starts.push({ page, block: block < list.length ? block : null });
      from = block;
    }
    return starts;
  });
  return { pages: pageCount, title: 1, chapters, sources, colophon };
}

/** As many characters of a page's first line as the EPUB looks for: enough not to be found by chance. */
const firstLineLength = 24;

/**
 * The page map with the first characters of each chapter page's text (its first line inside the text block,
 * without running head or foot), read from the finished PDF by one `pdftotext`: where a page starts inside a
 * paragraph, table or code block that began on the page before, the EPUB finds them in that block and puts its
 * page break there rather than before the next block. A chapter's opening page starts at its title, so it has none.
 */
export async function withFirstLines(map: PageMap, file: string, edition: Edition): Promise<PageMap> {
  const continued = map.chapters.flatMap((starts) => starts.slice(1).map((start) => start.page));
  if (continued.length === 0) return map;
  const { height, margin } = pageGeometry(edition);
  const { bleed } = edition.meta.pdf;
  const bleedMm = bleed ? Number.parseFloat(bleed) : 0;
  const [first, last] = [Math.min(...continued), Math.max(...continued)];
  // At 72 dpi pdftotext's crop box is in points: the text block's height, the sheet's whole width.
  const top = Math.floor((bleedMm + margin.top) * pointsPerMm);
  const crop = ['-x', '0', '-y', String(top), '-W', '100000', '-H', String(Math.ceil((height - margin.top - margin.bottom) * pointsPerMm))];
  const text = await poppler('pdftotext', ['-r', '72', ...crop, '-f', String(first), '-l', String(last), '-enc', 'UTF-8', file, '-']);
  const pages = text.split('\f');
  const firstLine = (page: number) => (pages[page - first] ?? '').split('\n').map((line) => line.replace(/\s+/g, '')).find((line) => line !== '')?.slice(0, firstLineLength);
  const chapters = map.chapters.map((starts) =>
    starts.map((start, index): PageStart => {
      const line = index === 0 ? undefined : firstLine(start.page);
      return line ? { ...start, firstLine: line } : start;
    }),
  );
  return { ...map, chapters };
}
