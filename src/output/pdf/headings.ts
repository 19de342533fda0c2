import { langAttribute } from '../../editions/edition.ts';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';

/** A UI string in each of the edition's languages. */
export function inEachLang(edition: Edition, key: string): Partial<Record<Lang, string>> {
  return Object.fromEntries(edition.langs.map((lang) => [lang, edition.t[lang](key)]));
}

/** One span per language, the ones not in the edition's language tagged with theirs. */
export function titleSpans(edition: Edition, titles: Partial<Record<Lang, string>>, className: string): Element[] {
  return edition.langs.map((lang) =>
    h('span', { className: [className, lang], lang: langAttribute(edition, lang) }, titles[lang] ?? ''),
  );
}

/** A heading in each of the edition's languages, set like the bilingual edition's chapter headings. */
export function headingInLangs(tag: string, id: string, edition: Edition, titles: Partial<Record<Lang, string>>): Element {
  if (edition.langs.length === 1) return h(tag, { id }, titles[edition.lang] ?? '');
  // The space keeps the two titles apart where the text is read without the layout (bookmarks, screen readers).
  return h(tag, { id, className: ['bilingual-heading'] }, titleSpans(edition, titles, 'heading-part').flatMap((span, index) => (index > 0 ? [' ', span] : [span])));
}
