import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Reads the chapter's title from its first `#` heading, which must open the file (front matter's `title` wins). */
export function remarkChapterTitle() {
  return (tree: Root, file: VFile) => {
    if (file.data.absent) return;
    // A rule or an HTML comment may stand before the title (`---`, a blank line, `# Title`): they print nothing to name the chapter by.
    const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'thematicBreak' && !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value)));
    const titles = tree.children.filter((node) => node.type === 'heading' && node.depth === 1);
    if (!first || first.type !== 'heading' || first.depth !== 1) {
      report(file, `A chapter must start with its title as a \`# \` heading; add one as the first line, or give the title in book.yaml: \`- { file: ${file.data.chapter ?? 'NAME'}, title: { ja: …, en: … } }\``, {
        ruleId: ruleIds.headingOutline,
        ...(first?.position ? { place: first.position } : {}),
      });
    }
    // Imported books often have several `#` headings in a file: the first is the title, the others become
    // sections, so the contents, bookmarks and running heads still see one title per chapter.
    for (const extra of titles.slice(1)) {
      if (extra.type === 'heading') extra.depth = 2;
      report(file, 'A second `# ` heading: the first one is the chapter\'s title, so this one is printed as a `##` section; make it `##` or split the chapter into its own file', {
        ruleId: ruleIds.headingOutline,
        severity: 'warning',
        ...(extra.position ? { place: extra.position } : {}),
      });
    }
    file.data.title = file.data.frontMatter?.title ?? (titles[0] ? toString(titles[0]) : (file.data.chapter ?? ''));
  };
}
