import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { mapPageBlocks, type PageMap, type PageStart } from '../page-blocks.ts';
import type { Edition } from '../../editions/edition.ts';
import { epubFiles } from './metadata.ts';

/** A page of the printed edition in the EPUB's `page-list`: the label a reader cites, and where it starts. */
export interface PageListEntry {
  label: string;
  href: string;
}

/** The marker where a printed page starts, as EPUB 3 and ARIA name it; its label is the page number readers show. */
export function pageBreak(page: number): Element {
  return h('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: `page-${page}`, ariaLabel: String(page) });
}

/** Blocks a marker cannot stand before (their parent holds only such blocks): it goes inside, first. */
const holdsMarkerInside = new Set(['li', 'dt', 'dd', 'summary', 'tr']);

/** Blocks a page can start inside of: text runs on across the page's edge in them (never in a heading, kept with what follows). */
const flowsAcrossPages = new Set(['p', 'li', 'dt', 'dd', 'pre', 'tr', 'figcaption']);

/** Where a page break goes: before block `block` (`offset` -1), inside it after `offset` characters that are not whitespace, or after the last block. */
interface Place {
  block: number;
  offset: number;
}

/** The lengths of the start of a page's text looked for, the longest first: the line may differ further on (a word hyphenated, ruby). */
const soughtLengths = [48, 32, 16, 8];

/**
 * A copy of a chapter's content with the page breaks of `starts`: each where its page starts, inside the block
 * it continues when that block holds the page's first characters, else before the first block that starts on
 * it (inside a list item, a description or a table row's first cell, where a `<span>` may not stand between
 * them); the pages after the last block (a blank left-hand page before the next chapter) at the end.
 */
export function withPageBreaks(body: readonly ElementContent[], starts: readonly PageStart[]): ElementContent[] {
  if (starts.length === 0) return [...body];
  const blocks: Element[] = [];
  mapPageBlocks(body, (block, index) => {
    // Called for a block after the blocks inside it: by its number, not in the order of the calls.
    blocks[index] = block;
    return [block];
  });
  const texts = new Map<number, string>();
  const textOf = (index: number) => texts.get(index) ?? texts.set(index, toString(blocks[index]!).replace(/\s+/g, '')).get(index)!;
  const places = new Map<number, Array<{ offset: number; marker: Element }>>();
  const atEnd: Element[] = [];
  let previous: Place = { block: 0, offset: -1 };
  for (const start of starts) {
    const place = placeOf(start, previous, blocks, textOf);
    previous = place;
    if (place.block >= blocks.length) atEnd.push(pageBreak(start.page));
    else places.set(place.block, [...(places.get(place.block) ?? []), { offset: place.offset, marker: pageBreak(start.page) }]);
  }
  const marked = mapPageBlocks(body, (block, index) => {
    const here = places.get(index);
    if (!here) return [block];
    const inside = here.filter((place) => place.offset >= 0);
    const before = here.filter((place) => place.offset < 0).map((place) => place.marker);
    const copy = inside.reduceRight((element, place) => insertAt(element, place.offset, place.marker), block);
    if (before.length === 0) return [copy];
    if (!holdsMarkerInside.has(copy.tagName)) return [...before, copy];
    if (copy.tagName !== 'tr') return [{ ...copy, children: [...before, ...copy.children] }];
    // A row without cells has nowhere to hold them: its pages are left out of the page-list.
    const cell = copy.children.findIndex((child) => child.type === 'element' && (child.tagName === 'td' || child.tagName === 'th'));
    if (cell < 0) return [copy];
    const children = [...copy.children];
    const first = children[cell] as Element;
    children[cell] = { ...first, children: [...before, ...first.children] };
    return [{ ...copy, children }];
  });
  return [...marked, ...atEnd];
}

/**
 * Where a page's break goes, never before the previous page's: inside a block between the previous break and
 * the page's first new block that holds the page's first characters after its own start (the page continues
 * it), the nearest such first; otherwise before that first new block.
 */
function placeOf(start: PageStart, previous: Place, blocks: readonly Element[], textOf: (index: number) => string): Place {
  const next = start.block ?? blocks.length;
  const line = start.firstLine ?? '';
  const startsNext = start.block !== null && line !== '' && textOf(start.block).startsWith(line.slice(0, soughtLengths.at(-1)));
  if (line.length >= soughtLengths.at(-1)! && !startsNext) {
    for (let index = next - 1; index >= previous.block && index >= 0; index--) {
      if (!flowsAcrossPages.has(blocks[index]!.tagName)) continue;
      const from = index === previous.block ? Math.max(1, previous.offset + 1) : 1;
      const offset = onlyPlace(textOf(index), line, from);
      if (offset !== undefined) return offset < 0 ? { block: next, offset: -1 } : { block: index, offset };
    }
  }
  return { block: next, offset: -1 };
}

/**
 * Where in `text` (from `from` on) the longest start of `line` that occurs there does, when it occurs once: -1
 * when it occurs more than once (a paragraph whose lines start alike: the page's place cannot be told), and
 * undefined when no start of it occurs.
 */
function onlyPlace(text: string, line: string, from: number): number | undefined {
  for (const length of soughtLengths) {
    if (line.length < length) continue;
    const sought = line.slice(0, length);
    const at = text.indexOf(sought, from);
    if (at < 0) continue;
    return text.indexOf(sought, at + 1) < 0 ? at : -1;
  }
  return undefined;
}

/** A copy of `element` with `marker` after its first `offset` characters that are not whitespace, splitting a text there. */
function insertAt(element: Element, offset: number, marker: Element): Element {
  let left = offset;
  const walk = (parent: Element): Element => {
    const children: ElementContent[] = [];
    for (const child of parent.children) {
      if (left < 0) {
        children.push(child);
      } else if (child.type === 'text') {
        const count = child.value.replace(/\s+/g, '').length;
        if (count < left) {
          left -= count;
          children.push(child);
        } else {
          const cut = cutAfter(child.value, left);
          children.push(...(cut > 0 ? [{ ...child, value: child.value.slice(0, cut) }] : []), marker, ...(cut < child.value.length ? [{ ...child, value: child.value.slice(cut) }] : []));
          left = -1;
        }
      } else if (child.type === 'element') {
        children.push(walk(child));
      } else {
        children.push(child);
      }
    }
    return { ...parent, children };
  };
  return walk(element);
}

/** The index in `text` just after its first `count` characters that are not whitespace (and the whitespace after them). */
function cutAfter(text: string, count: number): number {
  let seen = 0;
  let index = 0;
  while (index < text.length && seen < count) {
    if (!/\s/.test(text[index]!)) seen++;
    index++;
  }
  while (index < text.length && /\s/.test(text[index]!)) index++;
  return index;
}

/**
 * The EPUB's `page-list`, in reading order: the title page, each chapter's pages, the sources' first and the
 * colophon; only the pages whose break the files hold (a table row without cells has nowhere to hold one).
 */
export function pageList(edition: Edition, map: PageMap, files: ReadonlyArray<{ filename: string; content: string }>): PageListEntry[] {
  const contents = new Map(files.map((file) => [file.filename, file.content]));
  const entry = (file: string, page: number): PageListEntry[] => (contents.get(file)?.includes(` id="page-${page}"`) ? [{ label: String(page), href: `${file}#page-${page}` }] : []);
  return [
    ...entry(epubFiles.title, map.title),
    ...edition.chapters.flatMap((chapter, index) => (map.chapters[index] ?? []).flatMap(({ page }) => entry(`${chapter.output}.xhtml`, page))),
    ...(map.sources === undefined ? [] : entry(epubFiles.sources, map.sources)),
    ...(map.colophon === undefined ? [] : entry(epubFiles.colophon, map.colophon)),
  ];
}
