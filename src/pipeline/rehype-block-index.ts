import type { Root } from 'hast';

/**
 * mdast-util-to-hast puts a code block's `hProperties` on its inner `code`, so the block number
 * remark-block-index gave it would sit one level down, where the editions (which read top-level
 * blocks) miss it and print the block after the chapter. The number moves up to the `pre`.
 */
export function rehypeBlockIndex() {
  return (tree: Root) => {
    for (const node of tree.children) {
      if (node.type !== 'element' || node.tagName !== 'pre' || node.properties.dataBlock !== undefined) continue;
      const code = node.children.find((child) => child.type === 'element' && child.tagName === 'code');
      if (code?.type !== 'element' || code.properties.dataBlock === undefined) continue;
      node.properties.dataBlock = code.properties.dataBlock;
      delete code.properties.dataBlock;
    }
  };
}
