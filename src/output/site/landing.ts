import { h } from 'hastscript';
import type { Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureBlock } from '../../editions/matter.ts';
import { downloadLink, type SiteDownload } from './downloads.ts';
import type { Page } from './page.ts';
import { footer, href } from './parts.ts';

/** The site's front door, in both languages: the three editions and the downloads. */
export function landingPage(book: Edition, editions: Edition[], downloads: readonly SiteDownload[], cards: boolean): Page {
  const { meta } = book;
  // The landing page speaks both languages, Japanese first, as the bilingual edition does.
  const bilingual: Edition = { ...book, name: 'bilingual', lang: 'ja', langs: ['ja', 'en'], chapters: [] };
  const pagePath = 'index.html';
  const section = (lang: Lang) => {
    const t = book.t[lang];
    const own = lang === 'ja' ? undefined : lang;
    return h('section', { className: ['landing-lang'], lang: own }, [
      h('h2', meta.title[lang]),
      ...(meta.subtitle ? [h('p', { className: ['subtitle'] }, meta.subtitle[lang])] : []),
      h('p', meta.description[lang]),
      h('h3', t('landing.editions')),
      h(
        'ul',
        { className: ['edition-list'] },
        editions.map((edition) => h('li', [h('a', { href: href(pagePath, `${edition.name}/index.html`) }, t(`edition.${edition.name}`))])),
      ),
      ...(downloads.length > 0
        ? [
            h('h3', t('landing.downloads')),
            h(
              'ul',
              { className: ['download-list'] },
              downloads.map((download) => h('li', [downloadLink(book, download, pagePath, lang, `${t(`edition.${download.edition}`)} (${t(`landing.${download.format}`)})`)])),
            ),
          ]
        : []),
    ]);
  };
  return {
    path: pagePath,
    lang: 'ja',
    title: `${meta.title.ja} / ${meta.title.en}`,
    description: meta.description.ja,
    bodyClass: 'page-landing',
    head: [],
    disclosure: disclosureBlock(bilingual),
    nav: [],
    sidebar: [],
    main: [
      h('h1', { className: ['landing-title'] }, [
        h('span', { className: ['title-line'] }, meta.title.ja),
        ' ',
        h('span', { className: ['title-line'], lang: 'en' }, meta.title.en),
      ]),
      h('div', { className: ['landing'] }, [section('ja'), section('en')]),
    ],
    footer: footer(book, ['ja', 'en'], 'ja'),
    share: { type: 'website', edition: editions.some((edition) => edition.name === 'bilingual') ? 'bilingual' : book.name, file: 'index.html', card: cards, landing: true },
  };
}
