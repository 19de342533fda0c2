import path from 'node:path';
import type { Book } from './book.ts';
import { languages } from '../config/schema.ts';
import { chapterPath } from './read-chapters.ts';
import { saveLock } from './translation-lock.ts';

/** How far one chapter's translation is, block by block. */
export interface ChapterStatus {
  chapter: string;
  /** Japanese blocks: what there is to translate. */
  blocks: number;
  /** Blocks whose English matches the Japanese as it is now (accepted or not yet reviewed). */
  translated: number;
  /** Translated blocks never accepted in the lock. */
  unreviewed: number;
  stale: number;
  missing: number;
  orphaned: number;
  /** `translated / blocks`, in percent, one decimal. */
  percent: number;
}

export function translationStatus(book: Book): ChapterStatus[] {
  return book.chapters.map((chapter) => {
    // A split's second English block is no further Japanese block: only orphans count without Japanese.
    const count = (status: string) => chapter.pairs.filter((pair) => pair.status === status && (pair.ja !== undefined || status === 'orphan')).length;
    const blocks = chapter.pairs.filter((pair) => pair.ja !== undefined).length;
    const translated = count('current') + count('unreviewed');
    return {
      chapter: chapter.name,
      blocks,
      translated,
      unreviewed: count('unreviewed'),
      stale: count('stale'),
      missing: count('missing'),
      orphaned: count('orphan'),
      percent: blocks === 0 ? 100 : Math.round((translated / blocks) * 1000) / 10,
    };
  });
}

/** The status as a plain-text table, a line a chapter and a total, for people. */
export function formatStatusTable(rows: ChapterStatus[]): string[] {
  const total: ChapterStatus = rows.reduce(
    (sum, row) => ({
      ...sum,
      blocks: sum.blocks + row.blocks,
      translated: sum.translated + row.translated,
      unreviewed: sum.unreviewed + row.unreviewed,
      stale: sum.stale + row.stale,
      missing: sum.missing + row.missing,
      orphaned: sum.orphaned + row.orphaned,
    }),
    { chapter: 'total', blocks: 0, translated: 0, unreviewed: 0, stale: 0, missing: 0, orphaned: 0, percent: 0 },
  );
  total.percent = total.blocks === 0 ? 100 : Math.round((total.translated / total.blocks) * 1000) / 10;
  const header = ['chapter', 'blocks', 'translated', 'unreviewed', 'stale', 'missing', 'orphaned', '%'];
  const cells = [...rows, total].map((row) => [
    row.chapter,
    ...[row.blocks, row.translated, row.unreviewed, row.stale, row.missing, row.orphaned].map(String),
    row.percent.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.slice(0, -1).map(line), line(widths.map((width) => '-'.repeat(width))), line(cells.at(-1)!)];
}

/** The chapter names that file arguments (`content/en/02-salary.md`, `02-salary`) refer to. */
export function chaptersOf(book: Book, files: readonly string[], cwd: string): { names: string[]; unknown: string[] } {
  const known = new Set(book.chapters.map((chapter) => chapter.name));
  const names: string[] = [];
  const unknown: string[] = [];
  // A chapter is named by its own path (either language), not by any file that shares its base name.
  const byPath = new Map(book.chapters.flatMap((chapter) => languages.map((lang) => [chapterPath(book.config.root, lang, chapter.name), chapter.name] as const)));
  for (const file of files) {
    // A file is named by its path (`content/en/Part_1/Intro.md`), or by the chapter's exact name; never by its basename alone.
    const name = byPath.get(path.resolve(cwd, file)) ?? file.replace(/\.md$/, '');
    if (known.has(name)) names.push(name);
    else unknown.push(file);
  }
  return { names: [...new Set(names)], unknown };
}

/**
 * Records the current English of the named chapters (all when none are named) as reviewed
 * translations of the current Japanese; stale blocks stop being stale.
 */
export async function acceptTranslations(book: Book, names: readonly string[]): Promise<Array<{ chapter: string; accepted: number; wasStale: number }>> {
  const chosen = names.length > 0 ? book.chapters.filter((chapter) => names.includes(chapter.name)) : book.chapters;
  const chapters = { ...book.lock.chapters };
  const summary = chosen.map((chapter) => {
    if (chapter.translated) chapters[chapter.name] = chapter.acceptable;
    else delete chapters[chapter.name];
    return { chapter: chapter.name, accepted: chapter.acceptable.length, wasStale: chapter.pairs.filter((pair) => pair.status === 'stale').length };
  });
  // Chapters no longer in the book leave the lock with it.
  for (const name of Object.keys(chapters)) if (!book.chapters.some((chapter) => chapter.name === name)) delete chapters[name];
  await saveLock(book.config.root, { chapters });
  return summary;
}
