import type { ElementContent, Root } from 'hast';
import { keepNoteCallsWithText } from './note-calls.ts';

/** Each note call kept on the line of the character before it (see note-calls.ts); changes the copy in place. */
export function rehypeNoteCalls() {
  return (tree: Root): Root => ({ ...tree, children: keepNoteCallsWithText(tree.children as ElementContent[]) });
}
