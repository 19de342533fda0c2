import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { isVertical } from './writing-mode.ts';

/** Elements whose text stays as written: code, the horizontal boxes (tables, code), ruby readings, URLs, English. */
const keptTags = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'table', 'rt', 'rp', 'svg', 'math', 'script', 'style']);

/**
 * What a vertical (縦書き) Japanese line sets across or upright, as Japanese typesetting (JIS X 4051, 電書協's
 * guide) does: one or two half-width digits, and one or two Latin letters or `!?` standing alone, go across one
 * character's space (縦中横, class `tcy`); a longer number or an all-capital abbreviation of up to five letters
 * stands upright, one character under the other (class `upright`). Other Latin words stay as the font turns
 * them, sideways; decimals and numbers with separators (`4.2`, `1,086`) too, as a reader reads them whole.
 */
const runPattern = /(?<![\w.,])(?:(\d{1,2})|(\d{3,})|([A-Za-z]{1,2}|[!?]{2})|([A-Z]{3,5}))(?![\w.,%])/g;

/**
 * The vertical Japanese edition's 縦中横 and upright runs, marked for the stylesheet (`.tcy`, `.upright`). Text in
 * any other edition, in English (`lang="en"`) or in the elements above is left as it is.
 */
export function rehypeTateChuYoko() {
  return (tree: Root, file: VFile): Root => {
    const edition = file.data.edition;
    if (!edition || !isVertical(edition)) return tree;
    return { ...tree, children: tree.children.map((node) => (node.type === 'element' ? (marked(node) as Element) : node)) as Root['children'] };
  };
}

function marked(node: ElementContent): ElementContent | ElementContent[] {
  if (node.type === 'text') return runs(node.value);
  if (node.type !== 'element' || keptTags.has(node.tagName) || node.properties.lang === 'en' || classes(node).includes('source-url')) return node;
  return { ...node, children: node.children.flatMap(marked) };
}

function runs(text: string): ElementContent[] {
  const nodes: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(runPattern)) {
    const [whole, short, long, latin, capitals] = match;
    const className = short !== undefined || latin !== undefined ? 'tcy' : long !== undefined || capitals !== undefined ? 'upright' : undefined;
    if (!className) continue;
    if (match.index > last) nodes.push({ type: 'text', value: text.slice(last, match.index) });
    nodes.push({ type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: whole }] });
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push({ type: 'text', value: text.slice(last) });
  return nodes;
}

function classes(element: Element): unknown[] {
  return Array.isArray(element.properties.className) ? element.properties.className : [];
}
