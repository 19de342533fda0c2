import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import YAML from 'yaml';
import { frontMatterSchema } from './remark-front-matter.ts';

/**
 * Gives a chapter without a `#` heading one from the title kept elsewhere: front matter's `title` (Hugo,
 * Starlight, Docusaurus), else the title `book.yaml` lists it with (`{ file, title }`, as mdBook's SUMMARY.md
 * keeps it). The heading is a block like any other: the translation alignment must see it as the pages do,
 * so compile-chapters runs this on the parsed tree before aligning, and the processor's run finds it there.
 * Front matter is only peeked at here; remark-front-matter validates it and reports its problems.
 */
export function remarkTitleHeading() {
  return (tree: Root, file: VFile) => {
    if (file.data.absent) return;
    const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
    const at = yaml ? 1 : 0;
    const first = tree.children[at];
    if (first?.type === 'heading' && first.depth === 1) return;
    const title = (yaml && frontMatterTitle(yaml.value)) ?? file.data.listedTitle;
    if (title === undefined) return;
    // At the front matter's place when it comes from there; a title from book.yaml is nowhere in the file.
    tree.children.splice(at, 0, { type: 'heading', depth: 1, children: [{ type: 'text', value: title }], ...(yaml?.position ? { position: yaml.position } : {}) });
  };
}

function frontMatterTitle(source: string): string | undefined {
  try {
    const parsed = frontMatterSchema.safeParse(YAML.parse(source, { maxAliasCount: 0 }));
    return parsed.success ? parsed.data.title : undefined;
  } catch {
    return undefined;
  }
}
