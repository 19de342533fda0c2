import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { linkPrintedChapter } from './chapter-links.ts';

/** Links between chapters as links inside the one document (see chapter-links.ts). Runs after rehype-scope-ids. */
export function rehypePrintedChapterLinks() {
  return (tree: Root, file: VFile): Root => {
    const { edition, editionChapter } = file.data;
    if (!edition || !editionChapter) return tree;
    linkPrintedChapter(edition, editionChapter, tree.children as ElementContent[]);
    return tree;
  };
}
