import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { Lang } from '../config/schema.ts';
import type { ChapterProcessor } from '../pipeline/processor.ts';
import { remarkTitleHeading } from '../pipeline/remark-title-heading.ts';
import { alignTranslation, type BlockPair } from './align-translation.ts';
import { checkStructure, checkTreeDepth } from './check-structure.ts';
import type { ChapterSource } from './read-chapters.ts';
import type { LockEntry } from './translation-lock.ts';

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
  /** False when the English file does not exist yet. */
  translated: boolean;
  /** Which English block translates which Japanese block, in Japanese order. */
  pairs: BlockPair[];
  /** What `translations accept` would record for this chapter now. */
  acceptable: LockEntry[];
  /**
   * A fingerprint of everything the chapter was compiled from (its cache key: both files, its lock entries,
   * the sources, the UI strings, the generator's code): what an output made of it alone is kept by.
   */
  key: string;
}

/**
 * Refuses files too large or deeply nested to parse safely (returning undefined), then parses both languages, aligns the translation's blocks with the source's (using the lock's record
 * of what was translated), then runs the source first so the translation numbers its notes the same way.
 */
export async function compileChapter(
  source: ChapterSource,
  processors: Record<Lang, ChapterProcessor>,
  lock: readonly LockEntry[],
  cwd: string,
  key: string,
): Promise<Chapter | undefined> {
  const { ja, en } = source.files;
  // Both files are checked, so every refusal is reported at once.
  const safe = [checkStructure(ja), checkStructure(en)];
  if (safe.includes(false)) return undefined;
  const jaTree = processors.ja.parse(ja) as MdastRoot;
  const enTree = processors.en.parse(en) as MdastRoot;
  if (![checkTreeDepth(jaTree, ja), checkTreeDepth(enTree, en)].every(Boolean)) return undefined;
  // A title heading the run would add is a block the alignment must count too, or every block after it is
  // paired one off (and the last one lost).
  remarkTitleHeading()(jaTree, ja);
  remarkTitleHeading()(enTree, en);
  const { pairs, acceptable } = alignTranslation({ ja: { tree: jaTree, file: ja }, en: { tree: enTree, file: en, exists: source.translated }, lock, cwd });

  const jaHast = (await processors.ja.run(jaTree, ja)) as HastRoot;
  en.data.noteOrder = [...(ja.data.noteOrder ?? [])];
  const enHast = (await processors.en.run(enTree, en)) as HastRoot;
  const jaTitle = ja.data.title ?? source.name;
  return {
    name: source.name,
    key,
    translated: source.translated,
    pairs,
    acceptable,
    ja: { name: source.name, lang: 'ja', file: ja, title: jaTitle, tree: jaHast },
    en: { name: source.name, lang: 'en', file: en, title: source.translated ? (en.data.title ?? source.name) : jaTitle, tree: enHast },
  };
}
