import type { Element, ElementContent } from 'hast';

/**
 * The elements a printed page can start at, as far as the EPUB's page breaks follow the PDF's pages: every
 * block and each list item, table row and description. A page that starts inside one of them (a paragraph
 * longer than what is left of the page) is placed before the next one that starts on it.
 */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tr', 'ul',
]);

/**
 * A copy of a chapter's content in which `change` replaced each block, numbered from 0 in document order
 * (a block before the blocks inside it). The PDF's document marks the blocks with these numbers and the
 * EPUB's chapter files put their page breaks by them: both number the same edition chapter's `body`, before
 * any output's own adaptations, so a number names the same block in both. `parent` is the block's parent
 * element (none at the top of the chapter).
 */
export function mapPageBlocks(
  nodes: readonly ElementContent[],
  change: (block: Element, index: number, parent: Element | undefined) => ElementContent[],
): ElementContent[] {
  let next = 0;
  const walk = (list: readonly ElementContent[], parent: Element | undefined): ElementContent[] =>
    list.flatMap((node) => {
      if (node.type !== 'element') return [node];
      const index = blockTags.has(node.tagName) ? next++ : undefined;
      const copy: Element = { ...node, children: walk(node.children, node) };
      return index === undefined ? [copy] : change(copy, index, parent);
    });
  return walk(nodes, undefined);
}

/** Where one printed page starts in a chapter: before its block numbered `block` (mapPageBlocks), or after its last (`null`). */
export interface PageStart {
  page: number;
  block: number | null;
  /**
   * The page's first characters (whitespace left out), when it does not open the chapter: if a block before
   * `block` holds them, the page starts inside that block, there.
   */
  firstLine?: string;
}

/**
 * Where the printed pages start in what the EPUB shows of the book, read off the PDF's named destinations: the
 * title page, each page of each chapter (blank left-hand pages before the next chapter count as the end of
 * the one before), the first page of the sources and the colophon. The EPUB's page-list follows it.
 */
export interface PageMap {
  title: number;
  /** Per chapter of the edition, in order, each of its pages. */
  chapters: PageStart[][];
  sources: number | undefined;
  colophon: number | undefined;
}
