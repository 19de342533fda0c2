import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { Book } from '../content/book.ts';
import type { BlockPair } from '../content/align-translation.ts';
import type { Chapter } from '../content/compile-chapters.ts';
import { decodeUrlComponent } from '../pipeline/decode-url.ts';

/** A chapter's top-level blocks by aligned block number, without their `data-block` marks. */
export function blocksByIndex(tree: Root): Map<number, Element> {
  const blocks = new Map<number, Element>();
  for (const node of tree.children) {
    if (node.type !== 'element' || node.properties.dataBlock === undefined) continue;
    const copy = structuredClone(node);
    delete copy.properties.dataBlock;
    blocks.set(Number(node.properties.dataBlock), copy);
  }
  return blocks;
}

/** What follows the aligned blocks (the notes), in order. */
export function trailingBlocks(tree: Root): Element[] {
  return tree.children.filter((node): node is Element => node.type === 'element' && node.properties.dataBlock === undefined);
}

/** The localized notice an English reader sees on a stale or untranslated block. */
export function translationNotice(book: Book, key: 'stale' | 'missing' | 'missingChapter', pageLang: string): Element {
  return h('p', { className: ['translation-notice', `translation-notice-${key}`], role: 'note', lang: pageLang === 'en' ? undefined : 'en' }, book.t.en(`translation.${key}`));
}

/**
 * A Japanese block standing in for its missing translation: tagged as Japanese, its note calls pointed at
 * the English notes, which number the same, and its links to a heading of the chapter pointed at the
 * English heading that translates it (`headings`: Japanese id → English id), which is the one on the page.
 */
export function fallbackBlock(block: Element, headings: ReadonlyMap<string, string> = new Map()): Element {
  const copy = structuredClone(block);
  visit(copy, 'element', (element) => {
    const href = element.properties.href;
    if (element.tagName !== 'a' || typeof href !== 'string') return;
    if (href.startsWith('#ja-note-')) element.properties.href = href.replace('#ja-note-', '#en-note-');
    else if (href.startsWith('#') && headings.has(decodeUrlComponent(href.slice(1)))) element.properties.href = `#${headings.get(decodeUrlComponent(href.slice(1)))}`;
  });
  return h('div', { className: ['translation-fallback'], lang: 'ja' }, [copy]);
}

/** The English edition's content for a chapter: translated blocks, with notices where the translation lags. */
export function englishBody(book: Book, chapter: Chapter): ElementContent[] {
  const ja = blocksByIndex(chapter.ja.tree);
  const en = blocksByIndex(chapter.en.tree);
  const notes = trailingBlocks(chapter.en.tree);
  if (!chapter.translated) {
    return [translationNotice(book, 'missingChapter', 'en'), ...[...ja.values()].map((block) => fallbackBlock(block)), ...notes];
  }
  const headings = translatedHeadings(chapter.pairs, ja, en);
  return [...inEnglishOrder(chapter.pairs).flatMap((pair) => englishBlock(book, pair, ja, en, headings)), ...notes];
}

/** The id of each Japanese heading that an English heading translates, with the English heading's id. */
function translatedHeadings(pairs: readonly BlockPair[], ja: Map<number, Element>, en: Map<number, Element>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const pair of pairs) {
    const source = pair.ja === undefined ? undefined : ja.get(pair.ja);
    const translation = pair.en === undefined ? undefined : en.get(pair.en);
    if (!source || !translation || !/^h[1-6]$/.test(source.tagName) || source.tagName !== translation.tagName) continue;
    const { id: from } = source.properties;
    const { id: to } = translation.properties;
    if (typeof from === 'string' && typeof to === 'string') ids.set(from, to);
  }
  return ids;
}

/**
 * The pairs as the English file orders its blocks: a block the translator moved is read where they put it,
 * not where its Japanese stands. A Japanese block with no translation stays after the English block that
 * precedes it among the pairs.
 */
function inEnglishOrder(pairs: readonly BlockPair[]): BlockPair[] {
  let last = -1;
  let step = 0;
  const keyed = pairs.map((pair, index) => {
    if (pair.en !== undefined) {
      last = pair.en;
      step = 0;
      return { pair, key: pair.en, index };
    }
    step += 1;
    return { pair, key: last + step / (pairs.length + 1), index };
  });
  return keyed.sort((a, b) => a.key - b.key || a.index - b.index).map(({ pair }) => pair);
}

function englishBlock(book: Book, pair: BlockPair, ja: Map<number, Element>, en: Map<number, Element>, headings: ReadonlyMap<string, string>): Element[] {
  const source = pair.ja === undefined ? undefined : ja.get(pair.ja);
  const translation = pair.en === undefined ? undefined : en.get(pair.en);
  if (pair.status === 'missing' && source) {
    return [h('div', { className: ['translation-missing'] }, [translationNotice(book, 'missing', 'en'), fallbackBlock(source, headings)])];
  }
  // The notice opens a split or merged pair once, on its first block.
  if (pair.status === 'stale' && translation && !pair.joined) {
    return [h('div', { className: ['translation-stale'] }, [translationNotice(book, 'stale', 'en'), translation])];
  }
  return translation ? [translation] : [];
}
