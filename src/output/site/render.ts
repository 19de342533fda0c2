import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { chapterOutputName } from '../../config/chapter-names.ts';
import type { EditionName, Lang } from '../../config/schema.ts';
import { editionTitle, chapterTitle, type Edition } from '../../editions/edition.ts';
import { colophon, disclosureBlock, languagesShown, sourcesByLanguage, sourcesTitle, titlePage } from '../../editions/matter.ts';
import { fileConcurrency, mapLimit } from '../../config/map-limit.ts';
import { readTemplate, readTemplateText } from '../../config/read-template.ts';
import { KeptResults, isString } from '../../cache/kept-results.ts';
import { adapt } from '../adapt.ts';
import { chapterPageKey } from '../page-key.ts';
import { readBookImage } from '../../pipeline/read-image.ts';
import type { RenderOptions } from '../format.ts';
import { fillTemplate } from '../template.ts';
import { chapterNav, footer, href, tableOfContents, topNav } from './parts.ts';
import { siteAdaptations } from './processor.ts';
import { sitemap } from './sitemap.ts';

/** A file another output made that the site offers for download (an EPUB or a PDF). */
export interface Download {
  edition: Edition['name'];
  format: 'epub' | 'pdf';
  /** Where the file is now; it is copied into `downloads/`. */
  file: string;
}

export interface RenderSiteOptions extends RenderOptions {
  /** The EPUBs and PDFs built before the site, which its landing page offers. */
  downloads?: Download[];
}

/** A page to write, made only when `key` finds no page kept from an earlier build. */
interface PageSource {
  path: string;
  page: () => Page;
  /** What the page is kept by between builds (see output/page-key.ts); none: made every build. */
  key?: string;
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
export async function renderSite({ editions, outDir, signal, downloads = [] }: RenderSiteOptions): Promise<string[]> {
  // What the editions share (metadata, strings, the book folder) is read from the first.
  const [book] = editions;
  if (!book) return [];
  const template = await readTemplateText(book.root, 'site/page.html');
  const landing = landingPage(book, editions, downloads);
  const built = editions.map((edition) => edition.name);
  const rendered = [{ path: landing.path, html: renderPage(book, landing, template) }];
  // A chapter's page is made again only when it or what it shows of the book changed: one edit, one page.
  for (const edition of editions) {
    signal?.throwIfAborted();
    const kept = KeptResults.open(edition.cache, 'pages', `site-${edition.name}`, isString);
    for (const source of editionPages(edition, built, template)) {
      const html = () => renderPage(book, source.page(), template);
      rendered.push({ path: source.path, html: source.key === undefined ? html() : kept.get(source.key, html) });
    }
    kept.save();
  }

  const written: string[] = [];
  const write = async (relative: string, content: string | Buffer) => {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    written.push(relative);
  };
  await Promise.all([...new Set(rendered.map((page) => path.dirname(path.join(outDir, page.path))))].map((dir) => mkdir(dir, { recursive: true })));
  written.push(...rendered.map((page) => page.path));
  await mapLimit(rendered, fileConcurrency, (page) => writeFile(path.join(outDir, page.path), page.html));
  for (const asset of ['style.css', 'print.css']) {
    await write(`assets/${asset}`, await readTemplate(book.root, `site/${asset}`));
  }
  // Chapter pages link images as `images/…`: each edition folder gets its copy.
  for (const image of book.images) {
    const bytes = await readBookImage(image);
    for (const edition of editions) await write(`${edition.name}/${image.target}`, bytes);
  }
  for (const download of downloads) {
    await mkdir(path.join(outDir, 'downloads'), { recursive: true });
    await copyFile(download.file, path.join(outDir, 'downloads', path.basename(download.file)));
    written.push(`downloads/${path.basename(download.file)}`);
  }
  // A sitemap lists absolute addresses: a book that does not say where it is published gets none.
  if (book.meta.url) await write('sitemap.xml', sitemap({ paths: rendered.map((page) => page.path), url: book.meta.url, date: book.meta.date }));
  return written;
}

function renderPage(book: Edition, page: Page, template: string): string {
  const html = (nodes: ElementContent[]) => toHtml({ type: 'root', children: nodes });
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

function editionPages(edition: Edition, built: readonly EditionName[], template: string): PageSource[] {
  const { meta } = edition;
  const bookTitle = editionTitle(edition);
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
      disclosure: disclosureBlock(edition),
      nav: topNav(edition, built, pagePath, file),
      main,
      footer: footer(edition, edition.langs, edition.lang),
    };
  };

  const index = base('index.html', bookTitle, [], 'page-title');
  index.main = [titlePage(edition), tableOfContents(edition, index.path), colophon(edition)];

  const chapters = edition.chapters.map((chapter, position): PageSource => ({
    path: `${edition.name}/${chapter.output}.html`,
    key: chapterPageKey('site', edition, chapter, template, built, position),
    page: () => {
      const page = base(`${chapter.output}.html`, `${chapterTitle(chapter, edition)} | ${bookTitle}`, [], 'page-chapter');
      const body = adapt(siteAdaptations, chapter.body, edition, chapter);
      page.main = [h('article', { className: ['chapter'] }, body), chapterNav(edition, position, page.path)];
      page.disclosure = disclosureBlock({ ...edition, langs: languagesShown(edition, chapter.body) });
      return page;
    },
  }));

  const sourcesHeading = sourcesTitle(edition);
  const sources = base('sources.html', `${sourcesHeading} | ${bookTitle}`, [], 'page-sources');
  const chapterHref = (name: string) => href(sources.path, `${edition.name}/${chapterOutputName(name)}.html`);
  sources.main = [
    h('article', { className: ['sources'] }, [
      h('h1', sourcesHeading),
      ...sourcesByLanguage(edition, chapterHref, { className: 'sources-lang' }),
    ]),
  ];
  const made = (page: Page): PageSource => ({ path: page.path, page: () => page });
  return [made(index), ...chapters, made(sources)];
}

/** The site's front door, in both languages: the three editions and the downloads. */
function landingPage(book: Edition, editions: Edition[], downloads: Download[]): Page {
  const { meta } = book;
  // The landing page speaks both languages, Japanese first, as the bilingual edition does.
  const bilingual: Edition = { ...book, name: 'bilingual', lang: 'ja', langs: ['ja', 'en'], chapters: [] };
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
    disclosure: disclosureBlock(bilingual),
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

