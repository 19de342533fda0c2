import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

/** Printed addresses that wrap where a reader expects. */
export function rehypeBreakableUrls() {
  return (tree: Root): Root => ({ ...tree, children: breakableUrls(tree.children as ElementContent[]) });
}

/**
 * Lets a printed address wrap where a reader expects it to: after `//` and each `/`, before each `.`, `?`,
 * `&`, `#` and `=`. A `<wbr>` adds no character, so the text layer keeps the address whole; the stylesheet
 * still breaks anywhere when a part is longer than the line.
 */
export function breakableUrls(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element: Element) => {
    const classes = element.properties.className;
    if (element.tagName !== 'a' || !Array.isArray(classes) || !classes.includes('source-url')) return;
    element.children = element.children.flatMap((child) => {
      if (child.type !== 'text') return [child];
      const parts = child.value.split(/(?<=:\/\/|[^/]\/)|(?=[.?&#=])/);
      return parts.flatMap((part, index): ElementContent[] => [...(index > 0 ? [h('wbr')] : []), { type: 'text', value: part }]);
    });
  });
  return nodes;
}
