import type { Element, ElementContent } from 'hast';
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

/**
 * A copy of a chapter's content with the page breaks of `starts`: each before the block its page starts at
 * (inside a list item, a description or a table row's first cell, where a `<span>` may not stand between
 * them), and the pages after the last block (a blank left-hand page before the next chapter) at the end.
 */
export function withPageBreaks(body: readonly ElementContent[], starts: readonly PageStart[]): ElementContent[] {
  if (starts.length === 0) return [...body];
  const before = new Map<number, Element[]>();
  const atEnd: Element[] = [];
  for (const { page, block } of starts) {
    if (block === null) atEnd.push(pageBreak(page));
    else before.set(block, [...(before.get(block) ?? []), pageBreak(page)]);
  }
  const marked = mapPageBlocks(body, (block, index) => {
    const markers = before.get(index);
    if (!markers) return [block];
    if (!holdsMarkerInside.has(block.tagName)) return [...markers, block];
    if (block.tagName !== 'tr') return [{ ...block, children: [...markers, ...block.children] }];
    const cell = block.children.findIndex((child) => child.type === 'element' && (child.tagName === 'td' || child.tagName === 'th'));
    if (cell < 0) return [block];
    const children = [...block.children];
    const first = children[cell] as Element;
    children[cell] = { ...first, children: [...markers, ...first.children] };
    return [{ ...block, children }];
  });
  return [...marked, ...atEnd];
}

/** The EPUB's `page-list`, in reading order: the title page, each chapter's pages, the sources' first and the colophon. */
export function pageList(edition: Edition, map: PageMap): PageListEntry[] {
  const entry = (file: string, page: number): PageListEntry => ({ label: String(page), href: `${file}#page-${page}` });
  return [
    entry(epubFiles.title, map.title),
    ...edition.chapters.flatMap((chapter, index) => (map.chapters[index] ?? []).map(({ page }) => entry(`${chapter.output}.xhtml`, page))),
    ...(map.sources === undefined ? [] : [entry(epubFiles.sources, map.sources)]),
    ...(map.colophon === undefined ? [] : [entry(epubFiles.colophon, map.colophon)]),
  ];
}
