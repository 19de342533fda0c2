import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Reads the chapter's title from its one `#` heading, which must open the file (front matter's `title` wins). */
export function remarkChapterTitle() {
  return (tree: Root, file: VFile) => {
    if (file.data.absent) return;
    const first = tree.children.find((node) => node.type !== 'yaml');
    const titles = tree.children.filter((node) => node.type === 'heading' && node.depth === 1);
    if (!first || first.type !== 'heading' || first.depth !== 1) {
      report(file, 'A chapter must start with its title as a `# ` heading; add one as the first line', {
        ruleId: ruleIds.headingOutline,
        ...(first?.position ? { place: first.position } : {}),
      });
    }
    for (const extra of titles.slice(1)) {
      report(file, 'A chapter has one `# ` title; make this heading `##` or split the chapter into its own file', {
        ruleId: ruleIds.headingOutline,
        ...(extra.position ? { place: extra.position } : {}),
      });
    }
    file.data.title = file.data.frontMatter?.title ?? (titles[0] ? toString(titles[0]) : (file.data.chapter ?? ''));
  };
}
