import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book } from '../content/book.ts';
import type { BlockPair } from '../content/align-translation.ts';
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
    ? groupJoined(chapter.pairs).map((group) => {
        const [pair] = group;
        const sources = group.flatMap((member) => (member.ja === undefined ? [] : [ja.get(member.ja)!]));
        const translations = group.flatMap((member) => (member.en === undefined ? [] : [en.get(member.en)!]));
        const notice = pair!.status === 'stale' ? 'stale' : pair!.status === 'missing' ? 'missing' : undefined;
        return row(sources, translations, notice && translationNotice(book, notice, 'ja'));
      })
    : [...ja.values()].map((source, index) => row([source], [], index === 0 ? translationNotice(book, 'missingChapter', 'ja') : undefined));
  const jaNotes = trailingBlocks(chapter.ja.tree);
  const enNotes = trailingBlocks(chapter.en.tree);
  const notes = Array.from({ length: Math.max(jaNotes.length, enNotes.length) }, (_, index) =>
    row(jaNotes[index] ? [jaNotes[index]] : [], enNotes[index] ? [enNotes[index]] : [], undefined),
  );
  return [...rows, ...notes];
}

/** Each pair with those joined to it (a split or merged paragraph): one row of the page. */
function groupJoined(pairs: BlockPair[]): BlockPair[][] {
  const groups: BlockPair[][] = [];
  for (const pair of pairs) {
    if (pair.joined && groups.length > 0) groups.at(-1)!.push(pair);
    else groups.push([pair]);
  }
  return groups;
}

function row(jaBlocks: Element[], enBlocks: Element[], notice: Element | undefined): Element {
  const [ja] = jaBlocks;
  const [en] = enBlocks;
  if (ja && en && jaBlocks.length === 1 && enBlocks.length === 1 && !notice && headingNames.has(ja.tagName) && ja.tagName === en.tagName) {
    return h(ja.tagName, { id: ja.properties.id, className: ['bilingual-heading'] }, [
      h('span', { className: ['ja'], lang: 'ja' }, ja.children),
      ' ',
      h('span', { className: ['en'], lang: 'en' }, en.children),
    ]);
  }
  return h('div', { className: ['pair'] }, [
    h('div', { className: ['ja'], lang: 'ja' }, jaBlocks),
    h('div', { className: ['en'], lang: 'en' }, [...(notice ? [notice] : []), ...enBlocks]),
  ]);
}
