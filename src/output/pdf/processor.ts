import { unified } from 'unified';
import type { Adaptations } from '../adapt.ts';
import { rehypeDropBackLinks } from './rehype-drop-back-links.ts';
import { rehypeBreakableUrls } from './rehype-breakable-urls.ts';
import { rehypeNoteCalls } from './rehype-note-calls.ts';
import { rehypeOpenDetails } from './rehype-open-details.ts';
import { rehypePairRows } from './rehype-pair-rows.ts';
import { rehypePrintedChapterLinks } from './rehype-printed-chapter-links.ts';
import { rehypeScopeIds } from './rehype-scope-ids.ts';
import { rehypeMarkPageBlocks } from './rehype-mark-page-blocks.ts';
import { rehypeTateChuYoko } from '../rehype-tate-chu-yoko.ts';
import { rehypeSqueezePunctuation } from './rehype-squeeze-punctuation.ts';

/** The PDF's adaptations of a chapter for paper, in order; each works on what the one before made. */
export const pdfAdaptations: Adaptations = unified()
  // Unique ids first: the whole book is one document, and this step copies the tree the others then change.
  .use(rehypeScopeIds)
  // Each block numbered as the EPUB numbers it, before rehype-pair-rows cuts blocks into rows (page-list, issue 15).
  .use(rehypeMarkPageBlocks)
  // Note calls stay on the line of the character before them.
  .use(rehypeNoteCalls)
  // Paper cannot be clicked: the notes' back-links to the text go.
  .use(rehypeDropBackLinks)
  // Printed addresses wrap after `/` and before `.`.
  .use(rehypeBreakableUrls)
  // Adjacent Japanese punctuation set closer. After rehype-note-calls, which moves the character before a call.
  .use(rehypeSqueezePunctuation)
  // A bilingual list or box cut into rows of both languages, so both columns break at the same item.
  .use(rehypePairRows)
  // Paper cannot be clicked open: every `<details>` prints open.
  .use(rehypeOpenDetails)
  // Last, links to other chapters go to their scoped ids (which rehype-scope-ids gave the targets too).
  .use(rehypePrintedChapterLinks)
  // A vertical Japanese edition's short numbers and Latin set across (縦中横) or upright (templates/pdf/vertical.css).
  .use(rehypeTateChuYoko)
  .freeze();
