import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { Book } from './content/book.ts';
import { type ChapterProgress, loadBook, type LoadOptions } from './load-book.ts';
import { type EditionName, type FormatName, formatNames } from './config/schema.ts';
import { type Diagnostics, messageFile, report, type RuleId, ruleIds } from './diagnostics.ts';
import { buildEdition, type Edition } from './editions/edition.ts';
import { acquireBuildLock, type BuildLock, removeDeadLockFiles } from './publish/build-lock.ts';
import { defaultOutDirProblem, outDirProblem, writeFailure } from './publish/output-folder.ts';
import { foreignFormats } from './publish/manifest.ts';
import { createStaging, discard, publish, type PublishStep, recoverOutput } from './publish/publish.ts';
import { buildDate, sourceDateEpochProblem } from './config/source-date-epoch.ts';
import type { RenderOptions, VerifyOptions } from './output/format.ts';
import type { Download } from './output/site/render.ts';
import type { PageMap } from './output/page-blocks.ts';

export { formatNames, type FormatName } from './config/schema.ts';
export type { ChapterProgress } from './load-book.ts';

/** Every format has one shape (output/format.ts): render the editions into a folder, then check what was written. */
interface Format {
  render(options: RenderOptions & { downloads: Download[]; pageMaps: ReadonlyMap<EditionName, PageMap>; onPageMap: (edition: EditionName, map: PageMap) => void }): Promise<string[]>;
  verify(options: VerifyOptions): Promise<VFile[]>;
}

/**
 * Each format's renderer is loaded when that format is built: puppeteer alone takes most of a second
 * to load, and `check` or a site-only build should not pay for it.
 */
const formats: Record<FormatName, () => Promise<Format>> = {
  epub: async () => {
    const [{ renderEpub }, { verifyEpub }] = await Promise.all([import('./output/epub/render.ts'), import('./output/epub/verify.ts')]);
    return { render: renderEpub, verify: verifyEpub };
  },
  pdf: async () => {
    const [{ renderPdf }, { verifyPdf }] = await Promise.all([import('./output/pdf/render.ts'), import('./output/pdf/verify.ts')]);
    return { render: renderPdf, verify: verifyPdf };
  },
  site: async () => {
    const [{ renderSite }, { verifySite }] = await Promise.all([import('./output/site/render.ts'), import('./output/site/verify.ts')]);
    return { render: renderSite, verify: verifySite };
  },
};

/**
 * Downloads first, so the site can offer them; the PDF before the EPUB, whose page-list gives the pages of the
 * PDF printed in the same build (output/page-blocks.ts).
 */
const renderOrder: readonly FormatName[] = ['pdf', 'epub', 'site'];

/** The order the site offers the downloads in. */
const downloadOrder: readonly FormatName[] = ['epub', 'pdf'];

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

export interface BuildOptions extends LoadOptions {
  /** Where outputs go; defaults to `<root>/dist`. */
  outDir?: string;
  editions?: readonly EditionName[];
  formats?: readonly FormatName[];
  /** Told when another build holds the output folder and this one waits for it. */
  onWait?: (pid: number) => void;
  /** Told of each step (each chapter compiled, each format rendered and checked), for a progress display. */
  onProgress?: (progress: BuildProgress) => void;
  /** Awaited before each rename of the publish: tests pause there to kill the build at each instant. */
  onPublishStep?: PublishStep;
  /**
   * Stops the build where it stands: no further format is rendered, and a publish under way puts back what
   * it replaced, so the previous output stays. The CLI aborts it on Ctrl-C.
   */
  signal?: AbortSignal;
  /** The Chromium or Chrome that prints the PDF and measures the pages (default `/usr/bin/chromium`). */
  browser?: string;
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
  /**
   * What was built otherwise than it could have been, though nothing is wrong (an EPUB without the page
   * numbers of a PDF this build did not print): the CLI prints them with `--verbose`.
   */
  notes: string[];
}

/**
 * Load and compile the book, assemble the editions, render each format into a staging folder, check
 * what was rendered, and only then replace the formats' folders in `outDir`. A format that fails its
 * checks, cannot be rendered here (a missing browser) or cannot be written (a full disk) is reported
 * and left as it was, and the others are published; a missing sponsor disclosure publishes nothing.
 * Only folders our builds made are replaced (`.bilingual-book-manifest.json` lists their files).
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { root, outDir = path.join(root, 'dist'), editions = ['ja', 'en', 'bilingual'], formats: wanted = formatNames, onProgress = () => {} } = options;
  const { book, diagnostics } = await loadBook(options);
  const written: BuildResult['written'] = {};
  const notes: string[] = [];
  if (!book) return { ok: false, diagnostics, written, published: [], book, notes: [] };

  const date = buildDate(book.config.meta, options.sourceDateEpoch);
  const built = editions.map((name) => buildEdition(book, name, date));
  const outFile = messageFile(outDir);
  diagnostics.add(outFile);
  const epochProblem = sourceDateEpochProblem(book.config.meta, options.sourceDateEpoch);
  if (epochProblem) report(outFile, epochProblem, { ruleId: ruleIds.sourceDateEpoch, severity: 'warning' });
  const failed = (reason: string, ruleId: RuleId): BuildResult => {
    report(outFile, reason, { ruleId });
    return { ok: false, diagnostics, written, published: [], book, notes };
  };
  const problem = outDirProblem(outDir, root) ?? (options.outDir === undefined ? defaultOutDirProblem(outDir) : undefined);
  if (problem) return failed(`Cannot write the output here: ${problem}`, ruleIds.outputFolder);
  let lock: BuildLock;
  try {
    lock = await acquireBuildLock(outDir, options.onWait);
  } catch (error) {
    const failure = writeFailure(error);
    if (!failure) throw error;
    return failed(`Cannot write into ${outDir}: ${failure.reason}`, failure.ruleId);
  }
  try {
    await removeDeadLockFiles(outDir);
    await recoverOutput(outDir);
    const order = renderOrder.filter((format) => wanted.includes(format));
    const foreign = await foreignFormats(outDir, order);
    if (foreign) return failed(foreign, ruleIds.outputFolder);
    const job = { book, built, order, outDir, outFile, diagnostics, written, onProgress, lock, onPublishStep: options.onPublishStep, signal: options.signal, browser: options.browser, notes };
    return await renderAndPublish(job);
  } catch (error) {
    const failure = writeFailure(error);
    if (!failure) throw error;
    const { kept = 'nothing was replaced' } = error as { kept?: string };
    return failed(`Could not write into ${outDir}: ${failure.reason}; ${kept}`, failure.ruleId);
  } finally {
    // A lock left behind is harmless: its owner is gone once this process ends, so the next build takes it over.
    await lock.release().catch(() => {});
  }
}

interface RenderJob {
  book: Book;
  built: Edition[];
  order: readonly FormatName[];
  outDir: string;
  outFile: VFile;
  diagnostics: Diagnostics;
  written: BuildResult['written'];
  onProgress: (progress: BuildProgress) => void;
  lock: BuildLock;
  onPublishStep: PublishStep | undefined;
  signal: AbortSignal | undefined;
  browser: string | undefined;
  notes: string[];
}

async function renderAndPublish(job: RenderJob): Promise<BuildResult> {
  const { book, built, order, outDir, outFile, diagnostics, written, onProgress, lock, signal, browser, notes } = job;
  const interrupted = () => signal?.aborted === true;
  const staging = await createStaging(outDir, lock.owner);
  const result = (published: FormatName[]): BuildResult => ({ ok: diagnostics.errorCount === 0, diagnostics, written, published, book, notes });
  try {
    const downloads: Download[] = [];
    // Each edition's page map from this build's PDF, handed to the EPUB only once that PDF passed its checks:
    // an EPUB never carries the page numbers of a PDF that is not published with it.
    const printed = new Map<EditionName, PageMap>();
    const pageMaps = new Map<EditionName, PageMap>();
    const checkFailed: FormatName[] = [];
    let disclosureMissing = false;
    for (const [index, name] of order.entries()) {
      if (interrupted()) break;
      const tell = (step: FormatProgress['step']) => onProgress({ stage: 'format', format: name, step, position: index + 1, count: order.length });
      tell('render');
      const dir = path.join(staging, name);
      const format = await formats[name]();
      try {
        const onPageMap = (edition: EditionName, map: PageMap) => printed.set(edition, map);
        written[name] = await format.render({ editions: built, outDir: dir, downloads, pageMaps, onPageMap, ...(signal ? { signal } : {}), ...(browser ? { browser } : {}) });
      } catch (error) {
        // A half-written format is dropped at once: on a full disk that frees the space the others need.
        await rm(dir, { recursive: true, force: true });
        const failure = writeFailure(error);
        if (failure) report(outFile, `Could not write the ${name} output: ${failure.reason}; ${path.join(outDir, name)} was left as it was`, { ruleId: failure.ruleId });
        else report(outFile, `Could not build the ${name} output: ${(error as Error).message}`, { ruleId: ruleIds.renderFailed, disclosure: (error as { disclosure?: boolean }).disclosure === true });
        disclosureMissing ||= (error as { disclosure?: boolean }).disclosure === true;
        tell('failed');
        continue;
      }
      tell('check');
      const checked = await format.verify({ editions: built, dir, shownAs: path.join(outDir, name), ...(browser ? { browser } : {}) });
      diagnostics.add(...checked);
      disclosureMissing ||= checked.some((file) => file.messages.some((message) => message.fatal && message.disclosure === true));
      // A check that could not run on this machine (no browser): the format is not published unchecked.
      if (checked.some((file) => file.messages.some((message) => message.ruleId === ruleIds.renderFailed))) {
        delete written[name];
        tell('failed');
        continue;
      }
      const failures = checked.flatMap((file) => file.messages).filter((message) => message.fatal && message.ruleId === ruleIds.output);
      if (failures.length > 0) checkFailed.push(name);
      disclosureMissing ||= failures.some((message) => message.disclosure === true);
      tell('done');
      if (name !== 'site' && failures.length === 0) {
        for (const file of written[name]) {
          const edition = built.find((candidate) => file.endsWith(`-${candidate.name}.${name}`));
          if (edition) downloads.push({ edition: edition.name, format: name, file: path.join(dir, file) });
        }
        downloads.sort((a, b) => downloadOrder.indexOf(a.format) - downloadOrder.indexOf(b.format));
        if (name === 'pdf') for (const [edition, map] of printed) pageMaps.set(edition, map);
      }
      if (name === 'epub') notes.push(...unpaged(built, pageMaps, order.includes('pdf')));
    }
    if (interrupted()) {
      reportInterrupted(outFile, outDir);
      await discard(staging);
      return result([]);
    }
    // A sponsored book is never published, in any format, while one of its outputs hides the disclosure.
    if (disclosureMissing) {
      report(outFile, `The output failed its checks; ${outDir} was left as it was`, { ruleId: ruleIds.output });
      await discard(staging);
      return result([]);
    }
    for (const name of checkFailed) report(outFile, `The ${name} output failed its checks; ${path.join(outDir, name)} was left as it was`, { ruleId: ruleIds.output });
    const ready = order.filter((name) => written[name] && !checkFailed.includes(name));
    // Checked again just before the renames: a file may have been put there while the build ran.
    const foreign = await foreignFormats(outDir, ready);
    if (foreign) {
      report(outFile, foreign, { ruleId: ruleIds.outputFolder });
      await discard(staging);
      return result([]);
    }
    if (!(await lock.holds())) {
      report(outFile, `Another build took over ${outDir} while this one ran; nothing was replaced`, { ruleId: ruleIds.outputFolder });
      await discard(staging);
      return result([]);
    }
    if (ready.length === 0) {
      await discard(staging);
      return result([]);
    }
    onProgress({ stage: 'publish' });
    if (!(await publish(staging, outDir, ready, job.onPublishStep, signal))) {
      reportInterrupted(outFile, outDir);
      return result([]);
    }
    return result(ready);
  } catch (error) {
    if (existsSync(path.join(staging, '.publishing'))) throw error;
    await discard(staging);
    throw error;
  }
}

/** Validates the content without writing anything. */
export async function check(options: Omit<BuildOptions, 'outDir' | 'formats' | 'editions'>): Promise<Diagnostics> {
  return (await loadBook(options)).diagnostics;
}

/** A note for each EPUB built without a page-list, saying why: no PDF printed in this build, or none that passed. */
function unpaged(built: readonly Edition[], pageMaps: ReadonlyMap<EditionName, PageMap>, pdfWanted: boolean): string[] {
  const why = pdfWanted
    ? 'its PDF could not be printed, failed its checks, or prints as spreads (whose facing pages the EPUB\'s reading order cannot follow)'
    : 'no PDF was printed in this build (build the pdf format with it)';
  return built.filter((edition) => !pageMaps.has(edition.name)).map((edition) => `The ${edition.name} EPUB has no page-list of printed pages: ${why}`);
}

function reportInterrupted(outFile: VFile, outDir: string): void {
  report(outFile, `The build was interrupted; ${outDir} was left as it was`, { ruleId: ruleIds.interrupted });
}
