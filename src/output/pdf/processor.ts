import { unified } from 'unified';
import type { Adaptations } from '../adapt.ts';
import { rehypeBackLinks } from './rehype-back-links.ts';
import { rehypeBreakableUrls } from './rehype-breakable-urls.ts';
import { rehypeNoteCalls } from './rehype-note-calls.ts';
import { rehypeOpenDetails } from './rehype-open-details.ts';
import { rehypePrintedChapterLinks } from './rehype-printed-chapter-links.ts';
import { rehypeScopeIds } from './rehype-scope-ids.ts';
import { rehypeTateChuYoko } from '../rehype-tate-chu-yoko.ts';

/** The PDF's adaptations of a chapter for paper, in order; each works on what the one before made. */
export const pdfAdaptations: Adaptations = unified()
  // Unique ids first: the whole book is one document, and this step copies the tree the others then change.
  .use(rehypeScopeIds)
  // Note calls stay on the line of the character before them.
  .use(rehypeNoteCalls)
  // The notes' back-links in a character both print faces have.
  .use(rehypeBackLinks)
  // Printed addresses wrap after `/` and before `.`.
  .use(rehypeBreakableUrls)
  // Paper cannot be clicked open: every `<details>` prints open.
  .use(rehypeOpenDetails)
  // Last, links to other chapters go to their scoped ids (which rehype-scope-ids gave the targets too).
  .use(rehypePrintedChapterLinks)
  // A vertical Japanese edition's short numbers and Latin set across (縦中横) or upright (templates/pdf/vertical.css).
  .use(rehypeTateChuYoko)
  .freeze();
