import { unified } from 'unified';
import type { Adaptations } from '../adapt.ts';
import type { LinkFormat } from '../chapter-links.ts';
import { rehypeChapterLinks } from '../rehype-chapter-links.ts';
import { rehypeTateChuYoko } from '../rehype-tate-chu-yoko.ts';
import { rehypeEpubContent } from './rehype-epub-content.ts';

/** Each chapter is its own XHTML file: a link to the file itself keeps only its fragment. */
const epubLink: LinkFormat = ({ chapter, id }, from) => (chapter === from && id !== undefined ? `#${id}` : `${chapter.output}.xhtml${id === undefined ? '' : `#${id}`}`);

/** The EPUB's adaptations of every page's content, in order. */
export const epubAdaptations: Adaptations = unified()
  // Links to other chapters become links to their XHTML files (pages that are not chapters have none).
  .use(rehypeChapterLinks, { format: epubLink })
  // Then the markup readers pop up and XHTML wants; it copies every element, the links' new targets included.
  .use(rehypeEpubContent)
  // A vertical Japanese edition's short numbers and Latin set across (縦中横) or upright; others pass unchanged.
  .use(rehypeTateChuYoko)
  .freeze();
