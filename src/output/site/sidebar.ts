import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Lang } from '../../config/schema.ts';
import { type Edition, langAttribute, uiString } from '../../editions/edition.ts';
import { sourcesTitle } from '../../editions/matter.ts';
import { editionDownloads, type SiteDownload } from './downloads.ts';
import type { Outline, OutlineSection } from './outline.ts';
import { href } from './parts.ts';

/** What every page of an edition shares in its sidebar, computed once per edition and passed in as a value. */
export interface SidebarContext {
  outline: Outline;
  downloads: readonly SiteDownload[];
}

/**
 * The contents beside the text: the title page, every chapter and the sources, the page's own entry marked
 * `aria-current="page"` and its sections listed under it (site.js marks the one being read). It is a
 * `<details>` that a phone shows closed under one line, and a wide screen always open (style.css).
 */
export function sidebar(edition: Edition, context: SidebarContext, pagePath: string, current: string): Element {
  const t = edition.t[edition.lang];
  const link = (target: string, content: Array<ElementContent | string>, sections: OutlineSection[] = []) => {
    const isCurrent = target === current;
    return h('li', { className: isCurrent ? ['current'] : undefined }, [
      h('a', { href: href(pagePath, `${edition.name}/${target}`), ariaCurrent: isCurrent ? 'page' : undefined }, content),
      ...(isCurrent && sections.length > 0 ? [sectionList(edition, sections)] : []),
    ]);
  };
  const position = edition.chapters.findIndex((chapter) => `${chapter.output}.html` === current);
  const shown = nearby(edition.chapters.length, position);
  const gap = () => h('li', { className: ['sidebar-gap'] }, [h('a', { href: href(pagePath, `${edition.name}/index.html#toc-heading`) }, t('nav.allChapters', { count: edition.chapters.length }))]);
  const entries = [
    link('index.html', [t('nav.titlePage')]),
    ...edition.chapters.flatMap((chapter, index) => {
      if (!shown(index)) return shown(index - 1) ? [gap()] : [];
      return [link(`${chapter.output}.html`, titles(edition, chapter.titles, chapter.name), context.outline.get(chapter.output))];
    }),
    link('sources.html', [sourcesTitle(edition)]),
  ];
  return h('nav', { className: ['sidebar'], ariaLabel: uiString(edition, 'nav.sidebar') }, [
    h('details', { className: ['sidebar-details'] }, [
      h('summary', { className: ['sidebar-summary'] }, uiString(edition, 'nav.toc')),
      h('ol', { className: ['sidebar-list'] }, entries),
      ...editionDownloads(edition, context.downloads, pagePath),
    ]),
  ]);
}

/** A book of more chapters than this lists, beside each page, only those around it (and the first and last). */
export const sidebarChapters = 100;
const around = 10;

/**
 * Which chapters a page's sidebar lists: all of them, or in a long book those near the page's own, so that
 * no page carries a link to each of a thousand chapters (the title page's contents still list every one).
 */
function nearby(count: number, position: number): (index: number) => boolean {
  if (count <= sidebarChapters) return () => true;
  return (index) => index === 0 || index === count - 1 || (position >= 0 ? Math.abs(index - position) <= around : index <= around * 2);
}

function sectionList(edition: Edition, sections: OutlineSection[]): Element {
  return h(
    'ol',
    { className: ['sidebar-sections'] },
    sections.map((section) => h('li', { className: [`depth-${section.depth}`] }, [h('a', { href: `#${section.id}` }, titles(edition, section.titles, section.id))])),
  );
}

/** A title in each language the edition shows; a second language on its own line, tagged. */
function titles(edition: Edition, text: Partial<Record<Lang, string>>, fallback: string): Array<ElementContent | string> {
  const shown = edition.langs.filter((lang) => text[lang] !== undefined);
  if (shown.length === 0) return [Object.values(text)[0] ?? fallback];
  return shown.flatMap((lang, index) =>
    index === 0 ? [text[lang]!] : [' ', h('span', { className: ['sidebar-alt'], lang: langAttribute(edition, lang) }, text[lang]!)],
  );
}
