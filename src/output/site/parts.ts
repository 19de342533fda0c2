import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { type EditionName, editionNames, type Lang } from '../../config/schema.ts';
import { editionTitle, chapterTitle, type Edition, type EditionChapter, langAttribute, uiString } from '../../editions/edition.ts';
import { sourcesTitle } from '../../editions/matter.ts';

/** The site's navigation pieces; every href is relative, so the site works from a sub-path and from `file://`. */

/** `to` (a path from the site root) as seen from the page at `from`. */
export function href(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative === '' ? path.posix.basename(to) : relative;
}

/** The language an edition's link is labelled in, and its name there. */
function editionLabel({ t }: Pick<Edition, 't'>, name: EditionName, pageLang: Lang): { lang: Lang; text: string } {
  if (name === 'bilingual') return { lang: pageLang, text: t[pageLang]('language.bilingual') };
  return { lang: name, text: t[name](`language.${name}`) };
}

/** Links to the same page in each edition built; the current one is marked. */
export function editionSwitcher(edition: Edition, built: readonly EditionName[], pagePath: string, file: string): Element {
  const t = edition.t[edition.lang];
  return h('nav', { className: ['edition-switcher'], ariaLabel: t('nav.languages') }, [
    h(
      'ul',
      editionNames.filter((name) => built.includes(name)).map((name) => {
        const label = editionLabel(edition, name, edition.lang);
        const current = name === edition.name;
        return h('li', [
          h(
            'a',
            {
              href: href(pagePath, `${name}/${file}`),
              hrefLang: name === 'bilingual' ? undefined : name,
              lang: label.lang === edition.lang ? undefined : label.lang,
              ariaCurrent: current ? 'page' : undefined,
            },
            label.text,
          ),
        ]);
      }),
    ),
  ]);
}

/**
 * The bar at the top of every edition page: the book's title (home of the edition), the switcher, the search
 * page and the color-scheme toggle (hidden until site.js, which makes it work, shows it).
 */
export function topNav(edition: Edition, built: readonly EditionName[], pagePath: string, file: string): Element[] {
  const t = edition.t[edition.lang];
  return [
    h('div', { className: ['top-bar'] }, [
      h('p', { className: ['book-link'] }, [h('a', { href: href(pagePath, `${edition.name}/index.html`) }, editionTitle(edition))]),
      editionSwitcher(edition, built, pagePath, file),
      h('p', { className: ['tools'] }, [
        h('a', { className: ['search-link'], href: href(pagePath, `${edition.name}/search.html`), ariaCurrent: file === 'search.html' ? 'page' : undefined }, t('nav.search')),
        ' ',
        themeToggle(edition),
      ]),
    ]),
  ];
}

/** The button that switches between the light and the dark scheme; pressed means dark. */
export function themeToggle(edition: Pick<Edition, 't' | 'lang'>): Element {
  // A glyph on screen keeps a phone's header to one line of links; the name is the words.
  return h('button', { type: 'button', className: ['theme-toggle'], ariaPressed: 'false', hidden: true }, [
    h('span', { ariaHidden: 'true', className: ['theme-glyph'] }, '◐'),
    h('span', { className: ['visually-hidden'] }, edition.t[edition.lang]('nav.theme')),
  ]);
}

/** `rel=prev`/`rel=next` links between chapters; the first chapter's previous page is the contents. */
export function chapterNav(edition: Edition, index: number, pagePath: string): Element {
  const t = edition.t[edition.lang];
  const previous = edition.chapters[index - 1];
  const next = edition.chapters[index + 1];
  const link = (rel: 'prev' | 'next', label: string, target: string, title: string) =>
    h('a', { rel: [rel], href: href(pagePath, `${edition.name}/${target}`), className: [rel] }, [
      h('span', { className: ['nav-label'] }, label),
      ' ',
      h('span', { className: ['nav-title'] }, title),
    ]);
  return h('nav', { className: ['chapter-nav'], ariaLabel: t('nav.chapterNav') }, [
    previous
      ? link('prev', t('nav.previous'), `${previous.output}.html`, chapterTitle(previous, edition))
      : link('prev', t('nav.previous'), 'index.html', t('nav.toc')),
    next
      ? link('next', t('nav.next'), `${next.output}.html`, chapterTitle(next, edition))
      : link('next', t('nav.next'), 'sources.html', sourcesTitle(edition)),
  ]);
}

/** The table of contents: every chapter, then the sources. */
export function tableOfContents(edition: Edition, pagePath: string): Element {
  const entry = (target: string, content: Array<ElementContent | string>) =>
    h('li', [h('a', { href: href(pagePath, `${edition.name}/${target}`) }, content)]);
  const titleOf = (chapter: EditionChapter) =>
    edition.langs.flatMap((lang, index) => [
      ...(index > 0 ? [' '] : []),
      h('span', { className: ['toc-title'], lang: langAttribute(edition, lang) }, chapter.titles[lang] ?? chapter.name),
    ]);
  return h('nav', { className: ['toc'], ariaLabelledBy: 'toc-heading' }, [
    h('h2', { id: 'toc-heading' }, uiString(edition, 'nav.toc')),
    h('ol', [
      ...edition.chapters.map((chapter) => entry(`${chapter.output}.html`, titleOf(chapter))),
      entry('sources.html', [sourcesTitle(edition)]),
    ]),
  ]);
}

/** The footer of every page: the rights line, in the edition's languages. */
export function footer({ meta }: Pick<Edition, 'meta'>, langs: Lang[], pageLang: Lang): Element[] {
  const { rights } = meta;
  return rights ? langs.map((lang) => h('p', { lang: lang === pageLang ? undefined : lang }, rights[lang])) : [];
}
