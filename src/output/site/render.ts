import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { type Book, bookImages } from '../../content/book.ts';
import { chapterOutputName } from '../../config/chapter-names.ts';
import type { EditionName, Lang } from '../../config/schema.ts';
import { chapterTitle, type Edition } from '../../editions/edition.ts';
import { colophon, disclosureBlock, languagesShown, sourcesList, sourcesTitle, titlePage } from '../../editions/matter.ts';
import { fileConcurrency, mapLimit } from '../../config/map-limit.ts';
import { readTemplate, readTemplateText } from '../../config/read-template.ts';
import { type LinkFormat, linkChapters } from '../chapter-links.ts';
import { readBookImage } from '../../pipeline/read-image.ts';
import { fillTemplate } from '../template.ts';
import { chapterNav, footer, href, tableOfContents, topNav } from './parts.ts';
import { siteScrollBoxes, type TableLabel } from './scroll-boxes.ts';
import { sitemap } from './sitemap.ts';

/** A file another output made that the site offers for download (an EPUB or a PDF). */
export interface Download {
  edition: Edition['name'];
  format: 'epub' | 'pdf';
  /** Where the file is now; it is copied into `downloads/`. */
  file: string;
}

export interface RenderSiteOptions {
  book: Book;
  editions: Edition[];
  /** The folder the site is written to (it becomes `dist/site/`). */
  outDir: string;
  downloads?: Download[];
}

interface Page {
  /** From the site root, with `/`. */
  path: string;
  lang: Lang;
  title: string;
  description: string;
  bodyClass: string;
  head: Element[];
  disclosure: Element[];
  nav: Element[];
  main: ElementContent[];
  footer: Element[];
}

/** Writes the static site: a landing page, then per edition a title page with contents, the chapters and the sources. */
export async function renderSite({ book, editions, outDir, downloads = [] }: RenderSiteOptions): Promise<string[]> {
  const template = await readTemplateText(book.config.root, 'site/page.html');
  const pages: Page[] = [landingPage(book, editions, downloads)];
  const built = editions.map((edition) => edition.name);
  for (const edition of editions) pages.push(...editionPages(book, edition, built));

  const written: string[] = [];
  const write = async (relative: string, content: string | Buffer) => {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    written.push(relative);
  };
  const rendered = pages.map((page) => ({ path: page.path, html: renderPage(book, page, template) }));
  await Promise.all([...new Set(rendered.map((page) => path.dirname(path.join(outDir, page.path))))].map((dir) => mkdir(dir, { recursive: true })));
  written.push(...rendered.map((page) => page.path));
  await mapLimit(rendered, fileConcurrency, (page) => writeFile(path.join(outDir, page.path), page.html));
  for (const asset of ['style.css', 'print.css']) {
    await write(`assets/${asset}`, await readTemplate(book.config.root, `site/${asset}`));
  }
  // Chapter pages link images as `images/…`: each edition folder gets its copy.
  for (const image of bookImages(book)) {
    const bytes = await readBookImage(image);
    for (const edition of editions) await write(`${edition.name}/${image.target}`, bytes);
  }
  for (const download of downloads) {
    await mkdir(path.join(outDir, 'downloads'), { recursive: true });
    await copyFile(download.file, path.join(outDir, 'downloads', path.basename(download.file)));
    written.push(`downloads/${path.basename(download.file)}`);
  }
  // A sitemap lists absolute addresses: a book that does not say where it is published gets none.
  if (book.config.meta.url) await write('sitemap.xml', sitemap({ paths: pages.map((page) => page.path), url: book.config.meta.url, date: book.config.meta.date }));
  return written;
}

function renderPage(book: Book, page: Page, template: string): string {
  const html = (nodes: ElementContent[]) => book.processors.ja.stringify({ type: 'root', children: nodes });
  return fillTemplate(
    template,
    {
      lang: page.lang,
      title: page.title,
      description: page.description,
      assets: href(page.path, 'assets'),
      bodyClass: page.bodyClass,
      skip: book.t[page.lang]('nav.skip'),
      head: page.head.map((node) => html([node])).join('\n'),
      disclosure: html(page.disclosure),
      nav: html(page.nav),
      main: html(page.main),
      footer: html(page.footer),
    },
    'site/page.html',
  );
}

/** `hreflang` alternates: the same page in the Japanese and English editions, where they were built. */
function alternates(built: readonly EditionName[], pagePath: string, file: string): Element[] {
  return (['ja', 'en'] as const).filter((lang) => built.includes(lang)).map((lang) =>
    h('link', { rel: ['alternate'], hrefLang: lang, href: href(pagePath, `${lang}/${file}`) }),
  );
}

function editionPages(book: Book, edition: Edition, built: readonly EditionName[]): Page[] {
  const { meta } = book.config;
  const bookTitle = edition.langs.map((lang) => meta.title[lang]).join(' / ');
  const description = meta.description[edition.lang];
  const base = (file: string, title: string, main: ElementContent[], bodyClass: string): Page => {
    const pagePath = `${edition.name}/${file}`;
    return {
      path: pagePath,
      lang: edition.lang,
      title,
      description,
      bodyClass: `edition-${edition.name} ${bodyClass}`,
      head: alternates(built, pagePath, file),
      disclosure: disclosureBlock(book, edition),
      nav: topNav(book, edition, built, pagePath, file),
      main,
      footer: footer(book, edition.langs, edition.lang),
    };
  };

  const index = base('index.html', bookTitle, [], 'page-title');
  index.main = [titlePage(book, edition), tableOfContents(book, edition, index.path), colophon(book, edition)];

  const tableLabel: TableLabel = (lang, number) => book.t[lang]('table.label', { number });
  const chapters = edition.chapters.map((chapter, position) => {
    const page = base(`${chapter.output}.html`, `${chapterTitle(chapter, edition)} | ${bookTitle}`, [], 'page-chapter');
    const body = siteScrollBoxes(linkChapters(book, edition, chapter, chapter.body, siteLink), edition.lang, tableLabel);
    page.main = [h('article', { className: ['chapter'] }, body), chapterNav(book, edition, position, page.path)];
    page.disclosure = disclosureBlock(book, { ...edition, langs: languagesShown(edition, chapter.body) });
    return page;
  });

  const sourcesHeading = sourcesTitle(book, edition);
  const sources = base('sources.html', `${sourcesHeading} | ${bookTitle}`, [], 'page-sources');
  const chapterHref = (name: string) => href(sources.path, `${edition.name}/${chapterOutputName(name)}.html`);
  sources.main = [
    h('article', { className: ['sources'] }, [
      h('h1', sourcesHeading),
      ...edition.langs.map((lang) =>
        h('section', { className: ['sources-lang'], lang: lang === edition.lang ? undefined : lang }, [
          h('p', book.t[lang]('sources.intro')),
          sourcesList(book, { ...edition, lang }, lang, chapterHref),
        ]),
      ),
    ]),
  ];
  return [index, ...chapters, sources];
}

/** The site's front door, in both languages: the three editions and the downloads. */
function landingPage(book: Book, editions: Edition[], downloads: Download[]): Page {
  const { meta } = book.config;
  const bilingual: Edition = { name: 'bilingual', lang: 'ja', langs: ['ja', 'en'], chapters: [] };
  const pagePath = 'index.html';
  const section = (lang: Lang) => {
    const t = book.t[lang];
    const own = lang === 'ja' ? undefined : lang;
    return h('section', { className: ['landing-lang'], lang: own }, [
      h('h2', meta.title[lang]),
      ...(meta.subtitle ? [h('p', { className: ['subtitle'] }, meta.subtitle[lang])] : []),
      h('p', meta.description[lang]),
      h('h3', t('landing.editions')),
      h(
        'ul',
        { className: ['edition-list'] },
        editions.map((edition) => h('li', [h('a', { href: href(pagePath, `${edition.name}/index.html`) }, t(`edition.${edition.name}`))])),
      ),
      ...(downloads.length > 0
        ? [
            h('h3', t('landing.downloads')),
            h(
              'ul',
              { className: ['download-list'] },
              downloads.map((download) =>
                h('li', [
                  h('a', { href: `downloads/${path.basename(download.file)}`, download: true }, `${t(`edition.${download.edition}`)} (${t(`landing.${download.format}`)})`),
                ]),
              ),
            ),
          ]
        : []),
    ]);
  };
  return {
    path: pagePath,
    lang: 'ja',
    title: `${meta.title.ja} / ${meta.title.en}`,
    description: meta.description.ja,
    bodyClass: 'page-landing',
    head: [],
    disclosure: disclosureBlock(book, bilingual),
    nav: [],
    main: [
      h('h1', { className: ['landing-title'] }, [
        h('span', { className: ['title-line'] }, meta.title.ja),
        ' ',
        h('span', { className: ['title-line'], lang: 'en' }, meta.title.en),
      ]),
      h('div', { className: ['landing'] }, [section('ja'), section('en')]),
    ],
    footer: footer(book, ['ja', 'en'], 'ja'),
  };
}

/** The site writes an edition's pages side by side: a link to the page itself keeps only its fragment. */
const siteLink: LinkFormat = ({ chapter, id }, from) => (chapter === from && id !== undefined ? `#${id}` : `${chapter.output}.html${id === undefined ? '' : `#${id}`}`);
