import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Two elements with one id break links and notes: each repeat is an error where it was written. */
export function rehypeUniqueIds() {
  return (tree: Root, file: VFile) => {
    const seen = new Map<string, Element>();
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
      } else seen.set(id, element);
    });
  };
}
