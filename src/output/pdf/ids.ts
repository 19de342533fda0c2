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
  const ids = scopedIds(nodes, prefix);
  const root = { type: 'root' as const, children: copy };
  visit(root, 'element', (element: Element) => {
    const id = element.properties.id;
    if (id !== undefined && id !== null) element.properties.id = ids.get(String(id));
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

/** The prefix of the ids of the book's `index`-th chapter in the PDF. */
export const chapterScope = (index: number): string => `c${index + 1}`;

/** Each id of `nodes` and the id scopeIds gives it: links from other chapters follow their targets with it. */
export function scopedIds(nodes: ElementContent[], prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  visit({ type: 'root', children: nodes }, 'element', (element: Element) => {
    const id = element.properties.id;
    if (id !== undefined && id !== null && !ids.has(String(id))) ids.set(String(id), `${prefix}-${ids.size + 1}`);
  });
  return ids;
}
