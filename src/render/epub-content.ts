import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

/**
 * Adapts an edition's content to EPUB readers: note calls become `epub:type="noteref"` links and notes
 * become `aside epub:type="footnote"`, the markup Apple Books, Kobo and Kindle's converter pop up;
 * every `lang` gets its `xml:lang` twin, as XHTML wants.
 */
export function epubContent(nodes: ElementContent[]): ElementContent[] {
  const tree: Root = { type: 'root', children: structuredClone(nodes) };
  visit(tree, 'element', (element) => {
    const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
    if (element.tagName === 'a' && classes.includes('noteref')) element.properties['epub:type'] = 'noteref';
    if (element.tagName === 'section' && classes.includes('notes')) {
      delete element.properties.role;
      element.children = element.children.flatMap((child) => (child.type === 'element' && child.tagName === 'ol' ? footnotes(child) : [child]));
    }
    if (element.properties.lang !== undefined) element.properties.xmlLang = element.properties.lang;
  });
  return tree.children as ElementContent[];
}

/** `ol > li#id` notes → one `aside` a note, keeping ids, so note calls and back-links still meet. */
function footnotes(list: Element): Element[] {
  return list.children
    .filter((item): item is Element => item.type === 'element' && item.tagName === 'li')
    .map((item) =>
      h('aside', { id: item.properties.id, className: ['note'], 'epub:type': 'footnote', role: 'doc-footnote' }, [h('p', item.children)]),
    );
}
