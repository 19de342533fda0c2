import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { type Chapter, EPub, type Options } from 'epub-gen-memory';
import { toHtml } from 'hast-util-to-html';
import type JSZip from 'jszip';
import { type Book, bookImages } from '../../content/book.ts';
import { readBookImage } from '../../pipeline/read-image.ts';
import type { BookImage } from '../../pipeline/remark-images.ts';
import { chapterOutputName } from '../../config/chapter-names.ts';
import { packageTemplate } from '../../config/package-dir.ts';
import { readTemplateText } from '../../config/read-template.ts';
import { chapterTitle, type Edition } from '../../editions/edition.ts';
import { colophon, disclosureBlock, sourcesList, sourcesTitle, titlePage } from '../../editions/matter.ts';
import { zipDate } from '../build-date.ts';
import { type LinkFormat, linkChapters } from '../chapter-links.ts';
import { epubContent } from './content.ts';
import { renderCover } from './cover.ts';
import { epubFiles, packageMetadata } from './metadata.ts';

export interface RenderEpubOptions {
  book: Book;
  editions: Edition[];
  /** The folder the EPUBs are written to (it becomes `dist/epub/`). */
  outDir: string;
}

/** The EPUB of each edition, `<id>-<edition>.epub`: cover, title page, contents, chapters, sources, colophon. */
export async function renderEpub({ book, editions, outDir }: RenderEpubOptions): Promise<string[]> {
  // EJS runs code: only the tool's own templates are handed to epub-gen-memory (a book's are reported
  // by checkBookTemplates); the stylesheet is the one file a book may override.
  const read = (name: string) => readFile(packageTemplate(`epub/${name}`), 'utf8');
  const shell = {
    css: await readTemplateText(book.config.root, 'epub/style.css'),
    contentOPF: await read('content.opf.ejs'),
    tocXHTML: await read('toc.xhtml.ejs'),
    tocNCX: await read('toc.ncx.ejs'),
    chapterXHTML: await read('chapter.xhtml.ejs'),
  };
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const edition of editions) {
    const name = `${book.config.meta.id}-${edition.name}.epub`;
    await writeFile(path.join(outDir, name), await renderEdition(book, edition, shell));
    written.push(name);
  }
  return written;
}

async function renderEdition(book: Book, edition: Edition, shell: Record<string, string>): Promise<Buffer> {
  const t = book.t[edition.lang];
  const html = (nodes: ElementContent[]) => toXhtml(epubContent(nodes));
  const cover = renderCover(book, edition);
  const bookTitle = edition.langs.map((lang) => book.config.meta.title[lang]).join(' / ');
  const sourcesHeading = sourcesTitle(book, edition);

  const content = [
    {
      id: 'cover-page',
      filename: epubFiles.cover,
      title: t('epub.cover'),
      beforeToc: true,
      excludeFromToc: true,
      content: html([h('section', { className: ['cover'], 'epub:type': 'cover' }, [h('img', { src: 'cover.png', alt: cover.alt })])]),
      bodyClass: 'cover',
    },
    {
      id: 'title-page',
      filename: epubFiles.title,
      title: bookTitle,
      beforeToc: true,
      content: html([h('section', { 'epub:type': 'titlepage' }, [titlePage(book, edition), ...disclosureBlock(book, edition)])]),
    },
    ...edition.chapters.map((chapter) => ({
      id: `chapter-${chapter.output}`,
      filename: `${chapter.output}.xhtml`,
      title: chapterTitle(chapter, edition),
      content: html([h('section', { 'epub:type': 'chapter', role: 'doc-chapter' }, linkChapters(book, edition, chapter, chapter.body, epubLink))]),
    })),
    {
      id: 'sources',
      filename: epubFiles.sources,
      title: sourcesHeading,
      content: html([
        h('section', { 'epub:type': 'backmatter' }, [
          h('h1', sourcesHeading),
          ...edition.langs.map((lang) =>
            h('section', { lang: lang === edition.lang ? undefined : lang }, [
              h('p', book.t[lang]('sources.intro')),
              sourcesList(book, { ...edition, lang }, lang, (name) => `${chapterOutputName(name)}.xhtml`),
            ]),
          ),
        ]),
      ]),
    },
    {
      id: 'colophon',
      filename: epubFiles.colophon,
      title: edition.langs.map((lang) => book.t[lang]('colophon.heading')).join(' / '),
      content: html([h('section', { 'epub:type': 'colophon', role: 'doc-colophon' }, [colophon(book, edition), ...disclosureBlock(book, edition)])]),
    },
  ];

  const options = {
    ...shell,
    version: 3 as const,
    verbose: false,
    title: bookTitle,
    author: [(book.config.meta.editor ?? book.config.meta.publisher)[edition.lang]],
    publisher: book.config.meta.publisher[edition.lang],
    description: book.config.meta.description[edition.lang],
    lang: edition.lang,
    tocTitle: edition.langs.map((lang) => book.t[lang]('nav.toc')).join(' / '),
    date: `${book.config.meta.date}T00:00:00.000Z`,
    cover: new File([new Uint8Array(cover.png)], 'cover.png', { type: 'image/png' }),
    ...packageMetadata(book, edition),
    bookImages: bookImages(book),
  };
  const epub = new ReproducibleEpub(options, content);
  return epub.generate(edition.date);
}

/** XHTML as EPUB wants it: void elements closed, UTF-8 text, only XML's own character references. */
export function toXhtml(nodes: ElementContent[]): string {
  return toHtml({ type: 'root', children: nodes }, { closeSelfClosing: true, collapseEmptyAttributes: false, characterReferences: { useNamedReferences: false } });
}

/**
 * epub-gen-memory, bent to our needs. Its HTML clean-up (which would download every <img> and turn all
 * text into character references) is skipped: our chapters are already XHTML. Every zip entry is dated
 * from the build date (it would use "now"), clamped to what a ZIP can hold; `mimetype` stays first and stored.
 */
class ReproducibleEpub extends EPub {
  constructor(options: Options, items: Array<Chapter & { content: string }>) {
    super(options, items.map((item) => ({ ...item, content: '' })));
    this.content.forEach((chapter, index) => {
      chapter.content = items[index]!.content;
    });
  }

  async generate(date: Date): Promise<Buffer> {
    const entryDate = zipDate(date);
    await this.render();
    const zip = this.zip as unknown as JSZip;
    for (const image of (this.options as unknown as { bookImages: BookImage[] }).bookImages) {
      zip.file(`OEBPS/${image.target}`, await readBookImage(image));
    }
    for (const file of Object.values(zip.files)) file.date = entryDate;
    return this.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: { level: 9 } }) as Promise<Buffer>;
  }
}

/** Chapters are XHTML files side by side inside the EPUB. */
const epubLink: LinkFormat = ({ chapter, id }, from) => (chapter === from && id !== undefined ? `#${id}` : `${chapter.output}.xhtml${id === undefined ? '' : `#${id}`}`);
