import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Lang } from '../../config/schema.ts';
import type { Edition, EditionChapter } from '../../editions/edition.ts';
import { headingInLangs, inEachLang, titleSpans } from './headings.ts';

/** One line of the printed table of contents: a chapter (level 1), one of its sections (2), or back matter. */
export interface TocEntry {
  /** The heading's id in the print document; undefined for the unscoped chapters the output check reads. */
  id: string | undefined;
  level: 1 | 2;
  /** The heading's text in each language the edition shows, in reading order. */
  titles: Partial<Record<Lang, string>>;
}

export const backMatterIds = { toc: 'toc-heading', sources: 'sources-heading', colophon: 'colophon-heading' } as const;

/** What the table of contents lists: every chapter with its sections, then the sources and the colophon. */
export function tocEntries(edition: Edition, chapters: EditionChapter[]): TocEntry[] {
  return [
    ...chapters.flatMap((chapter) => chapterHeadings(chapter, edition)),
    { id: backMatterIds.sources, level: 1, titles: inEachLang(edition, 'sources.heading') },
    { id: backMatterIds.colophon, level: 1, titles: inEachLang(edition, 'colophon.heading') },
  ];
}

/**
 * A chapter's title and its sections: the `h1` and `h2` of its top-level blocks, not the notes' heading.
 * A heading may sit in a wrapper (a bilingual pair, an untranslated block shown in Japanese); a bilingual
 * heading gives one entry with both languages' titles.
 */
function chapterHeadings(chapter: EditionChapter, edition: Edition): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const node of chapter.body) {
    if (node.type !== 'element' || hasClass(node, 'notes') || select('.notes', node)) continue;
    const heading = /^h[12]$/.test(node.tagName) ? node : select('h1, h2', node);
    if (!heading) continue;
    const titles = Object.fromEntries(
      edition.langs.map((lang) => {
        if (edition.langs.length === 1) return [lang, toString(heading)];
        const part = select(`.${lang}`, heading) ?? select(`.${lang} h1, .${lang} h2`, node) ?? (lang === edition.lang ? heading : undefined);
        return [lang, part ? toString(part) : ''];
      }),
    );
    entries.push({
      id: heading.properties.id === undefined ? undefined : String(heading.properties.id),
      level: heading.tagName === 'h1' ? 1 : 2,
      titles: Object.fromEntries(Object.entries(titles).map(([lang, title]) => [lang, title.replace(/\s+/g, ' ').trim()])),
    });
  }
  return entries;
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

/**
 * The printed table of contents, each entry a link with a page number. Every number is `000` until a first
 * printing shows the pages (print.ts writes them in): about as wide as the real ones, so the contents
 * take as many pages with either.
 */
export function tableOfContents(edition: Edition, entries: TocEntry[]): Element {
  // The number follows the title in the edition's language; the other language's title goes on a line below.
  const item = (entry: TocEntry, children: ElementContent[] = []) => {
    const [own, ...others] = titleSpans(edition, entry.titles, 'toc-title');
    return h('li', { className: [`toc-level-${entry.level}`] }, [
      h('a', { href: `#${entry.id}` }, [
        h('span', { className: ['toc-line'] }, [
          ...(own ? [own] : []),
          h('span', { className: ['toc-leader'], ariaHidden: 'true' }),
          h('span', { className: ['toc-page'], dataTocPage: entry.id }, '000'),
        ]),
        ...others,
      ]),
      ...children,
    ]);
  };
  const items: Element[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.level === 2) continue;
    const sections: TocEntry[] = [];
    for (const next of entries.slice(index + 1)) {
      if (next.level === 1) break;
      sections.push(next);
    }
    items.push(item(entry, sections.length > 0 ? [h('ol', sections.map((section) => item(section)))] : []));
  }
  return h('nav', { className: ['toc'], ariaLabelledBy: backMatterIds.toc }, [
    headingInLangs('h1', backMatterIds.toc, edition, inEachLang(edition, 'nav.toc')),
    h('ol', { className: ['toc-list'] }, items),
  ]);
}
