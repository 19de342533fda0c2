import path from 'node:path';
import { report, ruleIds } from '../diagnostics.ts';
import { treeIds } from './check-chapter-links.ts';
import type { Chapter } from './compile-chapters.ts';

/**
 * The bilingual edition sets a chapter's Japanese and English on one page, and the English edition shows
 * an untranslated block's Japanese beside the English: an id in both trees is then on one page twice,
 * which breaks links and which the EPUB check refuses. The ids the stages give carry their language
 * (`ja-`, `en-`), so only one written in raw HTML can collide; it is reported where it was written (in
 * the English when both languages wrote it), from what rehype-unique-ids recorded, so a cached chapter
 * is reported alike.
 */
export function checkSharedIds(chapters: readonly Chapter[], cwd: string): void {
  for (const chapter of chapters) {
    if (chapter.en.file.data.absent || chapter.ja.file.data.absent) continue;
    // Only ids written in raw HTML can collide: most chapters have none, and their trees need no walk.
    if (!chapter.ja.file.data.unprefixedIds?.length && !chapter.en.file.data.unprefixedIds?.length) continue;
    const ids = { ja: treeIds(chapter.ja.tree), en: treeIds(chapter.en.tree) };
    for (const lang of ['ja', 'en'] as const) {
      const other = lang === 'ja' ? 'en' : 'ja';
      for (const { id, place } of chapter[lang].file.data.unprefixedIds ?? []) {
        // An id both languages wrote is reported once, in the English.
        if (!ids[other].has(id) || (lang === 'ja' && !id.startsWith('en-'))) continue;
        const otherFile = path.relative(cwd, chapter[other].file.path) || chapter[other].file.path;
        report(chapter[lang].file, `Duplicate id \`${id}\`: ${otherFile} has it too, and the bilingual edition sets both on one page; rename this one`, {
          ruleId: ruleIds.duplicateId,
          ...(place ? { place } : {}),
        });
      }
    }
  }
}
