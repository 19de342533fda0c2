import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { type BookConfig, bookFileName, readTextFile } from '../config/load-config.ts';
import { type Lang, languages } from '../config/schema.ts';
import { type Diagnostics, messageFile, report, ruleIds } from '../diagnostics.ts';
import { structureLimits } from './check-structure.ts';

/** A chapter's Markdown in both languages, paired by file name. */
export interface ChapterSource {
  name: string;
  files: Record<Lang, VFile>;
  /** False when the translation does not exist yet: `files.en` is then empty and the English editions fall back to Japanese. */
  translated: boolean;
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
  const limits = { within: root, maxBytes: structureLimits.maxBytes, advice: 'split it into several chapters' };
  for (const name of meta.chapters) {
    const ja = await readTextFile(chapterPath(root, 'ja', name), diagnostics, `chapter \`${name}\` listed in ${bookFileName}`, limits);
    if (!ja) continue;
    if (String(ja.value).trim() === '') {
      report(ja, `The chapter is empty; write its \`# \` title and text, or remove \`${name}\` from \`chapters\` in ${bookFileName}`, { ruleId: ruleIds.emptyFile });
      continue;
    }
    const enPath = chapterPath(root, 'en', name);
    // A missing translation is not an error: the alignment reports it and the English editions fall back to Japanese.
    const en = existsSync(enPath) ? await readTextFile(enPath, diagnostics, `the English translation of chapter \`${name}\``, limits) : undefined;
    if (existsSync(enPath) && !en) continue;
    const files = { ja, en: en ?? new VFile({ path: enPath, value: '' }) };
    for (const lang of languages) {
      files[lang].data.chapter = name;
      files[lang].data.lang = lang;
      const listed = meta.chapterTitles[name]?.[lang];
      if (listed !== undefined) files[lang].data.listedTitle = listed;
    }
    if (!en) files.en.data.absent = true;
    chapters.push({ name, files, translated: en !== undefined });
  }

  for (const lang of languages) {
    let entries: string[] = [];
    try {
      // Chapters may sit in subfolders (`Part_1/Intro.md`): their names are paths with `/`.
      const found = await readdir(path.join(root, 'content', lang), { recursive: true, withFileTypes: true });
      entries = found
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(path.join(root, 'content', lang), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
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
