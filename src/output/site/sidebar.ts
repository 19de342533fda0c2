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
  const entries = [
    link('index.html', [t('nav.titlePage')]),
    ...edition.chapters.map((chapter) => link(`${chapter.output}.html`, titles(edition, chapter.titles, chapter.name), context.outline.get(chapter.output))),
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
