import type { Html, Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A raw HTML node as its author wrote it. */
export interface WrittenHtml {
  /** The node, its value as written: remark-images and the link stages rewrite `src` and `href` in it later. */
  node: Html & { position: Position };
  /** A block of its own (or of a list item, a quote), rather than tags inside a paragraph. */
  block: boolean;
}

declare module 'vfile' {
  interface DataMap {
    /** For rehype-raw-html-report, which reads the elements rehype-raw makes of them and removes this. */
    writtenHtml: WrittenHtml[];
  }
}

/** Parents whose `html` children are blocks; elsewhere they are tags within text. */
const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'rawBlock']);

/**
 * Raw HTML passes only through an allow-list (a shared book folder must not inject scripts or embeds);
 * rehype-raw-html-report reports what the allow-list removes, at the tags the author wrote. The places
 * come from here: rehype-raw computes its elements' positions from the values as later stages rewrote
 * them, and without the indent or `>` of a list or quote. So each raw node is kept as written, in
 * document order.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    const written: WrittenHtml[] = [];
    visit(tree, 'html', (node, _index, parent) => {
      if (!node.position) return;
      written.push({ node: { ...node, position: node.position }, block: blockParents.has(parent?.type ?? 'root') });
    });
    file.data.writtenHtml = written;
  };
}
