import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { mapLimit } from '../../config/map-limit.ts';
import { readBookImage } from '../../pipeline/read-image.ts';
import type { Edition } from '../../editions/edition.ts';
import type { EditionName } from '../../config/schema.ts';
import { defaultBrowser, launchBrowser } from '../browser.ts';
import type { RenderOptions } from '../format.ts';
import { type PrintDocument, printDocument } from './document.ts';
import { PdfRenderError } from './error.ts';
import { finishPdf } from './finish.ts';
import { pageGeometry } from './geometry.ts';
import type { PageMap } from '../page-blocks.ts';
import { withFirstLines } from './first-lines.ts';
import { printBook } from './print.ts';

export interface RenderPdfOptions extends RenderOptions {
  /**
   * The most one edition's printing may take before it counts as hung. Raise it for a book of
   * hundreds of pages on a slow machine (editions print side by side, so each shares the cores).
   */
  timeoutMs?: number;
  /** Told each edition's page map once its PDF is written: the EPUB's page-list follows it. */
  onPageMap?: (edition: EditionName, pageMap: PageMap) => void;
}

/**
 * Prints each edition as a book — title page, disclosure, numbered contents, chapters, sources, colophon —
 * with one headless Chromium for all of them. Throws a PdfRenderError, whose message says what to install or
 * change, when Chromium is missing, fails or hangs.
 */
export async function renderPdf({ editions, outDir, signal, browser = defaultBrowser, timeoutMs = 120_000, onPageMap }: RenderPdfOptions): Promise<string[]> {
  // A bad page size fails here, before Chromium starts.
  const geometries = editions.map((edition) => pageGeometry(edition));
  // Chromium takes about a second to start: it starts now, while the print documents are put together.
  const starting = startBrowser(browser);
  // Its failure is reported where the browser is first needed; until then it must not count as unhandled.
  starting.catch(() => undefined);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= starting.then(closeBrowser, () => undefined));
  let workDir: string | undefined;
  try {
    await mkdir(outDir, { recursive: true });
    workDir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-pdf-'));
    // Chapters link their images as `images/…`, relative to the document Chromium opens.
    const images = new Map(editions.flatMap((edition) => edition.images.map((image) => [image.target, image] as const)));
    for (const image of images.values()) {
      await mkdir(path.dirname(path.join(workDir, image.target)), { recursive: true });
      await writeFile(path.join(workDir, image.target), await readBookImage(image));
    }
    const documents = await Promise.all(editions.map((edition, index) => printDocument(edition, geometries[index]!)));
    signal?.throwIfAborted();
    return await printAll(editions, documents, { browser: await starting, close, outDir, workDir, timeoutMs, onPageMap });
  } finally {
    await close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

interface Printer {
  browser: Browser;
  /** Closes the browser, once however often it is called. */
  close: () => Promise<void>;
  outDir: string;
  workDir: string;
  timeoutMs: number;
  onPageMap: RenderPdfOptions['onPageMap'];
}

/**
 * Prints the editions side by side, each in its own page (its own renderer process): printing is mostly
 * layout and font work on one thread, so one edition at a time leaves the other cores idle. A failed edition
 * closes the browser, which ends the others' printing at once.
 */
async function printAll(editions: Edition[], documents: PrintDocument[], printer: Printer): Promise<string[]> {
  const { browser, close, outDir, workDir, timeoutMs, onPageMap } = printer;
  const written: string[] = [];
  const started = new Set<Promise<void>>();
  let failed = false;
  const printEdition = (index: number) => {
    // After a failure the browser closes; a page opened then would wait for a browser that is gone.
    if (failed) return Promise.resolve();
    const edition = editions[index]!;
    const document = documents[index]!;
    const printed = (async () => {
      const { pdf, headings, unlisted, pageMap } = await printBook(browser, document, { workDir, label: edition.name, timeoutMs });
      const info = { ...document.info, Creator: 'bilingual-book', CreationDate: edition.date, ModDate: edition.date };
      const file = edition.files.pdf;
      const { bleed } = edition.meta.pdf;
      await writeFile(path.join(outDir, file), await finishPdf(pdf, { info, headings, unlisted, ...(bleed ? { bleedMm: Number.parseFloat(bleed) } : {}), rightToLeft: document.binding === 'right' }));
      written[index] = file;
      // Spreads set a pair's Japanese and English on facing pages: the EPUB's reading order cannot follow their numbers.
      if (onPageMap && !document.spreads) onPageMap(edition.name, await withFirstLines(pageMap, path.join(outDir, file), edition));
    })();
    printed.catch(() => (failed = true));
    started.add(printed);
    return printed;
  };
  // The longest documents first, so that the edition printed last is a short one and no core idles long.
  const longestFirst = [...editions.keys()].sort((a, b) => Buffer.byteLength(documents[b]!.html) - Buffer.byteLength(documents[a]!.html));
  try {
    // One more than the cores: an edition also waits on Chromium's browser process and on its PDF writer.
    await mapLimit(longestFirst, availableParallelism() + 1, printEdition);
    return written;
  } catch (error) {
    await close();
    await Promise.allSettled(started);
    throw error;
  }
}

async function startBrowser(chromiumPath: string): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new PdfRenderError(
      `The PDF output needs Chromium, and there is none at ${chromiumPath}: install Debian's with \`apt-get install -y chromium\`, or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome`,
    );
  }
  try {
    return await launchBrowser({ executablePath: chromiumPath, offline: true });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new PdfRenderError(`Chromium (${chromiumPath}) did not start, so no PDF was printed: ${reason}. Reinstall it with \`apt-get install -y --reinstall chromium\`, or set PUPPETEER_EXECUTABLE_PATH to another Chromium or Chrome`);
  }
}

/** Closes Chromium; one that hangs is killed, so a failed print never leaves it running. */
async function closeBrowser(browser: Browser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    browser.close().then(() => true, () => false),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5000))),
  ]);
  clearTimeout(timer);
  if (!closed) browser.process()?.kill('SIGKILL');
}
