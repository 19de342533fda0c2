import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { type Lang, languages } from '../../config/schema.ts';
import type { VFile } from 'vfile';

/** Wide blocks scroll in their own box on the site; tables are named in the edition's strings. */
export function rehypeScrollBoxes() {
  return (tree: Root, file: VFile): Root => {
    const { edition } = file.data;
    if (!edition) return tree;
    const label = (lang: 'ja' | 'en', number: number) => edition.t[lang]('table.label', { number });
    return { ...tree, children: siteScrollBoxes(tree.children as ElementContent[], edition.lang, label) };
  };
}

/** The accessible name of a table's scroll box, in the table's language ("表1", "Table 1"). */
export type TableLabel = (lang: Lang, number: number) => string;

/**
 * A copy of a chapter's content for the site, where a wide block scrolls in its own box and never the page: a
 * code block takes the keyboard focus (so it can be scrolled without a pointer), a table is wrapped in a
 * focusable region named after its number on the page. A table's numbers count per language, so the two
 * languages of a bilingual page name theirs apart. Elements with neither below them are shared, not copied:
 * the EPUB and PDF render the same trees, and print what the site scrolls.
 */
export function siteScrollBoxes(nodes: ElementContent[], lang: Lang, label: TableLabel): ElementContent[] {
  const tables = new Map<Lang, number>();
  const rewrite = (node: ElementContent, inherited: Lang): ElementContent => {
    if (node.type !== 'element') return node;
    const lang = languageOf(node.properties.lang) ?? inherited;
    if (node.tagName === 'pre') return { ...node, properties: { ...node.properties, tabIndex: 0 } };
    if (node.tagName === 'table') {
      const number = (tables.get(lang) ?? 0) + 1;
      tables.set(lang, number);
      return h('div', { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: label(lang, number) }, [node]);
    }
    const children = node.children.map((child) => rewrite(child, lang));
    return children.every((child, index) => child === node.children[index]) ? node : { ...node, children };
  };
  return nodes.map((node) => rewrite(node, lang));
}

/** The book language a `lang` attribute names (`en-US` is English), if it names one. */
function languageOf(value: unknown): Lang | undefined {
  const primary = typeof value === 'string' ? value.split('-')[0]!.toLowerCase() : undefined;
  return languages.find((lang) => lang === primary);
}
