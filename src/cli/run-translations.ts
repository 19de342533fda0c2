import path from 'node:path';
import { loadBook } from '../load-book.ts';
import { lockFileName } from '../content/translation-lock.ts';
import { acceptTranslations, chaptersOf, formatStatusTable, translationStatus } from '../content/translation-status.ts';
import { settingsFromEnvironment } from './settings.ts';
import { type CliIo, printMessages } from './io.ts';
import type { CliOptions } from './parse-options.ts';
import { strictFailure } from './run-check.ts';

/** `translations status`: a table (or `--json`) of each chapter's translation state. */
export async function runTranslationsStatus(options: CliOptions, io: CliIo): Promise<number> {
  const { book, diagnostics } = await loadBook({ root: options.root, cwd: io.cwd, ...settingsFromEnvironment(process.env) });
  if (!book) {
    printMessages(diagnostics, io);
    return 1;
  }
  const rows = translationStatus(book);
  if (options.json) io.out(JSON.stringify({ chapters: rows }, null, 2));
  else for (const line of formatStatusTable(rows)) io.out(line);
  return options.strict && strictFailure(rows, io) ? 1 : 0;
}

/** `translations accept [FILE…]`: record the reviewed English of those chapters (or all) in the lock. */
export async function runTranslationsAccept(options: CliOptions, io: CliIo): Promise<number> {
  const { book, diagnostics } = await loadBook({ root: options.root, cwd: io.cwd, ...settingsFromEnvironment(process.env) });
  if (!book) {
    printMessages(diagnostics, io);
    return 1;
  }
  const { names, unknown } = chaptersOf(book, options.files, io.cwd);
  if (unknown.length > 0) {
    io.err(`bilingual-book: not a chapter of the book: ${unknown.join(', ')}; name a chapter file such as content/en/${book.chapters[0]?.name ?? 'NAME'}.md`);
    return 2;
  }
  const summary = await acceptTranslations(book, names);
  for (const item of summary) {
    io.out(`Accepted ${item.chapter}: ${item.accepted} block(s)${item.wasStale > 0 ? `, ${item.wasStale} no longer stale` : ''}`);
  }
  io.out(`Wrote ${path.relative(io.cwd, path.join(options.root, lockFileName))}.`);
  return 0;
}
