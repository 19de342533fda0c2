import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { type Book, bookImages } from '../book.ts';
import type { Edition } from '../editions/edition.ts';
import { buildDate } from './build-date.ts';
import { chromiumPath, launchBrowser } from './browser.ts';
import { printDocument } from './pdf-document.ts';
import { PdfRenderError } from './pdf-error.ts';
import { type PageGeometry, pageGeometry } from './pdf-geometry.ts';
import { withDocumentInfo } from './pdf-info.ts';
import { withOutlineTitles } from './pdf-outline.ts';
import { printBook } from './pdf-print.ts';

export interface RenderPdfOptions {
  book: Book;
  editions: Edition[];
  /** The folder the PDFs are written to (it becomes `dist/pdf/`). */
  outDir: string;
  /**
   * The most one edition's printing may take before it counts as hung. Raise it for a book of
   * hundreds of pages on a slow machine.
   */
  timeoutMs?: number;
}

/** The file name of an edition's PDF, relative to the output folder. */
export function pdfFileName(book: Book, edition: Edition): string {
  return `${book.config.meta.id}-${edition.name}.pdf`;
}

/**
 * Prints each edition as a book — title page, disclosure, numbered contents, chapters, sources, colophon —
 * with one headless Chromium for all of them. Throws a PdfRenderError, whose message says what to install or
 * change, when Chromium is missing, fails or hangs.
 */
export async function renderPdf({ book, editions, outDir, timeoutMs = 120_000 }: RenderPdfOptions): Promise<string[]> {
  // A bad page size fails here, before Chromium starts.
  const geometries = editions.map((edition) => pageGeometry(book, edition));
  await mkdir(outDir, { recursive: true });
  const workDir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-pdf-'));
  try {
    // Chapters link their images as `images/…`, relative to the document Chromium opens.
    for (const image of bookImages(book)) {
      await mkdir(path.dirname(path.join(workDir, image.target)), { recursive: true });
      await copyFile(image.file, path.join(workDir, image.target));
    }
    return await printAll(book, editions, geometries, outDir, workDir, timeoutMs);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function printAll(book: Book, editions: Edition[], geometries: PageGeometry[], outDir: string, workDir: string, timeoutMs: number): Promise<string[]> {
  const browser = await startBrowser();
  try {
    const written: string[] = [];
    for (const [index, edition] of editions.entries()) {
      const document = await printDocument(book, edition, geometries[index]!);
      const { pdf, headings } = await printBook(browser, document, { workDir, label: edition.name, timeoutMs });
      const date = buildDate(book.config.meta);
      const info = { ...document.info, Creator: 'bilingual-book', CreationDate: date, ModDate: date };
      const file = pdfFileName(book, edition);
      await writeFile(path.join(outDir, file), withDocumentInfo(withOutlineTitles(pdf, headings), info));
      written.push(file);
    }
    return written;
  } finally {
    await closeBrowser(browser);
  }
}

async function startBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new PdfRenderError(
      `The PDF output needs Chromium, and there is none at ${chromiumPath}: install Debian's with \`apt-get install -y chromium\`, or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome`,
    );
  }
  try {
    return await launchBrowser();
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
