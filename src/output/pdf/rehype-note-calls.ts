import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { langOf } from './lang-of.ts';

/** Each note call kept on the line of the character before it; changes the copy in place. */
export function rehypeNoteCalls() {
  return (tree: Root, file: VFile): Root => ({ ...tree, children: keepNoteCallsWithText(tree.children as ElementContent[], file.data.edition?.lang ?? 'ja') });
}

/** What an English note number follows rather than precedes (Chicago 14.26): not a dash, not a closing parenthesis. */
const followedPunctuation = /^[.,;:!?\u2019\u201D"']+/;

/**
 * Keeps each note call on the line of the character before it: a call (`※1`, a superscript `1`) that wraps
 * to the start of a line reads as belonging to nothing. The last character of the preceding text moves into
 * an unbreakable span with the call. In English, a call written before a full stop or comma (`text[@key].`)
 * moves after it, as English books set note numbers. Works on the print document's own copy of the chapter.
 */
function keepNoteCallsWithText(nodes: ElementContent[], editionLang: string): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visitParents(root, 'element', (node: Element, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (!parent || !isNoteCall(node)) return;
    const index = parent.children.indexOf(node);
    const before = parent.children[index - 1];
    if (before?.type !== 'text') return;
    const after = parent.children[index + 1];
    if (after?.type === 'text' && langOf(ancestors, editionLang) === 'en') {
      const punctuation = followedPunctuation.exec(after.value)?.[0];
      if (punctuation && !/\s$/.test(before.value)) {
        before.value += punctuation;
        after.value = after.value.slice(punctuation.length);
      }
    }
    const chars = [...before.value];
    const last = chars.pop();
    if (last === undefined || /\s/.test(last)) return;
    before.value = chars.join('');
    const glued: Text = { type: 'text', value: last };
    parent.children.splice(index, 1, h('span', { className: ['note-call'] }, [glued, node]));
    return SKIP;
  });
  return nodes;
}


function isNoteCall(element: Element): boolean {
  const classes = (element: Element) => (Array.isArray(element.properties.className) ? element.properties.className : []);
  if (element.tagName === 'a' && classes(element).includes('noteref')) return true;
  return element.tagName === 'sup' && element.children.some((child) => child.type === 'element' && child.tagName === 'a' && (classes(child).includes('noteref') || child.properties.dataFootnoteRef !== undefined));
}
