import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { chapterScope, scopeIds } from './ids.ts';

/** A chapter's ids made unique in the one document the PDF is (see ids.ts). Runs first: it copies the whole tree. */
export function rehypeScopeIds() {
  return (tree: Root, file: VFile): Root => {
    const { edition, editionChapter } = file.data;
    const index = edition && editionChapter ? edition.chapters.indexOf(editionChapter) : -1;
    if (index < 0) return tree;
    return { ...tree, children: scopeIds(tree.children as ElementContent[], chapterScope(index)) };
  };
}
