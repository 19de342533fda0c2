import path from 'node:path';
import type { VFile } from 'vfile';
import { type Book, type ChapterProgress, loadBook } from './book.ts';
import { type EditionName, type FormatName, formatNames } from './config/schema.ts';
import { type Diagnostics, messageFile, report, ruleIds } from './diagnostics.ts';
import { buildEdition, type Edition } from './editions/edition.ts';
import { acquireBuildLock } from './build-lock.ts';
import type { CacheOptions } from './content/cache-store.ts';
import { createStaging, discard, interruption, publish, recoverOutput } from './publish.ts';
import { sourceDateEpochProblem } from './render/build-date.ts';
import type { Download } from './render/site.ts';

export { formatNames, type FormatName } from './config/schema.ts';
export type { ChapterProgress } from './book.ts';

/** Every format has one shape: render the editions into a folder, then check what was written. */
interface Format {
  render(options: { book: Book; editions: Edition[]; outDir: string; downloads: Download[] }): Promise<string[]>;
  /** `shownAs` is where `dir` will be published: messages name the files there. */
  verify(book: Book, editions: Edition[], dir: string, shownAs: string): Promise<VFile[]>;
}

/**
 * Each format's renderer is loaded when that format is built: puppeteer alone takes most of a second
 * to load, and `check` or a site-only build should not pay for it.
 */
const formats: Record<FormatName, () => Promise<Format>> = {
  epub: async () => {
    const [{ renderEpub }, { verifyEpub }] = await Promise.all([import('./render/epub.ts'), import('./verify/verify-epub.ts')]);
    return { render: renderEpub, verify: verifyEpub };
  },
  pdf: async () => {
    const [{ renderPdf }, { verifyPdf }] = await Promise.all([import('./render/pdf.ts'), import('./verify/verify-pdf.ts')]);
    return { render: renderPdf, verify: verifyPdf };
  },
  site: async () => {
    const [{ renderSite }, { verifySite }] = await Promise.all([import('./render/site.ts'), import('./verify/verify-site.ts')]);
    return { render: renderSite, verify: (book, _editions, dir, shownAs) => verifySite(book, dir, shownAs) };
  },
};

/** Downloads first, so the site can offer them. */
const renderOrder: readonly FormatName[] = ['epub', 'pdf', 'site'];

/**
 * A format's renderer started (`render`); it finished and its output is being checked (`check`); the
 * output passed or failed its checks (`done`); or it could not be rendered here (`failed`). `position`
 * counts from 1 among the `count` formats built.
 */
export interface FormatProgress {
  stage: 'format';
  format: FormatName;
  step: 'render' | 'check' | 'done' | 'failed';
  position: number;
  count: number;
}

/** What a build is doing, told in order as it happens; the library itself never writes to a terminal. */
export type BuildProgress = ChapterProgress | FormatProgress | { stage: 'publish' };

export interface BuildOptions {
  /** The book folder (with `content/`). */
  root: string;
  /** Where outputs go; defaults to `<root>/dist`. */
  outDir?: string;
  editions?: readonly EditionName[];
  formats?: readonly FormatName[];
  cwd?: string;
  now?: Date;
  /** Told when another build holds the output folder and this one waits for it. */
  onWait?: (pid: number) => void;
  /** Told of each step (each chapter compiled, each format rendered and checked), for a progress display. */
  onProgress?: (progress: BuildProgress) => void;
  /** Where the secret that signs the book's cache entries is kept (see cache-store.ts). */
  cache?: CacheOptions;
}

export interface BuildResult {
  /** False when any error was reported. */
  ok: boolean;
  diagnostics: Diagnostics;
  /** Files written per format, relative to the format's folder. */
  written: Partial<Record<FormatName, string[]>>;
  /** The formats whose folders in `outDir` were replaced. */
  published: FormatName[];
  book: Book | undefined;
}

/**
 * Load and compile the book, assemble the editions, render each format into a staging folder, check
 * what was rendered, and only then replace the formats' folders in `outDir`. A failed check publishes
 * nothing; a format that cannot be rendered here (a missing browser) is reported and the others are published.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { root, outDir = path.join(root, 'dist'), editions = ['ja', 'en', 'bilingual'], formats: wanted = formatNames, onProgress = () => {} } = options;
  const { book, diagnostics } = await loadBook(options);
  const written: BuildResult['written'] = {};
  if (!book) return { ok: false, diagnostics, written, published: [], book };

  const built = editions.map((name) => buildEdition(book, name));
  const outFile = messageFile(outDir);
  diagnostics.add(outFile);
  const epochProblem = sourceDateEpochProblem(book.config.meta);
  if (epochProblem) report(outFile, epochProblem, { ruleId: ruleIds.sourceDateEpoch, severity: 'warning' });
  const release = await acquireBuildLock(outDir, options.onWait);
  try {
    await recoverOutput(outDir);
    return await renderAndPublish({ book, built, wanted, outDir, outFile, diagnostics, written, onProgress });
  } finally {
    await release();
  }
}

interface RenderJob {
  book: Book;
  built: Edition[];
  wanted: readonly FormatName[];
  outDir: string;
  outFile: VFile;
  diagnostics: Diagnostics;
  written: BuildResult['written'];
  onProgress: (progress: BuildProgress) => void;
}

async function renderAndPublish({ book, built, wanted, outDir, outFile, diagnostics, written, onProgress }: RenderJob): Promise<BuildResult> {
  const staging = await createStaging(outDir);
  try {
    const downloads: Download[] = [];
    const order = renderOrder.filter((format) => wanted.includes(format));
    for (const [index, name] of order.entries()) {
      if (interruption.requested) break;
      const tell = (step: FormatProgress['step']) => onProgress({ stage: 'format', format: name, step, position: index + 1, count: order.length });
      tell('render');
      const dir = path.join(staging, name);
      const format = await formats[name]();
      try {
        written[name] = await format.render({ book, editions: built, outDir: dir, downloads });
      } catch (error) {
        report(outFile, `Could not build the ${name} output: ${(error as Error).message}`, { ruleId: ruleIds.renderFailed });
        tell('failed');
        continue;
      }
      tell('check');
      const checked = await format.verify(book, built, dir, path.join(outDir, name));
      diagnostics.add(...checked);
      // A check that could not run on this machine (no browser): the format is not published unchecked.
      if (checked.some((file) => file.messages.some((message) => message.ruleId === ruleIds.renderFailed))) {
        delete written[name];
        tell('failed');
        continue;
      }
      tell('done');
      if (name !== 'site') {
        for (const file of written[name]) {
          const edition = built.find((candidate) => file.endsWith(`-${candidate.name}.${name}`));
          if (edition) downloads.push({ edition: edition.name, format: name, file: path.join(dir, file) });
        }
      }
    }
    if (interruption.requested) {
      reportInterrupted(outFile, outDir);
      await discard(staging);
      return { ok: false, diagnostics, written, published: [], book };
    }
    if (diagnostics.messages.some((message) => message.fatal && message.ruleId === ruleIds.output)) {
      report(outFile, `The output failed its checks; ${outDir} was left as it was`, { ruleId: ruleIds.output });
      await discard(staging);
      return { ok: false, diagnostics, written, published: [], book };
    }
    onProgress({ stage: 'publish' });
    await publish(staging, outDir, Object.keys(written));
  } catch (error) {
    await discard(staging);
    throw error;
  }
  if (interruption.requested) {
    reportInterrupted(outFile, outDir);
    return { ok: false, diagnostics, written, published: [], book };
  }
  return { ok: diagnostics.errorCount === 0, diagnostics, written, published: Object.keys(written) as FormatName[], book };
}

/** Validates the content without writing anything. */
export async function check(options: Omit<BuildOptions, 'outDir' | 'formats' | 'editions'>): Promise<Diagnostics> {
  return (await loadBook(options)).diagnostics;
}

function reportInterrupted(outFile: VFile, outDir: string): void {
  report(outFile, `The build was interrupted; ${outDir} was left as it was`, { ruleId: ruleIds.interrupted });
}
