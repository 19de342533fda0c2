import type { PageMap, PageStart } from '../page-blocks.ts';
import type { Sandbox } from './sandbox.ts';
import { backMatterIds } from './toc.ts';

/**
 * Each chapter's blocks by number: the destination name that gives the page the block starts on (`''`: laid
 * out nowhere), and the number of the last block inside it (itself when none).
 */
export type BlockTargets = Array<{ names: string[]; lasts: number[] }>;

/**
 * Makes the start of each marked block of each chapter a named destination of the printed PDF: Chromium writes
 * one only for an element an internal link points to, so a hidden list of links (never laid out, so never a
 * link annotation or a tag) points at every block's first element; one without an id gets `pb<chapter>-<block>`.
 * Runs once, before the first printing; the page of every block then comes with the destinations print.ts
 * reads anyway, so the page map costs no printing of its own.
 *
 * A destination is where the element's box begins on the page, its top left corner: in vertical writing that
 * is where a block spanning pages ends. Such a block's destination is an empty `<span>` put before its first text
 * (inside the inline elements before it, so that blocks and boxes keep their first children), which lays out
 * nothing and stands where the block's first line begins.
 */
export async function linkPageBlocks(print: Sandbox): Promise<BlockTargets> {
  return print.evaluate(() => {
    const doc = globalThis.document;
    const links = doc.createElement('div');
    links.hidden = true;
    links.style.display = 'none';
    // The block's first text, when nothing but inline elements stands before it: where its first line begins.
    const firstText = (element: Element): Text | undefined => {
      for (const node of Array.from(element.childNodes)) {
        if (node instanceof Text) {
          if (node.data.trim() !== '') return node;
        } else if (node instanceof HTMLElement) {
          return getComputedStyle(node).display.startsWith('inline') ? firstText(node) : undefined;
        }
      }
      return undefined;
    };
    const targets = Array.from(doc.querySelectorAll('article.chapter'), (article, chapter) => {
      const names: string[] = [];
      const lasts: number[] = [];
      // Read before anything changes, so the layout is computed once: which copy of each block is laid out (a
      // spreads edition keeps its source rows hidden, spreads.ts), and where its first text is.
      const chosen = Array.from(article.querySelectorAll<HTMLElement>('[data-page-block]')).flatMap((element) => {
        const block = Number(element.dataset.pageBlock);
        // A block cut into rows (a bilingual list) or across spreads starts at its first copy that is laid out.
        if (names[block] !== undefined || element.getClientRects().length === 0) return [];
        names[block] = '';
        const inside = element.querySelectorAll<HTMLElement>('[data-page-block]');
        lasts[block] = inside.length > 0 ? Number(inside[inside.length - 1]!.dataset.pageBlock) : block;
        const text = getComputedStyle(element).writingMode.startsWith('vertical') ? firstText(element) : undefined;
        return [{ element, block, text }];
      });
      for (const { element, block, text } of chosen) {
        let target: HTMLElement = element;
        if (text) {
          target = doc.createElement('span');
          text.before(target);
        }
        if (!target.id) target.id = `pb${chapter + 1}-${block}`;
        names[block] = target.id;
        const link = doc.createElement('a');
        link.href = `#${target.id}`;
        links.append(link);
      }
      return { names: Array.from(names, (name) => name ?? ''), lasts: Array.from(lasts, (last, block) => last ?? block) };
    });
    doc.body.append(links);
    return targets;
  });
}

/** The page map of a printing, from its named destinations (name → page). */
export function pageMapOf(targets: BlockTargets, pages: ReadonlyMap<string, number>): PageMap {
  // A block starts where the first of it and the blocks inside it does (the box of a list can begin later).
  const blockPages = targets.map(({ names, lasts }) => {
    const own = names.map((name) => (name ? pages.get(name) : undefined));
    const starts = own.map((_, block) => {
      const inside = own.slice(block, (lasts[block] ?? block) + 1).filter((page): page is number => page !== undefined);
      return inside.length > 0 ? Math.min(...inside) : undefined;
    });
    // A block the print page does not show as itself starts where the block after it does.
    for (let block = starts.length - 2; block >= 0; block--) starts[block] ??= starts[block + 1];
    return starts;
  });
  const firsts = blockPages.map((list) => list.find((page) => page !== undefined));
  const sources = pages.get(backMatterIds.sources);
  const colophon = pages.get(backMatterIds.colophon);
  const chapters = blockPages.map((list, index) => {
    const first = firsts[index];
    if (first === undefined) return [];
    // The chapter ends where the next division opens (its blank left-hand page before that included).
    const end = firsts.slice(index + 1).find((page) => page !== undefined) ?? sources ?? colophon ?? Math.max(0, ...pages.values()) + 1;
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
  return { title: 1, chapters, sources, colophon };
}
