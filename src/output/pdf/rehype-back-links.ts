import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** The notes' back-links in a character both print faces have. */
export function rehypeBackLinks() {
  return (tree: Root): Root => ({ ...tree, children: printableBackLinks(tree.children as ElementContent[]) });
}

/**
 * The notes' links back to the text show `↩`, which neither print face has: Chromium would take it from
 * whatever system font has it, or print a blank box. In the PDF they show `↑`, which both faces have.
 */
function printableBackLinks(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element: Element) => {
    const classes = element.properties.className;
    if (element.tagName !== 'a' || !Array.isArray(classes) || !classes.includes('backref')) return;
    for (const child of element.children) {
      if (child.type === 'text') child.value = child.value.replace(/\u21A9/g, '\u2191');
    }
  });
  return nodes;
}
