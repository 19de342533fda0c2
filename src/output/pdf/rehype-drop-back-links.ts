import type { Element, ElementContent, Parents, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** The notes' links back to the text (`↩`) removed: a printed page cannot be clicked. */
export function rehypeDropBackLinks() {
  return (tree: Root): Root => ({ ...tree, children: dropBackLinks(tree.children as ElementContent[]) });
}

/**
 * A back-link is the web's way back from a note to its call; on paper it is a stray arrow. The citation
 * notes' `a.backref` and GFM footnotes' `a[data-footnote-backref]` go, with the space that set them apart.
 */
function dropBackLinks(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element: Element, index, parent: Parents | undefined) => {
    if (index === undefined || !parent || !isBackLink(element)) return;
    parent.children.splice(index, 1);
    const before = parent.children[index - 1];
    if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '');
    return [SKIP, index];
  });
  return nodes;
}

function isBackLink(element: Element): boolean {
  if (element.tagName !== 'a') return false;
  const classes = element.properties.className;
  return (Array.isArray(classes) && classes.includes('backref')) || element.properties.dataFootnoteBackref !== undefined;
}
