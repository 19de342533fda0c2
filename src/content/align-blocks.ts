import path from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** The top-level blocks that take part in alignment: definitions print nothing. */
export function alignedBlocks(tree: Root): RootContent[] {
  return tree.children.filter((node) => node.type !== 'definition' && node.type !== 'footnoteDefinition');
}

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

/**
 * Checks that the translation has the source's top-level blocks in the same order and shape. The first
 * mismatch is reported on the translation with the source's `file:line` too; later blocks are not
 * compared, since one missing paragraph shifts them all.
 */
export function alignBlocks(source: { tree: Root; file: VFile }, translation: { tree: Root; file: VFile }, cwd: string): boolean {
  const sourceBlocks = alignedBlocks(source.tree);
  const translationBlocks = alignedBlocks(translation.tree);
  const sourceName = path.relative(cwd, source.file.path);
  const count = Math.max(sourceBlocks.length, translationBlocks.length);
  for (let index = 0; index < count; index++) {
    const a = sourceBlocks[index];
    const b = translationBlocks[index];
    if (a && b && blockShape(a) === blockShape(b)) continue;
    const sourceLine = a?.position ? `${sourceName}:${a.position.start.line}` : `${sourceName} (end)`;
    const what = a
      ? b
        ? `Block ${index + 1} is ${blockShape(b)} but its source at ${sourceLine} is ${blockShape(a)}`
        : `Block ${index + 1} is missing: its source at ${sourceLine} is ${blockShape(a)} with no translation`
      : `Block ${index + 1} (${blockShape(b!)}) has no source block: ${sourceName} has ${sourceBlocks.length} block(s)`;
    const place = b?.position ?? translationBlocks.at(-1)?.position;
    report(translation.file, `${what}; give each source block exactly one translated block of the same kind`, {
      ruleId: ruleIds.alignment,
      ...(place ? { place } : {}),
    });
    return false;
  }
  return true;
}
