import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { z } from 'zod';
import { loadYaml } from '../config/load-yaml.ts';
import { messageSource, ruleIds } from '../diagnostics.ts';

/**
 * What a chapter's front matter says to us. Other keys are other tools' (Hugo's `weight`, Starlight's
 * `sidebar`, Docusaurus's `slug`…) and are ignored; one that looks like a misspelt `title` is a warning.
 */
export const frontMatterSchema = z.object({
  /** The chapter's title in the contents and page title, when it should differ from its `#` heading; a chapter without a `#` heading gets it as its heading. */
  title: z.string().trim().min(1).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

declare module 'vfile' {
  interface DataMap {
    frontMatter: FrontMatter;
  }
}

/**
 * Reads `---` YAML front matter (remark-frontmatter made it a `yaml` node) against its schema;
 * YAML or schema problems are reported at their line in the chapter file.
 */
export function remarkFrontMatter() {
  return (tree: Root, file: VFile) => {
    const node = tree.children[0];
    if (!node || node.type !== 'yaml') return;
    // Validate as its own file, then move the messages down to where the YAML starts in the chapter.
    const yamlFile = new VFile({ path: file.path, value: node.value });
    const data = loadYaml(yamlFile, frontMatterSchema);
    // Read strictly only to hear of unknown keys: those the schema finds near one of ours are likely typos.
    const strictFile = new VFile({ path: file.path, value: node.value });
    loadYaml(strictFile, frontMatterSchema.strict());
    const typos = strictFile.messages.filter((message) => /^Unknown key .*did you mean/.test(message.reason));
    for (const typo of typos) {
      typo.fatal = false;
      typo.reason = `${typo.reason} Other tools' keys are ignored, and so is this one`;
    }
    const offset = node.position?.start.line ?? 1;
    for (const message of [...yamlFile.messages, ...typos]) {
      const shift = (point: { line: number; column: number }) => ({ line: point.line + offset, column: point.column });
      const place = message.place && 'start' in message.place ? { start: shift(message.place.start), end: shift(message.place.end) } : message.place ? shift(message.place) : undefined;
      const moved = file.message(`Front matter: ${message.reason}`, { ...(place ? { place } : {}), ruleId: ruleIds.frontmatter, source: messageSource });
      moved.fatal = message.fatal;
    }
    if (!data) return;
    // A title given only in front matter becomes the chapter's `#` heading in remark-title-heading.
    file.data.frontMatter = data;
  };
}
