import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { z } from 'zod';
import { loadYaml } from '../config/load-yaml.ts';
import { messageSource, ruleIds } from '../diagnostics.ts';

/** What a chapter's front matter may say. */
export const frontMatterSchema = z
  .object({
    /** The chapter's title in the contents and page title, when it should differ from its `#` heading. */
    title: z.string().trim().min(1).optional(),
  })
  .strict();

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
    const offset = node.position?.start.line ?? 1;
    for (const message of yamlFile.messages) {
      const shift = (point: { line: number; column: number }) => ({ line: point.line + offset, column: point.column });
      const place = message.place && 'start' in message.place ? { start: shift(message.place.start), end: shift(message.place.end) } : message.place ? shift(message.place) : undefined;
      const moved = file.message(`Front matter: ${message.reason}`, { ...(place ? { place } : {}), ruleId: ruleIds.frontmatter, source: messageSource });
      moved.fatal = message.fatal;
    }
    if (data) file.data.frontMatter = data;
  };
}
