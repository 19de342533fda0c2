import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { type Chapter, EPub, type Options } from 'epub-gen-memory';
import { toHtml } from 'hast-util-to-html';
import type JSZip from 'jszip';
import { readBookImage } from '../../pipeline/read-image.ts';
import type { BookImage } from '../../pipeline/remark-images.ts';
import { chapterOutputName } from '../../config/chapter-names.ts';
import { packageTemplate } from '../../config/package-dir.ts';
import { readTemplateText } from '../../config/read-template.ts';
import { editionTitle, chapterTitle, type Edition, type EditionChapter, uiString } from '../../editions/edition.ts';
import { colophon, disclosureBlock, sourcesByLanguage, sourcesTitle, titlePage } from '../../editions/matter.ts';
import { zipDate } from '../build-date.ts';
import { KeptResults, isString } from '../../cache/kept-results.ts';
import { adapt } from '../adapt.ts';
import { chapterPageKey } from '../page-key.ts';
import { renderCover } from './cover.ts';
import { epubFiles, packageMetadata } from './metadata.ts';
import { writeZip } from './zip.ts';
import { epubAdaptations } from './processor.ts';
import { isVertical } from '../writing-mode.ts';
import type { EditionName } from '../../config/schema.ts';
import type { PageMap } from '../page-blocks.ts';
import { pageBreak, pageList, withPageBreaks } from './page-breaks.ts';

export interface RenderEpubOptions {
  editions: Edition[];
  /** The folder the EPUBs are written to (it becomes `dist/epub/`). */
  outDir: string;
  /** Stops before the next edition. */
  signal?: AbortSignal;
  /**
   * Where the pages of each edition's PDF, printed in the same build, start: the EPUB of an edition with one gets
   * page breaks and a `page-list` with the same page numbers. An edition without one gets neither.
   */
  pageMaps?: ReadonlyMap<EditionName, PageMap>;
}

/** The EPUB of each edition, `<id>-<edition>.epub`: cover, title page, contents, chapters, sources, colophon. */
export async function renderEpub({ editions, outDir, signal, pageMaps }: RenderEpubOptions): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const edition of editions) {
    signal?.throwIfAborted();
    await writeFile(path.join(outDir, edition.files.epub), await renderEdition(edition, await readShell(edition.root), pageMaps?.get(edition.name)));
    written.push(edition.files.epub);
  }
  return written;
}

/**
 * EJS runs code: only the tool's own templates are handed to epub-gen-memory (a book's are reported by
 * checkBookTemplates); the stylesheet is the one file a book may override.
 */
async function readShell(root: string): Promise<Record<string, string>> {
  const read = (name: string) => readFile(packageTemplate(`epub/${name}`), 'utf8');
  return {
    css: await readTemplateText(root, 'epub/style.css'),
    contentOPF: await read('content.opf.ejs'),
    tocXHTML: await read('toc.xhtml.ejs'),
    tocNCX: await read('toc.ncx.ejs'),
    chapterXHTML: await read('chapter.xhtml.ejs'),
  };
}

async function renderEdition(edition: Edition, shell: Record<string, string>, pageMap: PageMap | undefined): Promise<Buffer> {
  const t = edition.t[edition.lang];
  const html = (nodes: ElementContent[], chapter?: EditionChapter) => toXhtml(adapt(epubAdaptations, nodes, edition, chapter));
  const cover = renderCover(edition);
  const bookTitle = editionTitle(edition);
  const sourcesHeading = sourcesTitle(edition);
  const kept = KeptResults.open(edition.cache, 'pages', `epub-${edition.name}`, isString);
  // Where a printed page starts on a page that is not a chapter's: at its top.
  const breakAt = (page: number | undefined) => (page === undefined ? [] : [pageBreak(page)]);

  // 電書協's classes on each document's root: one writing mode a document, as Apple Books wants. In a vertical
  // book the cover (an image) and the sources (long URLs, Latin titles) stay horizontal.
  const vertical = isVertical(edition);
  const mode = (horizontal = false) => (vertical && !horizontal ? 'vrtl' : 'hltr');
  const content = [
    {
      id: 'cover-page',
      htmlClass: mode(true),
      filename: epubFiles.cover,
      title: t('epub.cover'),
      beforeToc: true,
      excludeFromToc: true,
      content: html([h('section', { className: ['cover'], 'epub:type': 'cover' }, [h('img', { src: 'cover.png', alt: cover.alt })])]),
      bodyClass: 'cover',
    },
    {
      id: 'title-page',
      htmlClass: mode(),
      filename: epubFiles.title,
      title: bookTitle,
      beforeToc: true,
      content: html([h('section', { 'epub:type': 'titlepage' }, [...breakAt(pageMap?.title), titlePage(edition), ...disclosureBlock(edition)])]),
    },
    ...edition.chapters.map((chapter, index) => ({
      id: `chapter-${chapter.output}`,
      htmlClass: mode(),
      filename: `${chapter.output}.xhtml`,
      title: chapterTitle(chapter, edition),
      // The disclosure heads every chapter file: a reader who opens the book at a chapter sees it first (ステマ規制).
      // Made again only when the chapter or what it shows of the book changed (see output/page-key.ts).
      content: kept.get(chapterPageKey('epub', edition, chapter, pageMap?.chapters[index]), () =>
        html([...disclosureBlock(edition), h('section', { 'epub:type': 'chapter', role: 'doc-chapter' }, withPageBreaks(chapter.body, pageMap?.chapters[index] ?? []))], chapter),
      ),
    })),
    {
      id: 'sources',
      htmlClass: mode(true),
      filename: epubFiles.sources,
      title: sourcesHeading,
      content: html([
        ...disclosureBlock(edition),
        h('section', { 'epub:type': 'backmatter' }, [
          ...breakAt(pageMap?.sources),
          h('h1', sourcesHeading),
          ...sourcesByLanguage(edition, (name) => `${chapterOutputName(name)}.xhtml`),
        ]),
      ]),
    },
    {
      id: 'colophon',
      htmlClass: mode(),
      filename: epubFiles.colophon,
      title: uiString(edition, 'colophon.heading'),
      content: html([h('section', { 'epub:type': 'colophon', role: 'doc-colophon' }, [...breakAt(pageMap?.colophon), colophon(edition), ...disclosureBlock(edition)])]),
    },
  ];

  const options = {
    ...shell,
    version: 3 as const,
    verbose: false,
    title: bookTitle,
    author: [(edition.meta.editor ?? edition.meta.publisher)[edition.lang]],
    publisher: edition.meta.publisher[edition.lang],
    description: edition.meta.description[edition.lang],
    lang: edition.lang,
    tocTitle: uiString(edition, 'nav.toc'),
    date: `${edition.meta.date}T00:00:00.000Z`,
    cover: new File([new Uint8Array(cover.png)], 'cover.png', { type: 'image/png' }),
    ...packageMetadata(edition),
    pageList: pageMap ? pageList(edition, pageMap, content) : [],
    pageListTitle: t('epub.pageList'),
    printEdition: t('epub.printEdition', { title: bookTitle, file: edition.files.pdf }),
    htmlClass: mode(),
    bookImages: edition.images,
  };
  kept.save();
  const epub = new ReproducibleEpub(options, content, edition.images);
  return epub.generate(edition.date);
}

/** XHTML as EPUB wants it: void elements closed, UTF-8 text, only XML's own character references. */
export function toXhtml(nodes: ElementContent[]): string {
  return toHtml({ type: 'root', children: nodes }, { closeSelfClosing: true, collapseEmptyAttributes: false, characterReferences: { useNamedReferences: false } });
}

/**
 * epub-gen-memory through its class: its own templates' options (our EJS templates, which also list the book's
 * images from `bookImages`), `render()`, and the two members it keeps `protected` for a
 * subclass, the normalized chapters (`content`) and the zip it fills (`zip`). What the package cannot do, and
 * this class does instead:
 * - take chapters that are already XHTML: its clean-up turns their text into character
 *   references and would download each `<img src>`, so the chapters are handed over empty and get our content
 *   back once normalized;
 * - take images from the book folder, not from URLs: they go into the zip after `render()`;
 * - write the container reproducibly and fast (zip.ts), from the files `render()` put in its zip: each is
 *   dated the build date, clamped to what a ZIP can hold (it dates them "now"); `mimetype` stays first and
 *   stored.
 */
class ReproducibleEpub extends EPub {
  constructor(
    options: Options,
    items: Array<Chapter & { content: string }>,
    private readonly bookImages: readonly BookImage[],
  ) {
    super(options, items.map((item) => ({ ...item, content: '' })));
    this.content.forEach((chapter, index) => {
      chapter.content = items[index]!.content;
    });
  }

  async generate(date: Date): Promise<Buffer> {
    const entryDate = zipDate(date);
    await this.render();
    const zip = this.zip as unknown as JSZip;
    for (const image of this.bookImages) {
      zip.file(`OEBPS/${image.target}`, await readBookImage(image));
    }
    const entries = await Promise.all(
      Object.values(zip.files)
        .filter((file) => !file.dir)
        .map(async (file) => ({ name: file.name, bytes: await file.async('uint8array'), store: file.name === 'mimetype' })),
    );
    return writeZip(entries, entryDate);
  }
}

