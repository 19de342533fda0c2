import type { RootContent } from 'mdast';

/** What must match between a block and its translation, in words for a message. */
export function blockShape(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `a level-${node.depth} heading`;
    case 'list':
      return `${node.ordered ? 'a numbered' : 'a bulleted'} list of ${node.children.length} item(s)`;
    case 'table':
      return `a table of ${node.children.length} row(s) and ${node.children[0]?.children.length ?? 0} column(s)`;
    case 'blockquote':
      return `a quote of ${node.children.length} block(s)`;
    case 'code':
      return 'a code block';
    case 'thematicBreak':
      return 'a thematic break';
    case 'paragraph':
      return 'a paragraph';
    default:
      return `a ${node.type} block`;
  }
}
