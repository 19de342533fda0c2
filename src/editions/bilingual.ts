import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book } from '../book.ts';
import type { Chapter } from '../content/compile-chapters.ts';
import { blocksByIndex, trailingBlocks, translationNotice } from './translation-notices.ts';

const headingNames = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Sets each Japanese block beside the English block that translates it (as the alignment paired
 * them). A heading pair becomes one heading holding both languages, so the outline lists each section
 * once; a stale or missing translation shows its notice in the English column; the notes pair up last.
 */
export function bilingualBody(book: Book, chapter: Chapter): ElementContent[] {
  const ja = blocksByIndex(chapter.ja.tree);
  const en = blocksByIndex(chapter.en.tree);
  const rows = chapter.translated
    ? chapter.pairs.map((pair) => {
        const source = pair.ja === undefined ? undefined : ja.get(pair.ja);
        const translation = pair.en === undefined ? undefined : en.get(pair.en);
        const notice = pair.status === 'stale' ? 'stale' : pair.status === 'missing' ? 'missing' : undefined;
        return row(source, translation, notice && translationNotice(book, notice, 'ja'));
      })
    : [...ja.values()].map((source, index) => row(source, undefined, index === 0 ? translationNotice(book, 'missingChapter', 'ja') : undefined));
  const jaNotes = trailingBlocks(chapter.ja.tree);
  const enNotes = trailingBlocks(chapter.en.tree);
  const notes = Array.from({ length: Math.max(jaNotes.length, enNotes.length) }, (_, index) => row(jaNotes[index], enNotes[index], undefined));
  return [...rows, ...notes];
}

function row(ja: Element | undefined, en: Element | undefined, notice: Element | undefined): Element {
  if (ja && en && !notice && headingNames.has(ja.tagName) && ja.tagName === en.tagName) {
    return h(ja.tagName, { id: ja.properties.id, className: ['bilingual-heading'] }, [
      h('span', { className: ['ja'], lang: 'ja' }, ja.children),
      ' ',
      h('span', { className: ['en'], lang: 'en' }, en.children),
    ]);
  }
  return h('div', { className: ['pair'] }, [
    h('div', { className: ['ja'], lang: 'ja' }, ja ? [ja] : []),
    h('div', { className: ['en'], lang: 'en' }, [...(notice ? [notice] : []), ...(en ? [en] : [])]),
  ]);
}
