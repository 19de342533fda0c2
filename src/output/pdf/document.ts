import type { Element, ElementContent } from 'hast';
import { select } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { readTemplateText } from '../../config/read-template.ts';
import { editionTitle, chapterTitle, type Edition, type EditionChapter } from '../../editions/edition.ts';
import { byline, colophon, disclosureBlock, disclosureParts, sourcesByLanguage, titlePage } from '../../editions/matter.ts';
import { disclosureLeadRules, disclosureRules } from './disclosure.ts';
import { fontFaces } from './fonts.ts';
import type { PageGeometry } from './geometry.ts';
import { headingInLangs, inEachLang } from './headings.ts';
import type { DocumentInfo } from './info.ts';
import { type NamedPage, pageRules } from './page-css.ts';
import { backMatterIds, tableOfContents, tocEntries, type TocEntry } from './toc.ts';
import { breakableUrls } from './rehype-breakable-urls.ts';
import { adapt } from '../adapt.ts';
import { fillTemplate } from '../template.ts';
import { pdfAdaptations } from './processor.ts';
import { isVertical } from '../writing-mode.ts';

/** The book as one HTML document for Chromium to print, and what printing it needs to know. */
export interface PrintDocument {
  html: string;
  /** The table of contents' entries, whose page numbers are filled in once a first printing shows them. */
  entries: TocEntry[];
  /** Every text the margin boxes print: their fonts' subsets must be loaded before printing. */
  marginText: string;
  /** The `file://` URLs of the font files the document's CSS names, which the print page may load. */
  fontFiles: string[];
  /** The sponsor's name in each of the edition's languages: the disclosure must name it. None for an unsponsored book. */
  sponsors: string[];
  /** The document information, in the edition's language (Chromium writes only the title itself). */
  info: Pick<DocumentInfo, 'Title' | 'Author' | 'Subject' | 'Keywords'>;
}

/**
 * Title page with the disclosure, contents, the chapters (each on a new page, a named page whose running head
 * is its title), sources and colophon. Chapter ids are made unique across the book.
 */
export async function printDocument(edition: Edition, geometry: PageGeometry): Promise<PrintDocument> {
  const { meta } = edition;
  const chapters = edition.chapters.map((chapter) => ({ ...chapter, body: adapt(pdfAdaptations, chapter.body, edition, chapter) }));
  const entries = tocEntries(edition, chapters);
  const perLang = (key: string) => inEachLang(edition, key);
  const chapterHref = (name: string) => `#${String(titleHeading(chapters.find((chapter) => chapter.name === name))?.properties.id ?? '')}`;

  const bookTitle = editionTitle(edition);
  const named: NamedPage[] = [
    { name: 'front', head: Object.values(perLang('nav.toc')).join(' / ') },
    ...chapters.map((chapter, index) => ({ name: `chapter-${index + 1}`, head: chapterTitle(chapter, edition) })),
    { name: 'sources', head: Object.values(perLang('sources.heading')).join(' / ') },
    { name: 'colophon', head: '' },
  ];
  const disclosure = (edition.sponsored ? edition.langs : []).map((lang) => {
    const { label, text } = disclosureParts(edition, lang);
    return `${label}\u2002${text}`;
  });

  // The colophon is a division of the book like the sources, so its heading is an h1 (a top-level bookmark).
  const colophonSection = colophon(edition);
  const heading = colophonSection.children.findIndex((node) => node.type === 'element' && /^h[1-6]$/.test(node.tagName));
  if (heading >= 0) colophonSection.children[heading] = headingInLangs('h1', backMatterIds.colophon, edition, perLang('colophon.heading'));
  const body: ElementContent[] = [
    h('section', { className: ['cover'], style: 'page: cover' }, [titlePage(edition), ...disclosureBlock(edition)]),
    h('div', { className: ['front'], style: 'page: front' }, [tableOfContents(edition, entries)]),
    ...chapters.map((chapter, index) => h('article', { className: ['chapter'], style: `page: chapter-${index + 1}` }, chapter.body)),
    h('section', { className: ['sources'], style: 'page: sources', ariaLabelledBy: backMatterIds.sources }, [
      headingInLangs('h1', backMatterIds.sources, edition, perLang('sources.heading')),
      ...breakableUrls(sourcesByLanguage(edition, chapterHref, { tag: 'div', className: 'sources-lang', introClassName: 'sources-intro' })),
    ]),
    h('div', { className: ['back'], style: 'page: colophon' }, [colophonSection]),
  ];

  const stylesheets = ['book.css', ...edition.langs.map((lang) => `${lang}.css`), ...(edition.langs.length > 1 ? ['bilingual.css'] : []), ...(isVertical(edition) ? ['vertical.css'] : [])];
  const css = await Promise.all(stylesheets.map((name) => readTemplateText(edition.root, `pdf/${name}`)));
  const info = {
    Title: bookTitle,
    Author: byline(edition, edition.lang),
    Subject: meta.description[edition.lang],
    Keywords: edition.langs.flatMap((lang) => meta.subjects[lang]).join(', '),
  };
  const fonts = await fontFaces();
  const html = fillTemplate(
    await readTemplateText(edition.root, 'pdf/book.html'),
    {
      lang: edition.lang,
      title: info.Title,
      author: info.Author,
      description: info.Subject,
      keywords: info.Keywords,
      fonts: `${disclosureLeadRules()}\n${fonts.css}`,
      stylesheet: css.join('\n'),
      // Last, after the book's stylesheets, so that the disclosure's rules win.
      pageRules: `${pageRules({ geometry, bookTitle, disclosure, pages: named, bare: 'cover' })}\n${disclosureRules()}`,
      bodyClass: `edition-${edition.name} size-${geometry.size}`,
      body: toHtml({ type: 'root', children: body }),
    },
    'pdf/book.html',
  );
  const marginText = [bookTitle, ...disclosure, ...named.map((page) => page.head), '0123456789'].join('');
  const sponsors = edition.sponsored ? edition.langs.map((lang) => meta.sponsor?.[lang] ?? '') : [];
  return { html, entries, info, marginText, fontFiles: fonts.files, sponsors };
}

/** The chapter's `h1`, which the sources list links to. */
function titleHeading(chapter: EditionChapter | undefined): Element | undefined {
  return chapter ? select('h1', { type: 'root', children: chapter.body }) : undefined;
}
