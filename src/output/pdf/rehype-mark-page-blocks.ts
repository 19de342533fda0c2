import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { mapPageBlocks } from '../page-blocks.ts';

/**
 * Each block of a chapter marked with its number (`data-page-block`, see output/page-blocks.ts), so that the
 * printing can tell on which page each starts and the EPUB put its page breaks at the same blocks. Runs before
 * any adaptation that changes the blocks (rehype-pair-rows copies a mark onto every row cut from its block:
 * the first copy is where the block starts).
 */
export function rehypeMarkPageBlocks() {
  return (tree: Root, file: VFile): Root => {
    if (!file.data.editionChapter) return tree;
    const children = mapPageBlocks(tree.children as ElementContent[], (block, index) => [{ ...block, properties: { ...block.properties, dataPageBlock: String(index) } }]);
    return { ...tree, children: children as Root['children'] };
  };
}
