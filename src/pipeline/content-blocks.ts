import type { Root, RootContent } from 'mdast';

/** Top-level nodes that print nothing (definitions, front matter) take no part in block numbering or alignment. */
export function isContentBlock(node: RootContent): boolean {
  return node.type !== 'definition' && node.type !== 'footnoteDefinition' && node.type !== 'yaml';
}

/** The top-level blocks that print: numbered by remark-block-index, aligned between languages. */
export function contentBlocks(tree: Root): RootContent[] {
  return tree.children.filter(isContentBlock);
}
