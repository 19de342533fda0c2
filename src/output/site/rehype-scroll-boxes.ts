import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { siteScrollBoxes } from './scroll-boxes.ts';

/** Wide blocks scroll in their own box on the site (see scroll-boxes.ts); tables are named in the edition's strings. */
export function rehypeScrollBoxes() {
  return (tree: Root, file: VFile): Root => {
    const { edition } = file.data;
    if (!edition) return tree;
    const label = (lang: 'ja' | 'en', number: number) => edition.t[lang]('table.label', { number });
    return { ...tree, children: siteScrollBoxes(tree.children as ElementContent[], edition.lang, label) };
  };
}
