import type { ElementContent, Root } from 'hast';
import type { Processor } from 'unified';
import { VFile } from 'vfile';
import type { Edition, EditionChapter } from '../editions/edition.ts';

declare module 'vfile' {
  interface DataMap {
    /** The edition whose page an output's adaptations work on. */
    edition: Edition;
    /** The chapter the adapted content is, when it is one. */
    editionChapter: EditionChapter;
  }
}

/**
 * One output's adaptations of the editions' trees (ids, note calls, URLs, links between chapters…): rehype
 * plugins listed in order in that output's `processor.ts`, as the compile pipeline's are in
 * pipeline/processor.ts. The trees are shared by the three outputs, so every plugin copies what it changes
 * and returns the new tree.
 */
export type Adaptations = Processor<undefined, Root, Root, undefined, undefined>;

/** `nodes` of `edition` (of `chapter`, when they are one) as an output's adaptations make them. */
export function adapt(adaptations: Adaptations, nodes: ElementContent[], edition: Edition, chapter?: EditionChapter): ElementContent[] {
  const file = new VFile();
  file.data.edition = edition;
  if (chapter) file.data.editionChapter = chapter;
  return adaptations.runSync({ type: 'root', children: nodes }, file).children as ElementContent[];
}
