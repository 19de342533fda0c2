import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';

const headings = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A permalink after each section heading's text: `#`, shown on hover and focus, named for screen readers
 * in the heading's language. The chapter title (`h1`) has none: its page's address is its link.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root, file: VFile): Root => {
    const { edition } = file.data;
    if (!edition) return tree;
    const label = (lang: string) => edition.t[lang === 'en' ? 'en' : lang === 'ja' ? 'ja' : edition.lang]('nav.permalink');
    const rewrite = (node: ElementContent, lang: string): ElementContent => {
      if (node.type !== 'element') return node;
      const own = typeof node.properties.lang === 'string' ? node.properties.lang : lang;
      if (headings.has(node.tagName) && typeof node.properties.id === 'string') return withAnchor(node, label(own));
      const children = node.children.map((child) => rewrite(child, own));
      return children.every((child, index) => child === node.children[index]) ? node : { ...node, children };
    };
    return { ...tree, children: tree.children.map((node) => rewrite(node as ElementContent, edition.lang)) };
  };
}

function withAnchor(heading: Element, label: string): Element {
  const anchor = h('a', { className: ['heading-anchor'], href: `#${String(heading.properties.id)}` }, [
    h('span', { ariaHidden: 'true' }, '#'),
    h('span', { className: ['visually-hidden'] }, label),
  ]);
  return { ...heading, children: [...heading.children, { type: 'text', value: ' ' }, anchor] };
}
