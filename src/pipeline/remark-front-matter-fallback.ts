import type { Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import YAML from 'yaml';

export interface FrontMatterFallbackOptions {
  /** Parses Markdown with the book's syntax but no front matter: the `---` block read as what it looks like. */
  parse: (markdown: string) => Root;
}

/**
 * A file that opens with `---` is not always front matter: many open with a rule, then a heading (`---`, a
 * blank line, `# Well done!`, …, `---`). As Pandoc decides, the block is front matter only when the line
 * after the opening `---` is not blank and the block is YAML of keys and values (or nothing); otherwise it
 * is the Markdown it looks like, parsed again (it is the file's start, so its positions are the file's).
 * Done while parsing (an extension of the parser, not a transform of the run): the blocks it brings back
 * are blocks the translation alignment pairs, and it reads the parsed tree.
 */
export function remarkFrontMatterFallback(this: Processor, options: FrontMatterFallbackOptions) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push({
    transforms: [
      (tree: Root) => {
        const yaml = tree.children[0];
        if (yaml?.type !== 'yaml' || isFrontMatter(yaml.value)) return;
        const eol = yaml.value.includes('\r\n') ? '\r\n' : '\n';
        const blocks: RootContent[] = options.parse(`---${eol}${yaml.value}${eol}---`).children;
        tree.children.splice(0, 1, ...blocks);
      },
    ],
  });
}

function isFrontMatter(yaml: string): boolean {
  if (yaml.trim() === '') return true;
  // A blank first line: the opening `---` was a rule.
  if (/^[ \t]*\r?\n/.test(yaml)) return false;
  try {
    const value: unknown = YAML.parse(yaml, { maxAliasCount: 0 });
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    // Broken YAML that starts like keys and values is front matter with a mistake: remark-front-matter says where.
    return /^[\w"'-]+\s*:/.test(yaml);
  }
}
