import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { type LinkFormat, linkChapters } from './chapter-links.ts';

export interface ChapterLinksOptions {
  /** How the output writes a link to a chapter's page (and an id on it). */
  format: LinkFormat;
}

/**
 * Links between chapters in one output's form (`02-x.html#id` on the site, `02-x.xhtml#id` in an EPUB);
 * content that is not a chapter's passes unchanged.
 */
export function rehypeChapterLinks({ format }: ChapterLinksOptions) {
  return (tree: Root, file: VFile): Root => {
    const { edition, editionChapter } = file.data;
    if (!edition || !editionChapter) return tree;
    return { ...tree, children: linkChapters(edition, editionChapter, tree.children as ElementContent[], format) };
  };
}
