import type { ElementContent, Root } from 'hast';
import { epubContent } from './content.ts';

/** Note calls, notes, `xml:lang` and task boxes as EPUB readers want them (see content.ts). */
export function rehypeEpubContent() {
  return (tree: Root): Root => ({ ...tree, children: epubContent(tree.children as ElementContent[]) });
}
