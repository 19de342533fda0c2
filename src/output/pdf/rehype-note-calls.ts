import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

/** Each note call kept on the line of the character before it; changes the copy in place. */
export function rehypeNoteCalls() {
  return (tree: Root): Root => ({ ...tree, children: keepNoteCallsWithText(tree.children as ElementContent[]) });
}

/**
 * Keeps each note call on the line of the character before it: a call (`※1`, a superscript `1`) that wraps
 * to the start of a line reads as belonging to nothing. The last character of the preceding text moves into
 * an unbreakable span with the call. Works on the print document's own copy of the chapter.
 */
function keepNoteCallsWithText(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (node: Element, index, parent: Parents | undefined) => {
    if (index === undefined || !parent || !isNoteCall(node)) return;
    const before = parent.children[index - 1];
    if (before?.type !== 'text') return;
    const chars = [...before.value];
    const last = chars.pop();
    if (last === undefined || /\s/.test(last)) return;
    before.value = chars.join('');
    const glued: Text = { type: 'text', value: last };
    parent.children.splice(index, 1, h('span', { className: ['note-call'] }, [glued, node]));
    return [SKIP, index + 1];
  });
  return nodes;
}

function isNoteCall(element: Element): boolean {
  const classes = (element: Element) => (Array.isArray(element.properties.className) ? element.properties.className : []);
  if (element.tagName === 'a' && classes(element).includes('noteref')) return true;
  return element.tagName === 'sup' && element.children.some((child) => child.type === 'element' && child.tagName === 'a' && classes(child).includes('noteref'));
}
