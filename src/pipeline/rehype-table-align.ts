import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * GFM column alignment (`:---:`) arrives as `align` on table cells, which HTML5 calls obsolete and
 * EPUB's schema refuses. It becomes a class (`align-center`), which the stylesheets set: an inline
 * `style` would be blocked by the site's Content-Security-Policy (`style-src 'self'`).
 * Must run after rehype-sanitize, which keeps `align` and would drop an unknown class.
 */
export function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (element) => {
      if (element.tagName !== 'td' && element.tagName !== 'th') return;
      const { align, ...properties } = element.properties;
      if (align === undefined) return;
      const className = Array.isArray(properties.className) ? properties.className : [];
      if (align === 'left' || align === 'center' || align === 'right') properties.className = [...className, `align-${align}`];
      element.properties = properties;
    });
  };
}
