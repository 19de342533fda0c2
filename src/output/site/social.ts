import type { Element } from 'hast';
import { h } from 'hastscript';
import type { EditionName, Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureParts } from '../../editions/matter.ts';
import { cardFile, cardSize } from './card.ts';
import { href } from './parts.ts';

/** What a page tells a link preview about itself. */
export interface PageShare {
  type: 'website' | 'book' | 'article';
  /** The edition whose card the page shows, and whose page `file` is in each language's folder. */
  edition: EditionName;
  file: string;
  /** Whether the site draws cards (only when it knows its address). */
  card: boolean;
  /** The landing page: its alternates are the editions' title pages. */
  landing?: boolean;
  /** A page that is the same in no other language (the 404 page). */
  alone?: boolean;
}

interface SharedPage {
  path: string;
  lang: Lang;
  title: string;
  description: string;
  share: PageShare;
}

const locales: Record<Lang, string> = { ja: 'ja_JP', en: 'en_US' };

/**
 * The head every page carries beside its shell's: the scripts (the color scheme is applied before the page
 * is drawn), then the same page in the other languages, and the Open Graph and Twitter card tags. Whatever
 * needs an absolute address (alternates, `og:url`, the card) is left out when book.yaml gives no `url`:
 * a crawler must not be sent to an address we guessed.
 */
export function pageHead(book: Edition, page: SharedPage, built: readonly EditionName[]): Element[] {
  const scripts = [
    h('link', { rel: ['icon'], href: href(page.path, 'assets/icon.svg'), type: 'image/svg+xml' }),
    h('script', { src: href(page.path, 'assets/theme.js') }),
    h('script', { src: href(page.path, 'assets/site.js'), defer: true }),
  ];
  const base = book.meta.url === undefined ? undefined : book.meta.url.endsWith('/') ? book.meta.url : `${book.meta.url}/`;
  const absolute = (target: string) => (base ? new URL(target, base).href : undefined);
  const { share } = page;
  const alternates: Element[] = [];
  if (base && !share.alone) {
    const file = share.landing ? 'index.html' : share.file;
    for (const lang of ['ja', 'en'] as const) {
      if (built.includes(lang)) alternates.push(h('link', { rel: ['alternate'], hrefLang: lang, href: absolute(`${lang}/${file}`) }));
    }
    const fallback = share.landing || share.file === 'index.html' ? 'index.html' : built.includes('bilingual') ? `bilingual/${share.file}` : undefined;
    if (fallback) alternates.push(h('link', { rel: ['alternate'], hrefLang: 'x-default', href: absolute(fallback) }));
  }
  const property = (name: string, content: string | undefined) => (content === undefined ? [] : [h('meta', { property: name, content })]);
  const named = (name: string, content: string | undefined) => (content === undefined ? [] : [h('meta', { name, content })]);
  const siteName = `${book.meta.title.ja} / ${book.meta.title.en}`;
  const otherLocales = (['ja', 'en'] as const).filter((lang) => lang !== page.lang && (built.includes(lang) || built.includes('bilingual')));
  const image = share.card && base ? absolute(cardFile(share.edition)) : undefined;
  const imageAlt = image ? cardAlt(book, share.edition) : undefined;
  return [
    ...scripts,
    ...alternates,
    ...property('og:type', share.type),
    ...property('og:title', page.title),
    ...property('og:description', page.description),
    ...property('og:site_name', siteName),
    ...property('og:locale', locales[page.lang]),
    ...otherLocales.flatMap((lang) => property('og:locale:alternate', locales[lang])),
    ...property('og:url', share.alone ? undefined : absolute(page.path)),
    ...property('og:image', image),
    ...(image ? [...property('og:image:type', 'image/png'), ...property('og:image:width', String(cardSize.width)), ...property('og:image:height', String(cardSize.height))] : []),
    ...property('og:image:alt', imageAlt),
    ...named('twitter:card', image ? 'summary_large_image' : 'summary'),
    ...named('twitter:title', page.title),
    ...named('twitter:description', page.description),
    ...named('twitter:image', image),
    ...named('twitter:image:alt', imageAlt),
  ];
}

/** What the card shows, as text: the title and, for a sponsored book, the disclosure drawn on it. */
export function cardAlt(book: Edition, edition: EditionName): string {
  const langs: Lang[] = edition === 'bilingual' ? ['ja', 'en'] : [edition];
  const title = langs.map((one) => book.meta.title[one]).join(' / ');
  if (!book.sponsored) return title;
  const disclosure = langs.map((one) => {
    const { label, text } = disclosureParts(book, one);
    return `${label}: ${text}`;
  });
  return [title, ...disclosure].join(' — ');
}
