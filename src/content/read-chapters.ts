import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { type BookConfig, bookFileName, readTextFile } from '../config/load-book.ts';
import { type Lang, languages } from '../config/schema.ts';
import { type Diagnostics, messageFile, report, ruleIds } from '../diagnostics.ts';

/** A chapter's Markdown in both languages, paired by file name. */
export interface ChapterSource {
  name: string;
  files: Record<Lang, VFile>;
}

export function chapterPath(root: string, lang: Lang, name: string): string {
  return path.join(root, 'content', lang, `${name}.md`);
}

/**
 * Reads every chapter listed in `book.yaml` in both languages. A listed file that is missing is an
 * error; a Markdown file that no listing names is a warning, since it is not in the book.
 */
export async function readChapters(config: BookConfig, diagnostics: Diagnostics): Promise<ChapterSource[]> {
  const { root, meta } = config;
  const chapters: ChapterSource[] = [];
  for (const name of meta.chapters) {
    const files: Partial<Record<Lang, VFile>> = {};
    for (const lang of languages) {
      const what = lang === 'ja' ? `chapter \`${name}\` listed in ${bookFileName}` : `the English translation of chapter \`${name}\``;
      const file = await readTextFile(chapterPath(root, lang, name), diagnostics, what);
      if (!file) continue;
      file.data.chapter = name;
      file.data.lang = lang;
      files[lang] = file;
    }
    if (files.ja && files.en) chapters.push({ name, files: { ja: files.ja, en: files.en } });
  }

  for (const lang of languages) {
    let entries: string[] = [];
    try {
      entries = await readdir(path.join(root, 'content', lang));
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      if (!entry.endsWith('.md') || meta.chapters.includes(entry.slice(0, -3))) continue;
      const file = messageFile(path.join(root, 'content', lang, entry));
      diagnostics.add(file);
      report(file, `Not in the book: \`${entry.slice(0, -3)}\` is not listed in \`chapters\` of ${bookFileName}; add it there or delete the file`, {
        ruleId: lang === 'en' ? ruleIds.orphanTranslation : ruleIds.unlistedChapter,
        severity: 'warning',
      });
    }
  }
  return chapters;
}
