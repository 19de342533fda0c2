import path from 'node:path';
import { type Book, loadBook } from './book.ts';
import type { EditionName } from './config/schema.ts';
import { type Diagnostics, report, messageFile, ruleIds } from './diagnostics.ts';
import { buildEdition } from './editions/edition.ts';
import { createStaging, discard, publish } from './publish.ts';
import { renderSite } from './render/site.ts';
import { verifySite } from './verify/verify-site.ts';

export const formatNames = ['site'] as const;
export type FormatName = (typeof formatNames)[number];

export interface BuildOptions {
  /** The book folder (with `content/`). */
  root: string;
  /** Where outputs go; defaults to `<root>/dist`. */
  outDir?: string;
  editions?: readonly EditionName[];
  formats?: readonly FormatName[];
  cwd?: string;
  now?: Date;
}

export interface BuildResult {
  /** False when any error was reported; nothing was published then. */
  ok: boolean;
  diagnostics: Diagnostics;
  /** Files written per format, relative to the format's folder. */
  written: Partial<Record<FormatName, string[]>>;
  book: Book | undefined;
}

/**
 * Load and compile the book, assemble the editions, render each format into a staging folder,
 * check what was rendered, and only then replace the formats' folders in `outDir`.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { root, outDir = path.join(root, 'dist'), editions = ['ja', 'en', 'bilingual'], formats = formatNames } = options;
  const { book, diagnostics } = await loadBook(options);
  const written: BuildResult['written'] = {};
  if (!book) return { ok: false, diagnostics, written, book };

  const built = editions.map((name) => buildEdition(book, name));
  const staging = await createStaging(outDir);
  try {
    if (formats.includes('site')) {
      const siteDir = path.join(staging, 'site');
      written.site = await renderSite({ book, editions: built, outDir: siteDir });
      diagnostics.add(...(await verifySite(book, siteDir)));
    }
    if (diagnostics.errorCount > 0) {
      const file = messageFile(outDir);
      diagnostics.add(file);
      report(file, `The output failed its checks; ${outDir} was left as it was`, { ruleId: ruleIds.output });
      await discard(staging);
      return { ok: false, diagnostics, written, book };
    }
    await publish(staging, outDir, formats);
  } catch (error) {
    await discard(staging);
    throw error;
  }
  return { ok: true, diagnostics, written, book };
}

/** Validates the content without writing anything. */
export async function check(options: Omit<BuildOptions, 'outDir' | 'formats' | 'editions'>): Promise<Diagnostics> {
  return (await loadBook(options)).diagnostics;
}
