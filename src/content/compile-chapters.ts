import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { Lang } from '../config/schema.ts';
import type { ChapterProcessor } from '../pipeline/processor.ts';
import { alignBlocks } from './align-blocks.ts';
import type { ChapterSource } from './read-chapters.ts';

/** One chapter in one language, as every edition and output renders it. */
export interface CompiledChapter {
  name: string;
  lang: Lang;
  file: VFile;
  title: string;
  /** Top-level elements carry `data-block` (their aligned block number) until an edition strips it. */
  tree: HastRoot;
}

export interface Chapter {
  name: string;
  ja: CompiledChapter;
  en: CompiledChapter;
}

/**
 * Parses both languages, checks that the translation's blocks align with the source's, then runs
 * the source first so the translation numbers its notes the same way.
 */
export async function compileChapter(source: ChapterSource, processors: Record<Lang, ChapterProcessor>, cwd: string): Promise<Chapter> {
  const ja = source.files.ja;
  const en = source.files.en;
  const jaTree = processors.ja.parse(ja) as MdastRoot;
  const enTree = processors.en.parse(en) as MdastRoot;
  alignBlocks({ tree: jaTree, file: ja }, { tree: enTree, file: en }, cwd);

  const jaHast = (await processors.ja.run(jaTree, ja)) as HastRoot;
  en.data.noteOrder = [...(ja.data.noteOrder ?? [])];
  const enHast = (await processors.en.run(enTree, en)) as HastRoot;
  return {
    name: source.name,
    ja: { name: source.name, lang: 'ja', file: ja, title: ja.data.title ?? source.name, tree: jaHast },
    en: { name: source.name, lang: 'en', file: en, title: en.data.title ?? source.name, tree: enHast },
  };
}
