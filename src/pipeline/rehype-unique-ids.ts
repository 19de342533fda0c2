import type { Element, Root } from 'hast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** An id that lacks the chapter's language prefix (written in raw HTML), where it was written. */
export interface UnprefixedId {
  id: string;
  place?: Position;
}

declare module 'vfile' {
  interface DataMap {
    /** For the book-level check that the other language's chapter does not have it too (check-shared-ids.ts). */
    unprefixedIds: UnprefixedId[];
  }
}

export interface UniqueIdsOptions {
  /** The chapter's language prefix, which every id the stages give carries. */
  idPrefix: string;
}

/** Two elements with one id break links and notes: each repeat is an error where it was written. */
export function rehypeUniqueIds(options: UniqueIdsOptions) {
  const { idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const seen = new Map<string, Element>();
    const unprefixed: UnprefixedId[] = [];
    visit(tree, 'element', (element) => {
      const id = element.properties.id;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first) {
        // A generated element (the notes heading) has no place: point at the author's one instead.
        const position = element.position ?? first.position;
        report(file, `Duplicate id \`${id}\`: another element of this chapter has it; rename the heading or remove the id`, {
          ruleId: ruleIds.duplicateId,
          ...(position ? { place: position } : {}),
        });
        return;
      }
      seen.set(id, element);
      if (!id.startsWith(idPrefix)) unprefixed.push({ id, ...(element.position ? { place: element.position } : {}) });
    });
    file.data.unprefixedIds = unprefixed;
  };
}
