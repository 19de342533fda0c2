import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { unified } from 'unified';
import type { Edition } from '../../editions/edition.ts';
import { adapt } from '../adapt.ts';
import { rehypeTateChuYoko } from '../rehype-tate-chu-yoko.ts';
import { isVertical } from '../writing-mode.ts';

/**
 * Whether the edition prints as spreads: the bilingual edition of a book whose Japanese is set vertically. Each
 * spread sets the Japanese top to bottom on its right-hand page and the English across on the left-hand one,
 * the same blocks on both; a horizontal book's bilingual edition keeps its two columns (bilingual.css).
 */
export function printsSpreads(edition: Pick<Edition, 'name' | 'meta'>): boolean {
  return edition.name === 'bilingual' && edition.meta.writingMode === 'vertical';
}

/** The side a printed edition is bound on: the right for one that reads right to left (page-css.ts). */
export function binding(edition: Pick<Edition, 'name' | 'meta'>): 'left' | 'right' {
  return isVertical(edition) || printsSpreads(edition) ? 'right' : 'left';
}

/** The vertical Japanese edition's 縦中横 (rehype-tate-chu-yoko), for the Japanese pages of the spreads. */
const japaneseAdaptations = unified().use(rehypeTateChuYoko).freeze();

/**
 * A chapter of the spreads edition as pack-spreads.ts packs it in the print page: the chapter's rows (pairs,
 * bilingual headings, the opening disclosure, the notes), each as a unit of its Japanese side and its English
 * side, in a hidden source the packer empties into the pages. A heading's id stays on its Japanese copy, the
 * page the contents and the bookmarks send a reader to; its English copy is no heading to the PDF's structure
 * (`role="presentation"`), so the bookmarks list each heading once.
 */
export function spreadChapter(article: Element, edition: Edition): Element {
  const vertical = { ...edition, name: 'ja' as const };
  // The white space between rows is no row: as a unit of its own it would stand between a heading and what follows it.
  const rows = article.children.filter((node) => node.type !== 'text' || node.value.trim() !== '');
  const units = rows.map((node) => {
    const [ja, en] = sides(node);
    return h('div', { className: ['spread-unit'] }, [
      h('div', { className: ['spread-side'], lang: 'ja' }, adapt(japaneseAdaptations, ja, vertical)),
      h('div', { className: ['spread-side'], lang: 'en' }, en),
    ]);
  });
  const className = [...classes(article), 'spreads'];
  return { ...article, properties: { ...article.properties, className }, children: [h('div', { className: ['spread-source'] }, units)] };
}

/** What of a row goes on the Japanese page and what on the English one. */
function sides(node: ElementContent): [ElementContent[], ElementContent[]] {
  if (node.type !== 'element') return [[node], []];
  const children = node.children.filter((child): child is Element => child.type === 'element');
  const inLang = (lang: string) => children.filter((child) => (child.properties.lang ?? 'ja') === lang || classes(child).includes(lang));
  if (classes(node).includes('pair')) {
    const [ja] = inLang('ja');
    const [en] = inLang('en');
    return [ja?.children ?? [], en?.children ?? []];
  }
  if (/^h[1-6]$/.test(node.tagName) && classes(node).includes('bilingual-heading')) {
    const [ja] = inLang('ja');
    const [en] = inLang('en');
    const { id } = node.properties;
    return [
      [h(node.tagName, { id, className: ['spread-heading'] }, ja?.children ?? [])],
      en ? [h(node.tagName, { className: ['spread-heading'], role: 'presentation' }, en.children)] : [],
    ];
  }
  // The opening disclosure: each language's sentence in a box of its own on its own page.
  if (classes(node).includes('disclosure')) {
    const box = (lang: string) => {
      const paragraphs = children.filter((child) => (child.properties.lang ?? 'ja') === lang);
      return paragraphs.length === 0 ? [] : [{ ...node, children: paragraphs }];
    };
    return [box('ja'), box('en')];
  }
  return [[node], []];
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}
