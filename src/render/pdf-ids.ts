import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';

/** Attributes that refer to other elements by id, besides `href="#…"`. */
const idRefs = ['ariaLabelledBy', 'ariaDescribedBy'] as const;

/**
 * A copy of a chapter's content whose ids are unique in the whole book and plain ASCII. The site prints one
 * chapter a page, so every chapter has its own `ja-note-1`; the PDF is one document. ASCII ids also come out
 * unescaped as the PDF's named destinations, which is how the table of contents finds its pages.
 * Links and references inside the chapter follow their targets.
 */
export function scopeIds(nodes: ElementContent[], prefix: string): ElementContent[] {
  const copy = structuredClone(nodes);
  const ids = new Map<string, string>();
  const root = { type: 'root' as const, children: copy };
  visit(root, 'element', (element: Element) => {
    const id = element.properties.id;
    if (id === undefined || id === null) return;
    const scoped = `${prefix}-${ids.size + 1}`;
    ids.set(String(id), scoped);
    element.properties.id = scoped;
  });
  visit(root, 'element', (element: Element) => {
    const href = element.properties.href;
    if (typeof href === 'string' && href.startsWith('#')) {
      const target = ids.get(decodeURIComponent(href.slice(1)));
      if (target) element.properties.href = `#${target}`;
    }
    for (const name of idRefs) {
      const value = element.properties[name];
      if (value === undefined || value === null) continue;
      const list = Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);
      element.properties[name] = list.map((id) => ids.get(id) ?? id);
    }
  });
  return copy;
}
