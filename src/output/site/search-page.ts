import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EditionName } from '../../config/schema.ts';
import { chapterTitle, type Edition } from '../../editions/edition.ts';
import { type KeptBlocks, searchBlocks, type SearchPage } from './search-index.ts';

/**
 * The search page of an edition: a search field and the place for results, which search.js fills from the
 * edition's index. The index is a script (`assets/search-<edition>.js`), not JSON fetched: a page opened
 * from `file://` may not fetch, and the Content-Security-Policy lets it run only the site's own scripts.
 */
export function searchPage(edition: Edition): ElementContent[] {
  const t = edition.t[edition.lang];
  return [
    h('h1', t('search.title')),
    h('div', { className: ['search'], dataEdition: edition.name, dataLang: edition.lang }, [
      h('label', { htmlFor: 'search-input' }, t('search.label')),
      h('input', { type: 'search', id: 'search-input', name: 'q', autocomplete: 'off', spellCheck: false, enterKeyHint: 'search' }),
      h('p', { id: 'search-status', role: 'status', dataEmpty: t('search.none'), dataCount: t('search.count', { count: 0 }).replace('0', '{count}'), dataOther: t('search.other') }, t('search.hint')),
      h('ol', { id: 'search-results', className: ['search-results'] }),
    ]),
    h('noscript', [h('p', t('search.noscript'))]),
  ];
}

/**
 * The edition's index as a script that hands it to search.js: per page its title, per block its page, section
 * id and heading, its language and text, and the aligned block in the other language (language, text, link).
 */
export function searchIndexScript(edition: Edition, editions: readonly Edition[], built: readonly EditionName[], others: readonly SearchPage[], kept?: KeptBlocks): string {
  const pages = [...edition.chapters.map((chapter) => ({ file: `${chapter.output}.html`, title: chapterTitle(chapter, edition) })), ...others];
  const pageIndex = new Map(pages.map((page, index) => [page.file, index]));
  const blocks = searchBlocks(edition, editions, built, others, kept).map((block) => [
    pageIndex.get(block.page) ?? 0,
    block.section ?? '',
    block.heading,
    block.lang,
    block.text,
    ...(block.other ? [block.other.lang, block.other.text, block.other.href] : []),
  ]);
  const index = { edition: edition.name, lang: edition.lang, pages: pages.map((page) => [page.file, page.title]), blocks };
  return `// The search index of the ${edition.name} edition, written by bilingual-book; read by search.js.\nself.bookSearchIndex = ${JSON.stringify(index)};\n`;
}
