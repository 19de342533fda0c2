import type { ElementContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Lang } from '../config/schema.ts';
import { rehypeBlockIndex } from './rehype-block-index.ts';
import { rehypeCitationNotes } from './rehype-citation-notes.ts';
import { rehypeFootnoteLabel } from './rehype-footnote-label.ts';
import { rehypeRawHtmlReport } from './rehype-raw-html-report.ts';
import { rehypeTableAlign } from './rehype-table-align.ts';
import { remarkFrontMatter } from './remark-front-matter.ts';
import { remarkFrontMatterFallback } from './remark-front-matter-fallback.ts';
import { remarkAttributeLists } from './remark-attribute-lists.ts';
import { remarkAutolinkCjk } from './remark-autolink-cjk.ts';
import { remarkBlockIndex } from './remark-block-index.ts';
import { remarkChapterLinks } from './remark-chapter-links.ts';
import { remarkChapterTitle } from './remark-chapter-title.ts';
import { remarkCitations } from './remark-citations.ts';
import { remarkEastAsianLineBreaks } from './remark-east-asian-line-breaks.ts';
import { remarkImages } from './remark-images.ts';
import { remarkTitleHeading } from './remark-title-heading.ts';
import { rehypeUniqueIds } from './rehype-unique-ids.ts';
import { remarkLinkPolicy } from './remark-link-policy.ts';
import { remarkRawHtml } from './remark-raw-html.ts';
import { remarkRawHtmlBlocks } from './remark-raw-html-blocks.ts';
import { remarkRuby } from './remark-ruby.ts';
import { remarkSmartQuotes } from './remark-smart-quotes.ts';
import { remarkTitleText } from './remark-title-text.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** Everything language-specific the stages need, already localized: no stage knows i18next. */
export interface ProcessorOptions {
  lang: Lang;
  /** The book folder: images must come from inside it. */
  root: string;
  citationKeys: readonly string[];
  noteMarker: (number: number) => string;
  notesHeading: string;
  noteBackLabel: (number: number) => string;
  reference: (key: string) => ElementContent[];
  footnoteLabel: string;
  footnoteBackLabel: string;
}

/** The Markdown syntax of every chapter, front matter aside: what a `---` block that is no front matter is read with. */
function markdownSyntax() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly);
}

/**
 * The one processor every chapter goes through. `parse` + `run` give the chapter's hast tree, which
 * every edition and output renders from; `stringify` serializes the pages built from those trees.
 */
export function createProcessor(options: ProcessorOptions) {
  const { lang } = options;
  // Ids carry the language so a Japanese and an English chapter can share one bilingual page.
  const idPrefix = `${lang}-`;
  return (
    unified()
      // Markdown → mdast, with GFM tables, lists and strikethrough.
      .use(remarkParse)
      .use(remarkGfm)
      // `---` YAML front matter at the top of a chapter, checked against its schema.
      .use(remarkFrontmatter, ['yaml'])
      // A `---` block that is not YAML of keys and values (a rule, a heading, a rule) is read as Markdown, as
      // Pandoc reads it; while parsing, so it must come before the stages that join raw blocks.
      .use(remarkFrontMatterFallback, { parse: (markdown: string) => markdownSyntax().parse(markdown) })
      .use(remarkFrontMatter)
      // A raw element whose Markdown body stands between blank lines (`<details>` … `</details>`) is one block,
      // joined while parsing: the translation alignment pairs the parsed blocks.
      .use(remarkRawHtmlBlocks)
      // A chapter without a `#` heading gets one from its front matter `title`, else from book.yaml's entry.
      // compile-chapters runs it on the parsed tree too, before aligning: it must add the same block here.
      .use(remarkTitleHeading)
      // `{: .class}`, `{#id}` attribute lists from MkDocs, kramdown and Pandoc: the safe part goes on its
      // element, none is printed. Must run before remark-block-index: a list on its own line is no block.
      .use(remarkAttributeLists, { idPrefix })
      // Numbers the top-level blocks as parsed, which is how the translation alignment counts them:
      // must run before any stage adds or removes top-level blocks.
      .use(remarkBlockIndex)
      // Lets `**「強調」**の` be emphasis: CommonMark's flanking rules ignore CJK punctuation.
      .use(remarkCjkFriendly)
      // Hard-wrapped Japanese: a line break between East Asian characters joins without a space. Must run
      // before remark-rehype, which turns the remaining line breaks into spaces.
      .use(remarkEastAsianLineBreaks)
      // `{漢字|かんじ}` → ruby whose mdast children are the base text; before remark-chapter-title and
      // remark-title-text, so titles read the base, and after the line breaks are joined.
      .use(remarkRuby, { brackets: lang === 'ja' ? ['（', '）'] : ['(', ')'] })
      // Reads the `#` title before later stages add nodes to the tree.
      .use(remarkChapterTitle)
      // The title's plain words for contents, navigation and running heads: no image alt, no markup.
      .use(remarkTitleText)
      // Raw HTML as written, for rehype-raw-html-report to place its messages: must run before the stages that
      // rewrite raw links and images (remark-link-policy, remark-chapter-links, remark-images).
      .use(remarkRawHtml)
      // A bare URL ends where Japanese text follows it without a space.
      .use(remarkAutolinkCjk)
      // Links with script or data targets or hosts no EPUB can carry, reported where written; an
      // internationalized host in ASCII. Must run after remark-autolink-cjk, which ends a bare URL first.
      .use(remarkLinkPolicy)
      // Links to other chapters' files (`other.md#section`) → `<output>.html#<id>`, recorded for the book-level
      // check; must run before remark-citations, whose note links are already final.
      .use(remarkChapterLinks, { idPrefix })
      // Checks each image is a real image file in the book folder and renames it by content.
      .use(remarkImages, { root: options.root })
      // `[@key]` → note calls; records the calls for rehype-citation-notes.
      .use(remarkCitations, {
        keys: options.citationKeys,
        marker: options.noteMarker,
        superscript: lang !== 'ja',
        idPrefix,
      })
      // English only: curly quotes, apostrophes and dashes from the typed ones. After remark-citations and the
      // link stages, so citation keys are gone and bare URLs are links it can leave alone; before remark-rehype,
      // as it reads the mdast's text, code and links apart.
      .use(lang === 'ja' ? [] : [[remarkSmartQuotes]])
      // mdast → hast; GFM footnotes get language-prefixed ids and localized labels.
      .use(remarkRehype, {
        allowDangerousHtml: true,
        clobberPrefix: `${idPrefix}fn-`,
        footnoteLabel: options.footnoteLabel,
        footnoteBackLabel: options.footnoteBackLabel,
      })
      // A code block's number moves from its `code` up to its `pre`, the top-level block the editions read.
      .use(rehypeBlockIndex)
      // The allowed raw HTML becomes elements; then nothing outside the schema survives, whatever its origin.
      .use(rehypeRaw)
      // What the sanitizer will remove from the raw HTML, reported where written: after rehype-raw, whose HTML
      // parser tells tags, attributes and comments apart; before rehype-sanitize, which removes them.
      .use(rehypeRawHtmlReport)
      .use(rehypeSanitize, sanitizeSchema)
      // Table column alignment as classes (EPUB refuses `align`); the footnotes' label id gets the language prefix.
      .use(rehypeTableAlign)
      .use(rehypeFootnoteLabel, { idPrefix })
      // Heading ids from their text (Japanese text stays readable in the id).
      .use(rehypeSlug, { prefix: idPrefix })
      // Appends the chapter's notes; must run after rehype-slug so the notes heading keeps its fixed id.
      .use(rehypeCitationNotes, {
        heading: options.notesHeading,
        marker: options.noteMarker,
        backLabel: options.noteBackLabel,
        reference: options.reference,
        idPrefix,
      })
      // Must run last among the tree stages: it checks the ids every earlier stage gave.
      .use(rehypeUniqueIds, { idPrefix })
      // hast → HTML, for the pages built from the chapter trees.
      .use(rehypeStringify)
  );
}

export type ChapterProcessor = ReturnType<typeof createProcessor>;
