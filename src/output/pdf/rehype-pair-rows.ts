import type { Element, ElementContent, Root } from 'hast';

/** A bilingual list or box split into rows that page breaks fall between; changes the copy in place. */
export function rehypePairRows() {
  return (tree: Root): Root => ({ ...tree, children: tree.children.flatMap((node) => pairRows(node as ElementContent)) as Root['children'] });
}

/** What a row may be cut out of: both languages' block is one of these, with as many parts. */
const splittable = new Set(['ul', 'ol', 'blockquote']);

/**
 * A bilingual pair is a grid of two columns, and Chromium breaks each column where it fills the page: a long
 * list or editor's note came out with its third Japanese item on one page and the English of it on the next.
 * A pair whose two blocks are the same list or box with as many items (or paragraphs) becomes one pair per
 * item, each inside a copy of the list or box, so a page break can only fall between items, in both languages
 * at once. The copies are marked (`row-first`, `row-last`) for book.css to join them into one list or box; an
 * ordered list's items keep their numbers. A box's item that is itself such a list is cut again.
 */
function pairRows(node: ElementContent): ElementContent[] {
  if (node.type !== 'element' || !hasClass(node, 'pair')) return [node];
  const [ja, en] = node.children.filter((child): child is Element => child.type === 'element');
  if (!ja || !en || !hasClass(ja, 'ja') || !hasClass(en, 'en')) return [node];
  const rows = cut(blocks(ja), blocks(en));
  if (!rows) return [node];
  return rows.map(([jaRow, enRow]) => ({ ...node, properties: { ...node.properties, className: ['pair', 'pair-row'] }, children: [{ ...ja, children: [jaRow] }, { ...en, children: [enRow] }] }));
}

/** Rows of one block per language, or undefined when the two blocks do not have the same shape. */
function cut(ja: Element[], en: Element[]): Array<[Element, Element]> | undefined {
  const [jaBlock, enBlock] = [ja[0], en[0]];
  if (ja.length !== 1 || en.length !== 1 || !jaBlock || !enBlock) return undefined;
  if (jaBlock.tagName !== enBlock.tagName || !splittable.has(jaBlock.tagName)) return undefined;
  const [jaParts, enParts] = [blocks(jaBlock), blocks(enBlock)];
  if (jaParts.length < 2 || jaParts.length !== enParts.length) return undefined;
  const start = Number(jaBlock.properties.start ?? 1);
  const rows: Array<[Element, Element]> = [];
  jaParts.forEach((jaPart, index) => {
    const enPart = enParts[index]!;
    // A box's list is cut again, so that its items are rows of their own.
    const inner = jaBlock.tagName === 'blockquote' ? cut([jaPart], [enPart]) : undefined;
    const parts: Array<[Element, Element]> = inner ?? [[jaPart, enPart]];
    parts.forEach(([jaInner, enInner], at) => {
      const position = [...(index === 0 && at === 0 ? ['row-first'] : []), ...(index === jaParts.length - 1 && at === parts.length - 1 ? ['row-last'] : [])];
      const wrap = (block: Element, part: Element): Element => {
        const numbered = block.tagName === 'ol' && part.tagName === 'li' ? { ...part, properties: { ...part.properties, value: String(start + index) } } : part;
        return { ...block, properties: { ...block.properties, className: [...classes(block), 'row', ...position] }, children: [numbered] };
      };
      rows.push([wrap(jaBlock, jaInner), wrap(enBlock, enInner)]);
    });
  });
  return rows;
}

function blocks(element: Element): Element[] {
  return element.children.filter((child): child is Element => child.type === 'element');
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function hasClass(element: Element, name: string): boolean {
  return classes(element).includes(name);
}

