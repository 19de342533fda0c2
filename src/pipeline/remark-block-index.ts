import type { Root } from 'mdast';
import { isContentBlock } from './content-blocks.ts';

/**
 * Tags each top-level block with its position, carried into HTML as `data-block`, so the bilingual
 * edition can set block N of the Japanese beside block N of the English after both became hast.
 * Editions strip the attribute before anything is written.
 */
export function remarkBlockIndex() {
  return (tree: Root) => {
    let index = 0;
    for (const node of tree.children) {
      if (!isContentBlock(node)) continue;
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataBlock: index++ } };
    }
  };
}
