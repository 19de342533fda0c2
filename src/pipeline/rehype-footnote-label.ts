import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * GFM footnotes label their section with the fixed id `footnote-label` (remark-rehype's
 * `clobberPrefix` does not reach it), so a bilingual page holding both languages' footnotes would
 * have it twice. It gets the language prefix the other ids carry, and the note calls follow it.
 */
export function rehypeFootnoteLabel(options: { idPrefix: string }) {
  const id = `${options.idPrefix}footnote-label`;
  return (tree: Root) => {
    visit(tree, 'element', (element) => {
      const { properties } = element;
      if (properties.id === 'footnote-label') properties.id = id;
      if (Array.isArray(properties.ariaDescribedBy) && properties.ariaDescribedBy.includes('footnote-label')) properties.ariaDescribedBy = [id];
    });
  };
}
