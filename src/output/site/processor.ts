import { unified } from 'unified';
import type { Adaptations } from '../adapt.ts';
import type { LinkFormat } from '../chapter-links.ts';
import { rehypeChapterLinks } from '../rehype-chapter-links.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeScrollBoxes } from './rehype-scroll-boxes.ts';

/** The site writes an edition's pages side by side: a link to the page itself keeps only its fragment. */
const siteLink: LinkFormat = ({ chapter, id }, from) => (chapter === from && id !== undefined ? `#${id}` : `${chapter.output}.html${id === undefined ? '' : `#${id}`}`);

/** The site's adaptations of a chapter, in order. */
export const siteAdaptations: Adaptations = unified()
  // Links to other chapters become links to their pages.
  .use(rehypeChapterLinks, { format: siteLink })
  // Then code blocks and tables get their scroll boxes (the links inside them are already the site's).
  .use(rehypeScrollBoxes)
  // Then each section heading gets its permalink (after the links, so the anchor is not taken for a chapter link).
  .use(rehypeHeadingAnchors)
  .freeze();
