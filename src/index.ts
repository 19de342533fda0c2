/** bilingual-book as a library: the CLI and the tests call these. */
export { build, check, formatNames, type BuildOptions, type BuildProgress, type BuildResult, type ChapterProgress, type FormatName, type FormatProgress } from './build.ts';
export { loadBook, type Book, type LoadOptions } from './load-book.ts';
export { main } from './cli/main.ts';
export { editionNames, languages, type EditionName, type Lang } from './config/schema.ts';
export { Diagnostics, formatMessage, ruleIds, type RuleId } from './diagnostics.ts';
export { buildEdition, type Edition } from './editions/edition.ts';
export { createProcessor, type ProcessorOptions } from './pipeline/processor.ts';
export { rehypeCitationNotes } from './pipeline/rehype-citation-notes.ts';
export { rehypeRawHtmlReport } from './pipeline/rehype-raw-html-report.ts';
export { remarkBlockIndex } from './pipeline/remark-block-index.ts';
export { remarkChapterTitle } from './pipeline/remark-chapter-title.ts';
export { remarkCitations } from './pipeline/remark-citations.ts';
export { remarkRawHtml } from './pipeline/remark-raw-html.ts';
export type { RenderOptions, VerifyOptions } from './output/format.ts';
export { renderSite } from './output/site/render.ts';
export { verifySite } from './output/site/verify.ts';
