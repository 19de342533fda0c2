import type { Element, ElementContent } from 'hast';
import { select } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { readTemplateText } from '../../config/read-template.ts';
import { editionTitle, chapterTitle, type Edition, type EditionChapter } from '../../editions/edition.ts';
import { byline, colophon, disclosureBlock, disclosureParts, sourcesByLanguage, titlePage } from '../../editions/matter.ts';
import { disclosureLeadRules, disclosureRules } from './disclosure.ts';
import { fontFaces } from './fonts.ts';
import { japanesePhrases, phraseBreaks, unbreakableNames } from './phrase-breaks.ts';
import type { PageGeometry } from './geometry.ts';
import { headingInLangs, inEachLang } from './headings.ts';
import type { DocumentInfo } from './info.ts';
import { type NamedPage, outerSides, pageRules } from './page-css.ts';
import type { OpeningHead } from './opening-heads.ts';
import { backMatterIds, tableOfContents, tocEntries, type TocEntry } from './toc.ts';
import { breakableUrls } from './rehype-breakable-urls.ts';
import { adapt } from '../adapt.ts';
import { fillTemplate } from '../template.ts';
import { pdfAdaptations } from './processor.ts';
import { isVertical } from '../writing-mode.ts';
import { binding, printsSpreads, spreadChapter } from './spreads.ts';

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
  /** The sponsor disclosure at the foot of every page, one sentence a language, each as its phrases (none: unsponsored). */
  footPhrases: string[][];
  /** The ids of the headings that open a division on a right-hand page (the chapters, the sources), in order. */
  openings: string[];
  /** The id on the last page (the colophon's heading): its page is the page count. */
  lastPage: string;
  /** The page count is padded with blank pages to a multiple of this (1: not padded). */
  pageCountMultiple: number;
  /** The divisions whose opening page goes without their running head (print.ts), in document order. */
  openingHeads: OpeningHead[];
  /** The size of the text block on the page, in CSS pixels: what a chapter is laid out in. */
  textBlock: { widthPx: number; heightPx: number };
  /** Spreads (spreads.ts): the chapters are packed into facing pages in the print page. */
  spreads: boolean;
  /** The openings that land on an even page, not an odd one: the spreads' chapters, Japanese page on the right. */
  evenOpenings: string[];
  /** The side the book is bound on (page-css.ts): a book bound on the right is read right to left. */
  binding: 'left' | 'right';
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
  const chapterHref = (name: string) => `#${idOf(titleHeading(chapters.find((chapter) => chapter.name === name))) ?? ''}`;

  const bookTitle = editionTitle(edition);
  const named: NamedPage[] = [
    { name: 'front', head: Object.values(perLang('nav.toc')).join(' / ') },
    ...chapters.map((chapter, index) => ({ name: `chapter-${index + 1}`, head: chapterTitle(chapter, edition) })),
    { name: 'sources', head: Object.values(perLang('sources.heading')).join(' / ') },
    { name: 'colophon', head: '' },
  ];
  const names = edition.langs.flatMap((lang) => [meta.sponsor?.[lang], meta.publisher[lang]]).filter((name): name is string => name !== undefined);
  // The foot's sentences as phrases: print.ts breaks their lines between phrases (a margin box holds no `<wbr>`).
  const footPhrases = (edition.sponsored ? edition.langs : []).map((lang) => {
    const { label, text } = disclosureParts(edition, lang);
    return [`${label}\u2002`, ...(lang === 'ja' ? japanesePhrases(text) : words(text, names))];
  });
  const disclosure = footPhrases.map((phrases) => phrases.join(''));

  // The colophon is a division of the book like the sources, so its heading is an h1 (a top-level bookmark).
  const colophonSection = colophon(edition);
  const heading = colophonSection.children.findIndex((node) => node.type === 'element' && /^h[1-6]$/.test(node.tagName));
  if (heading >= 0) colophonSection.children[heading] = headingInLangs('h1', backMatterIds.colophon, edition, perLang('colophon.heading'));
  // Chapters and the sources open on a right-hand page: print.ts shows the blank page before one that would
  // land on a left-hand page, and the pads that make the page count a multiple of `pdf.pageCountMultiple`.
  const verso = (opens: string | undefined) => h('div', { className: ['blank-page'], dataVersoFor: opens, hidden: true });
  const pads = Array.from({ length: (meta.pdf.pageCountMultiple ?? 1) - 1 }, () => h('div', { className: ['blank-page'], dataPad: '', hidden: true }));
  const spreads = printsSpreads(edition);
  const spreadsIf = (article: Element) => (spreads ? spreadChapter(article, edition) : article);
  const body: ElementContent[] = [
    h('section', { className: ['cover'], style: 'page: cover' }, [titlePage(edition), ...disclosureBlock(edition)]),
    // The back of the title page stays blank, so the contents open on a right-hand page.
    h('div', { className: ['blank-page'] }),
    h('div', { className: ['front'], style: 'page: front' }, [tableOfContents(edition, entries)]),
    ...chapters.flatMap((chapter, index) => [
      verso(idOf(titleHeading(chapter))),
      // Spreads: the chapter's rows become the units pack-spreads.ts packs into facing pages (spreads.ts).
      spreadsIf(h('article', { className: ['chapter'], style: `page: chapter-${index + 1}` }, withOpeningDisclosure(chapter.body, disclosureBlock(edition)))),
    ]),
    verso(backMatterIds.sources),
    h('section', { className: ['sources'], style: 'page: sources', ariaLabelledBy: backMatterIds.sources }, [
      headingInLangs('h1', backMatterIds.sources, edition, perLang('sources.heading')),
      ...breakableUrls(sourcesByLanguage(edition, chapterHref, { tag: 'div', className: 'sources-lang', introClassName: 'sources-intro' })),
    ]),
    ...pads,
    h('div', { className: ['back'], style: 'page: colophon' }, [colophonSection]),
  ];

  const stylesheets = ['book.css', ...edition.langs.map((lang) => `${lang}.css`), ...(edition.langs.length > 1 ? ['bilingual.css'] : []), ...(isVertical(edition) ? ['vertical.css'] : []), ...(spreads ? ['spreads.css'] : [])];
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
      pageRules: `${pageRules({ geometry, bookTitle, disclosure, pages: named, bare: ['cover', 'blank'], binding: binding(edition) })}\n${disclosureRules()}`,
      bodyClass: `edition-${edition.name} size-${geometry.size}`,
      body: toHtml({ type: 'root', children: phraseBreaks(unbreakableNames(body, names), edition.lang) }),
    },
    'pdf/book.html',
  );
  const marginText = [bookTitle, ...disclosure, ...named.map((page) => page.head), '0123456789'].join('');
  const sponsors = edition.sponsored ? edition.langs.map((lang) => meta.sponsor?.[lang] ?? '') : [];
  const chapterOpenings = chapters.map((chapter) => idOf(titleHeading(chapter))).filter((id): id is string => id !== undefined);
  const openings = [...chapterOpenings, backMatterIds.sources];
  // Each named page with a running head opens with its division's heading; the contents' heading is the toc's.
  const headingOf = (page: NamedPage, index: number) =>
    page.name === 'front' ? backMatterIds.toc : page.name === 'sources' ? backMatterIds.sources : idOf(titleHeading(chapters[index - 1]));
  // Each division's head goes blank on its opening page, in the corner page-css.ts puts it in; a chapter of
  // spreads opens on an even page facing an odd one, and neither shows a head.
  const { odd, even } = outerSides(binding(edition));
  const openingHeads = named.flatMap((page, index): OpeningHead[] => {
    const id = headingOf(page, index);
    if (id === undefined || page.head === '') return [];
    const own = { selector: `${page.name}:right`, corner: `top-${odd}` as const, head: page.head };
    if (!spreads || !page.name.startsWith('chapter-')) return [{ id, boxes: [own], pages: 1 }];
    return [{ id, boxes: [own, { selector: `${page.name}:left`, corner: `top-${even}` as const, head: bookTitle }], pages: 2 }];
  });
  const px = (mm: number) => (mm * 96) / 25.4;
  const textBlock = {
    widthPx: px(geometry.width - geometry.margin.inner - geometry.margin.outer),
    heightPx: px(geometry.height - geometry.margin.top - geometry.margin.bottom),
  };
  return {
    html, entries, info, marginText, fontFiles: fonts.files, sponsors, footPhrases,
    openings, openingHeads, lastPage: backMatterIds.colophon, pageCountMultiple: meta.pdf.pageCountMultiple ?? 1, textBlock,
    spreads, evenOpenings: spreads ? chapterOpenings : [], binding: binding(edition),
  };
}

/**
 * The chapter with the sponsor disclosure right under its title, at the size of the text: a reader who opens
 * the book at a chapter sees it there as the main notice (ステマ規制), not only in the small running foot.
 */
function withOpeningDisclosure(body: ElementContent[], disclosure: Element[]): ElementContent[] {
  if (disclosure.length === 0) return body;
  const title = body.findIndex((node) => node.type === 'element' && (node.tagName === 'h1' || select('h1', node) !== undefined));
  const opening = disclosure.map((block) => ({ ...block, properties: { ...block.properties, className: ['disclosure', 'chapter-disclosure'] } }));
  return [...body.slice(0, title + 1), ...opening, ...body.slice(title + 1)];
}

/** The words of an English text, each with the space after it; a name stays one word (no "Outsourcing｜Technology"). */
function words(text: string, names: string[]): string[] {
  const joined = names.reduce((kept, name) => kept.split(name).join(name.replace(/ /g, '\u0000')), text);
  return joined.split(/(?<= )/).map((word) => word.replace(/\u0000/g, ' '));
}

function idOf(element: Element | undefined): string | undefined {
  const id = element?.properties.id;
  return id === undefined || id === null ? undefined : String(id);
}

/** The chapter's `h1`, which the sources list links to. */
function titleHeading(chapter: EditionChapter | undefined): Element | undefined {
  return chapter ? select('h1', { type: 'root', children: chapter.body }) : undefined;
}
