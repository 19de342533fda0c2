import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { chapterOutputName } from '../../config/chapter-names.ts';
import type { EditionName } from '../../config/schema.ts';
import { editionTitle, chapterTitle, type Edition, type EditionChapter } from '../../editions/edition.ts';
import { colophon, disclosureBlock, languagesShown, sourcesByLanguage, sourcesTitle, titlePage } from '../../editions/matter.ts';
import { fileConcurrency, mapLimit } from '../../config/map-limit.ts';
import { readTemplate, readTemplateText } from '../../config/read-template.ts';
import { packageTemplate } from '../../config/package-dir.ts';
import { KeptResults, isString } from '../../cache/kept-results.ts';
import { adapt } from '../adapt.ts';
import { chapterPageKey } from '../page-key.ts';
import { readBookImage } from '../../pipeline/read-image.ts';
import type { RenderOptions } from '../format.ts';
import { fillTemplate } from '../template.ts';
import { type Download, fillSizes, siteDownloads } from './downloads.ts';
import { cardFile, renderCard } from './card.ts';
import { landingPage } from './landing.ts';
import { notFoundPage } from './not-found.ts';
import { siteOutline } from './outline.ts';
import { chapterNav, footer, href, tableOfContents, topNav } from './parts.ts';
import { siteAdaptations } from './processor.ts';
import type { SearchBlock } from './search-index.ts';
import { searchIndexScript, searchPage } from './search-page.ts';
import { type SidebarContext, sidebar } from './sidebar.ts';
import { sitemap } from './sitemap.ts';
import type { Page } from './page.ts';
import { type PageShare, pageHead } from './social.ts';

export type { Download } from './downloads.ts';

export interface RenderSiteOptions extends RenderOptions {
  /** The EPUBs and PDFs built before the site, which its pages offer. */
  downloads?: Download[];
}

/** The scripts (and the icon) pages load beside the style sheets; a book cannot replace them. */
const scripts = ['theme.js', 'site.js', 'search.js', 'icon.svg'] as const;
const require = createRequire(import.meta.url);
/** The English text face: Noto Serif's Latin subset, the weights and styles the reading text uses. */
const fonts = ['latin-400-normal', 'latin-400-italic', 'latin-700-normal', 'latin-700-italic'].map((name) => `noto-serif-${name}.woff2`);

/** Writes the static site: a landing page, then per edition a title page with contents, the chapters, the sources and a search page. */
export async function renderSite({ editions, outDir, signal, downloads = [] }: RenderSiteOptions): Promise<string[]> {
  // What the editions share (metadata, strings, the book folder) is read from the first.
  const [book] = editions;
  if (!book) return [];
  const template = await readTemplateText(book.root, 'site/page.html');
  const built = editions.map((edition) => edition.name);
  const offered = await siteDownloads(downloads);
  // Cards need an absolute address to be found by whoever unfurls a link: a book that does not say where it is published gets none.
  const cards = book.meta.url !== undefined;
  // Kept pages are kept without the downloads' sizes, which change with every edit: filled in below.
  const slots = offered.map(({ bytes: _bytes, ...download }) => download);
  const landing = landingPage(book, editions, offered, cards);
  const rendered = [{ path: landing.path, html: renderPage(book, landing, template, built) }];
  const indexes = new Map<EditionName, string>();
  // A chapter's page is made again only when it or what it shows of the book changed: one edit, one page.
  for (const edition of editions) {
    signal?.throwIfAborted();
    const kept = KeptResults.open(edition.cache, 'pages', `site-${edition.name}`, isString);
    const own = editionPages(edition, built, { outline: siteOutline(edition), downloads: slots }, cards);
    for (const source of own) {
      const html = () => renderPage(book, source.page(), template, built);
      rendered.push({ path: source.path, html: fillSizes(source.key === undefined ? html() : kept.get(chapterPageKey('site', edition, source.key.chapter, template, built, slots, cards, source.key.position), html), offered) });
    }
    kept.save();
    // The title page and the sources are searched beside the chapters.
    const searched = own.flatMap((source) => (source.searched ? [{ file: path.posix.basename(source.path), title: source.searched, body: source.page().main }] : []));
    const blocks = KeptResults.open(edition.cache, 'pages', `search-${edition.name}`, isSearchBlocks);
    indexes.set(edition.name, searchIndexScript(edition, editions, built, searched, (chapter, compute) => blocks.get(chapterPageKey('search', edition, chapter, built), compute)));
    blocks.save();
  }
  const notFound = notFoundPage(book, built);
  rendered.push({ path: notFound.path, html: renderPage(book, notFound, template, built) });

  const written: string[] = [];
  const write = async (relative: string, content: string | Buffer) => {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeNamed(target, content);
    written.push(relative);
  };
  signal?.throwIfAborted();
  await Promise.all([...new Set(rendered.map((page) => path.dirname(path.join(outDir, page.path))))].map((dir) => mkdir(dir, { recursive: true })));
  written.push(...rendered.map((page) => page.path));
  await mapLimit(rendered, fileConcurrency, (page) => writeNamed(path.join(outDir, page.path), page.html));
  for (const asset of ['style.css', 'print.css']) await write(`assets/${asset}`, await readTemplate(book.root, `site/${asset}`));
  // The scripts are always the tool's own: a book's would run in every reader's browser.
  for (const asset of scripts) await write(`assets/${asset}`, await readFile(packageTemplate(`site/${asset}`)));
  for (const font of fonts) await write(`assets/fonts/${font}`, await readFontFile(font));
  for (const edition of editions) {
    await write(`assets/search-${edition.name}.js`, indexes.get(edition.name)!);
    if (cards) await write(cardFile(edition.name), await renderCard(edition));
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
  const indexed = rendered.filter((page) => page.path !== '404.html');
  await write('robots.txt', robots(book.meta.url));
  // A sitemap lists absolute addresses: a book that does not say where it is published gets none.
  if (book.meta.url) await write('sitemap.xml', sitemap({ paths: indexed.map((page) => page.path), url: book.meta.url, date: book.meta.date }));
  return written;
}

/** `writeFile`, its error naming the file: a full disk fails a write with no path, and the message should say where. */
async function writeNamed(target: string, content: string | Buffer): Promise<void> {
  try {
    await writeFile(target, content);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    failure.path ??= target;
    throw failure;
  }
}

function readFontFile(name: string): Promise<Buffer> {
  return readFile(require.resolve(`@fontsource/noto-serif/files/${name}`));
}

/** Every crawler may read every page; the sitemap is named when the site knows its address. */
function robots(url: string | undefined): string {
  const base = url === undefined ? undefined : url.endsWith('/') ? url : `${url}/`;
  return ['User-agent: *', 'Allow: /', ...(base ? ['', `Sitemap: ${new URL('sitemap.xml', base).href}`] : []), ''].join('\n');
}

function renderPage(book: Edition, page: Page, template: string, built: readonly EditionName[]): string {
  const html = (nodes: ElementContent[]) => toHtml({ type: 'root', children: nodes });
  const assets = href(page.path, 'assets');
  const head = [...pageHead(book, page, built), ...page.head];
  return fillTemplate(
    template,
    {
      lang: page.lang,
      title: page.title,
      description: page.description,
      assets,
      bodyClass: page.bodyClass,
      skip: book.t[page.lang]('nav.skip'),
      head: head.map((node) => html([node])).join('\n'),
      disclosure: html(page.disclosure),
      nav: html(page.nav),
      sidebar: html(page.sidebar),
      main: html(page.main),
      footer: html(page.footer),
    },
    'site/page.html',
  );
}

/** A page to write; a chapter's is made only when no page kept from an earlier build has its key. */
interface PageSource {
  path: string;
  page: () => Page;
  /** What a chapter's page is kept by (see output/page-key.ts); none: made every build. */
  key?: { chapter: EditionChapter; position: number };
  /** The title it is searched under, for the pages other than chapters that search covers. */
  searched?: string;
}

function editionPages(edition: Edition, built: readonly EditionName[], context: SidebarContext, cards: boolean): PageSource[] {
  const { meta } = edition;
  const bookTitle = editionTitle(edition);
  const description = meta.description[edition.lang];
  const base = (file: string, title: string, main: ElementContent[], bodyClass: string, type: PageShare['type'] = 'article'): Page => {
    const pagePath = `${edition.name}/${file}`;
    return {
      path: pagePath,
      lang: edition.lang,
      title,
      description,
      bodyClass: `edition-${edition.name} ${bodyClass}`,
      head: [],
      disclosure: disclosureBlock(edition),
      nav: topNav(edition, built, pagePath, file),
      sidebar: [sidebar(edition, context, pagePath, file)],
      main,
      footer: footer(edition, edition.langs, edition.lang),
      share: { type, edition: edition.name, file, card: cards },
    };
  };
  const made = (page: Page, searched?: string): PageSource => ({ path: page.path, page: () => page, ...(searched === undefined ? {} : { searched }) });

  const index = base('index.html', bookTitle, [], 'page-title', 'book');
  index.main = [titlePage(edition), tableOfContents(edition, index.path), colophon(edition)];

  const chapters = edition.chapters.map((chapter, position): PageSource => ({
    path: `${edition.name}/${chapter.output}.html`,
    key: { chapter, position },
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
  const search = base('search.html', `${edition.t[edition.lang]('search.title')} | ${bookTitle}`, [], 'page-search');
  search.main = searchPage(edition);
  search.head = [h('script', { src: href(search.path, `assets/search-${edition.name}.js`), defer: true }), h('script', { src: href(search.path, 'assets/search.js'), defer: true })];
  return [made(index, bookTitle), ...chapters, made(sources, sourcesHeading), made(search)];
}

const isSearchBlocks = (value: unknown): value is SearchBlock[] => Array.isArray(value);
