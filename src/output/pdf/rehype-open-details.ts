import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Every `<details>` printed open. */
export function rehypeOpenDetails() {
  return (tree: Root): Root => ({ ...tree, children: openDetails(tree.children as ElementContent[]) });
}

/**
 * A disclosure widget (`<details>`) that is closed prints only its summary: paper cannot be clicked open,
 * so in the PDF every one is open and its body printed.
 */
function openDetails(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element: Element) => {
    if (element.tagName === 'details') element.properties.open = true;
  });
  return nodes;
}
