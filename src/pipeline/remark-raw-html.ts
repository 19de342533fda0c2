import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/**
 * Raw HTML never reaches an output (a shared book folder must not be able to inject markup or
 * scripts); say so where the author wrote it instead of dropping it silently.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return;
      const excerpt = node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value;
      report(file, `Raw HTML \`${excerpt}\` is left out of the book; write it in Markdown instead`, {
        ruleId: ruleIds.rawHtml,
        severity: 'warning',
        ...(node.position ? { place: node.position } : {}),
      });
    });
  };
}
