import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';

/** Note calls, notes, `xml:lang` and task boxes as EPUB readers want them. */
export function rehypeEpubContent() {
  return (tree: Root): Root => ({ ...tree, children: epubContent(tree.children as ElementContent[]) });
}

/**
 * Adapts an edition's content to EPUB readers: note calls become `epub:type="noteref"` links and notes
 * become `aside epub:type="footnote"`, the markup Apple Books, Kobo and Kindle's converter pop up;
 * every `lang` gets its `xml:lang` twin, as XHTML wants; a task list's check box becomes a glyph,
 * as XHTML has no attribute without a value (`checked`) and a reader has no use for a disabled control.
 */
export function epubContent(nodes: ElementContent[]): ElementContent[] {
  return nodes.map(adapt);
}

/** A copy of the element with its descendants adapted; text is shared, as it does not change. */
function adapt(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  if (node.tagName === 'input' && node.properties.type === 'checkbox') return taskMarker(node);
  const properties = { ...node.properties };
  const classes = Array.isArray(properties.className) ? properties.className : [];
  let children = node.children.map(adapt);
  if (node.tagName === 'a' && classes.includes('noteref')) properties['epub:type'] = 'noteref';
  if (node.tagName === 'section' && classes.includes('notes')) {
    delete properties.role;
    children = children.flatMap((child) => (child.type === 'element' && child.tagName === 'ol' ? footnotes(child) : [child]));
  }
  if (properties.lang !== undefined) properties.xmlLang = properties.lang;
  return { ...node, properties, children };
}

/** `ol > li#id` notes → one `aside` a note, keeping ids, so note calls and back-links still meet. */
function footnotes(list: Element): Element[] {
  return list.children
    .filter((item): item is Element => item.type === 'element' && item.tagName === 'li')
    .map((item) =>
      h('aside', { id: item.properties.id, className: ['note'], 'epub:type': 'footnote', role: 'doc-footnote' }, [h('p', item.children)]),
    );
}

/** `<input type="checkbox" checked disabled>` → `☑`, an unchecked one → `☐`. */
function taskMarker(input: Element): Element {
  return h('span', { className: ['task-marker'] }, input.properties.checked ? '☑' : '☐');
}
