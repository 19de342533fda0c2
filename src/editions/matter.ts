import { langAttribute, uiString } from './edition.ts';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookMeta, Lang } from '../config/schema.ts';
import { formatReference, utcDate } from '../i18n/format-reference.ts';
import type { Edition } from './edition.ts';

/** The front and back matter every output of an edition shares: disclosure, title page, sources, colophon. */

/** What the disclosure and the byline are made of: the metadata and the UI strings (an edition has both). */
export type BookStrings = Pick<Edition, 'meta' | 't'>;

/**
 * Whether the book must carry the advertising disclosure: only a sponsored one does. Every output and
 * every check of the output asks this one question.
 */
export function disclosureRequired(book: { meta: BookMeta }): boolean {
  return book.meta.sponsor !== undefined;
}

/** The localized disclosure sentence, from the metadata: it is never typed into a chapter. Empty for an unsponsored book. */
export function disclosureParts(book: BookStrings, lang: Lang): { label: string; text: string } {
  const t = book.t[lang];
  const { sponsor, publisher } = book.meta;
  if (!sponsor) return { label: '', text: '' };
  return { label: t('disclosure.label'), text: t('disclosure.text', { sponsor: sponsor[lang], publisher: publisher[lang] }) };
}

/**
 * The edition's languages plus any other the content shows (an English page falling back to
 * untranslated Japanese): each needs the disclosure in its language.
 */
export function languagesShown(edition: Edition, content: ElementContent[]): Lang[] {
  const langs = new Set<Lang>(edition.langs);
  // A plain walk that stops once both languages are seen: this runs over every chapter of every edition.
  const walk = (nodes: ElementContent[]) => {
    for (const node of nodes) {
      if (langs.size === 2) return;
      if (node.type !== 'element') continue;
      const lang = node.properties.lang;
      if (lang === 'ja' || lang === 'en') langs.add(lang);
      walk(node.children);
    }
  };
  walk(content);
  return [...langs];
}

/** The advertising disclosure in each of the edition's languages, labelled as such; none for an unsponsored book. */
export function disclosureBlock(edition: Edition): Element[] {
  if (!edition.sponsored) return [];
  return [h(
    'div',
    { className: ['disclosure'], role: 'note', ariaLabel: edition.t[edition.lang]('disclosure.region') },
    edition.langs.map((lang) => {
      const { label, text } = disclosureParts(edition, lang);
      return h('p', { lang: langAttribute(edition, lang) }, [h('strong', { className: ['pr-label'] }, label), ' ', text]);
    }),
  )];
}

/** "Publisher, editor" in `lang`, or the publisher alone when the book names no editor. */
export function byline(book: BookStrings, lang: Lang): string {
  const { publisher, editor } = book.meta;
  return editor ? book.t[lang]('cover.byline', { publisher: publisher[lang], editor: editor[lang] }) : publisher[lang];
}

/** Text in each language of the edition, each tagged when it is not the page's language. */
export function perLang(edition: Edition, tag: string, className: string, content: (lang: Lang) => string | ElementContent[]): Element[] {
  return edition.langs.map((lang) =>
    h(tag, { className: [className], lang: langAttribute(edition, lang) }, content(lang)),
  );
}

export function titlePage(edition: Edition): Element {
  const { meta } = edition;
  return h('section', { className: ['title-page'] }, [
    h('h1', { className: ['book-title'] }, edition.langs.flatMap((lang, index) => [
      ...(index > 0 ? [' '] : []),
      h('span', { className: ['title-line'], lang: langAttribute(edition, lang) }, meta.title[lang]),
    ])),
    ...(meta.subtitle ? perLang(edition, 'p', 'subtitle', (lang) => meta.subtitle![lang]) : []),
    ...perLang(edition, 'p', 'byline', (lang) => byline(edition, lang)),
  ]);
}

/** The book's Sources/出典 list in one language; `chapterHref` links each citing chapter. */
export function sourcesList(edition: Edition, lang: Lang, chapterHref: (name: string) => string): Element {
  const t = edition.t[lang];
  return h(
    'ol',
    { className: ['sources-list'], lang: langAttribute(edition, lang) },
    edition.sources.map(({ source, chapters }) =>
      h('li', { id: `${lang}-source-${source.key}` }, [
        ...formatReference(source, lang, t),
        ...(chapters.length > 0
          ? [
              h('br'),
              h('span', { className: ['cited-in'] }, [
                `${t('sources.citedIn')}: `,
                ...chapters.flatMap((name, index) => {
                  const title = edition.chapters.find((chapter) => chapter.name === name)?.titles[lang] ?? name;
                  return [...(index > 0 ? ['、'] : []), h('a', { href: chapterHref(name) }, title)];
                }),
              ]),
            ]
          : []),
      ]),
    ),
  );
}

export interface SourcesSectionOptions {
  /** The element each language's part is (`section`, or `div` where the page has its own sections). */
  tag?: string;
  className?: string;
  introClassName?: string;
}

/**
 * The sources section's body, one part per language of the edition: the introduction, then the list.
 * Each output puts its own heading above it and links the citing chapters its way (`chapterHref`).
 */
export function sourcesByLanguage(edition: Edition, chapterHref: (name: string) => string, options: SourcesSectionOptions = {}): Element[] {
  const { tag = 'section', className, introClassName } = options;
  return edition.langs.map((lang) =>
    h(tag, { className: className ? [className] : undefined, lang: langAttribute(edition, lang) }, [
      h('p', { className: introClassName ? [introClassName] : undefined }, edition.t[lang]('sources.intro')),
      sourcesList({ ...edition, lang }, lang, chapterHref),
    ]),
  );
}

/** The colophon (奥付): publisher, editor, sponsor, edition and date, in each language of the edition. */
export function colophon(edition: Edition): Element {
  const { meta } = edition;
  return h(
    'section',
    { className: ['colophon'], ariaLabelledBy: 'colophon-heading' },
    [
      h('h2', { id: 'colophon-heading' }, uiString(edition, 'colophon.heading')),
      ...edition.langs.map((lang) => {
        const t = edition.t[lang];
        // Optional fields the book leaves out (editor, sponsor, rights) leave out their rows.
        const row = (label: string, value: string | undefined) => (value === undefined ? [] : [h('dt', label), h('dd', value)]);
        return h('dl', { lang: langAttribute(edition, lang) }, [
          ...row(t('colophon.edition'), `${meta.title[lang]} ${t(`edition.${edition.name}`)}`),
          ...row(t('colophon.date'), t('colophon.dateValue', { date: utcDate(meta.date) })),
          ...row(t('colophon.publisher'), meta.publisher[lang]),
          ...row(t('colophon.editor'), meta.editor?.[lang]),
          ...row(t('colophon.sponsor'), meta.sponsor?.[lang]),
          ...row(t('colophon.rights'), meta.rights?.[lang]),
        ]);
      }),
    ],
  );
}

/** The sources section's heading, in each language the edition shows. */
export function sourcesTitle(edition: Edition): string {
  return uiString(edition, 'sources.heading');
}
