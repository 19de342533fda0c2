import { h } from 'hastscript';
import type { EditionName, Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureBlock } from '../../editions/matter.ts';
import { footer } from './parts.ts';
import type { Page } from './page.ts';

/**
 * `404.html` at the site's root, in both languages, as hosts (GitHub Pages, Netlify, Cloudflare) serve it for
 * an address the site does not have: it says so and links each edition's contents. Its links are relative to
 * the root, so it works where hosts serve it as the page at the root; deeper down, its links go to the home.
 */
export function notFoundPage(book: Edition, built: readonly EditionName[]): Page {
  const bilingual: Edition = { ...book, name: 'bilingual', lang: 'ja', langs: ['ja', 'en'], chapters: [] };
  const section = (lang: Lang) => {
    const t = book.t[lang];
    return h('section', { className: ['not-found'], lang: lang === 'ja' ? undefined : lang }, [
      h('h2', t('notFound.heading')),
      h('p', t('notFound.text')),
      h('ul', built.map((name) => h('li', [h('a', { href: `${name}/index.html` }, t(`edition.${name}`))]))),
      h('p', [h('a', { href: 'index.html' }, t('nav.home'))]),
    ]);
  };
  return {
    path: '404.html',
    lang: 'ja',
    title: `${book.t.ja('notFound.title')} / ${book.t.en('notFound.title')}`,
    description: `${book.t.ja('notFound.text')} ${book.t.en('notFound.text')}`,
    bodyClass: 'page-not-found',
    head: [h('meta', { name: 'robots', content: 'noindex' })],
    disclosure: disclosureBlock(bilingual),
    nav: [],
    sidebar: [],
    main: [
      h('h1', { className: ['landing-title'] }, [h('span', { className: ['title-line'] }, book.t.ja('notFound.title')), ' ', h('span', { className: ['title-line'], lang: 'en' }, book.t.en('notFound.title'))]),
      h('div', { className: ['landing'] }, [section('ja'), section('en')]),
    ],
    footer: footer(book, ['ja', 'en'], 'ja'),
    share: { type: 'website', edition: built.includes('bilingual') ? 'bilingual' : book.name, file: '404.html', card: false, alone: true },
  };
}
