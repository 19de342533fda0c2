import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { namedDestinations } from './destinations.ts';
import type { PrintDocument } from './document.ts';
import { disclosureProblems, minimumDisclosureContrast, minimumDisclosurePt } from './disclosure.ts';
import { PdfRenderError } from './error.ts';
import { breakFootBetweenPhrases } from './foot-lines.ts';
import { loadedFaces } from './fonts.ts';
import { markLongBlocks } from './long-blocks.ts';
import { packSpreads } from './pack-spreads.ts';
import { type BlankPages, blankPages, pagesWithBlankPages, sameBlankPages } from './openings.ts';
import type { PageMap } from '../page-blocks.ts';
import { linkPageBlocks, pageMapOf } from './page-map.ts';
import { type Sandbox, sandbox } from './sandbox.ts';
import { showOpeningHeads } from './opening-heads.ts';

export interface PrintOptions {
  /** A scratch folder for the HTML and the first printings. */
  workDir: string;
  /** Names the edition in messages. */
  label: string;
  /** The most the whole edition may take, all printings included. */
  timeoutMs: number;
}

/** The contents' numbers change the contents' layout only in rare cases; this many printings always settle it. */
const maxPrintings = 4;

export interface PrintedBook {
  pdf: Uint8Array;
  /** Every heading's text (h1–h6) in document order: what the bookmarks should say. */
  headings: string[];
  /** The indices of the headings that get no bookmark (the notes'). */
  unlisted: number[];
  /** Where each printed page starts in the chapters: the EPUB's page-list (page-map.ts). */
  pageMap: PageMap;
}

/**
 * Prints the document, reads back on which page each heading the contents list landed, writes the numbers
 * into the contents and prints again, until a printing's pages match the numbers it shows. Gives up with a
 * PdfRenderError when Chromium fails or the whole takes longer than `timeoutMs`.
 */
export async function printBook(browser: Browser, document: PrintDocument, options: PrintOptions): Promise<PrintedBook> {
  const { workDir, label, timeoutMs } = options;
  const htmlFile = path.join(workDir, `${label}.html`);
  await writeFile(htmlFile, document.html);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new PdfRenderError(`Chromium did not finish printing the ${label} PDF within ${timeoutMs / 1000} s; it may be hanging — try again, or check that Chromium runs (\`chromium --headless --version\`)`)),
      timeoutMs,
    );
  });
  // Opening the page counts towards the deadline too: Chromium can hang there as well.
  const opened: { page?: Page; print?: Sandbox } = {};
  const printing = (async () => {
    // A window of its own: a page printed in a background tab, never painted on screen, comes out drawn
    // differently (the same look, other bytes), and editions print side by side.
    opened.page = await browser.newPage({ type: 'window' });
    return printUntilSettled(opened.page, document, { ...options, htmlFile }, (print) => (opened.print = print));
  })();
  // After a timeout the abandoned printing fails when its page or the browser closes; no one is left to tell.
  printing.catch(() => undefined);
  try {
    return await Promise.race([printing, deadline]);
  } catch (error) {
    if (error instanceof PdfRenderError) throw error;
    // A refused navigation (a refresh to another host) can destroy the page's context before a check sees
    // it: Chromium's error is only the consequence, the refused request is the cause to tell.
    if (opened.print) refuseLoads(opened.print, label);
    throw new PdfRenderError(`Chromium failed while printing the ${label} PDF: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    await opened.page?.close().catch(() => undefined);
  }
}

async function printUntilSettled(
  page: Page,
  document: PrintDocument,
  options: PrintOptions & { htmlFile: string },
  sandboxed: (print: Sandbox) => void,
): Promise<PrintedBook> {
  const { htmlFile, workDir, label, timeoutMs: timeout } = options;
  page.setDefaultTimeout(timeout);
  const documentUrl = pathToFileURL(htmlFile).href;
  const print = await sandbox(page, { workDir, documentUrl, extraFiles: new Set(document.fontFiles) });
  sandboxed(print);
  const refuseRequests = () => refuseLoads(print, label);
  await page.goto(documentUrl, { waitUntil: 'load', timeout });
  // Margin boxes use the same faces, but a subset only loads when the document's text needs it: load the
  // subsets their text needs, or Chromium falls back to a system font and prints it as a Type 3 font.
  await print.evaluate(
    async (text, fonts) => {
      await Promise.all(fonts.map((font) => globalThis.document.fonts.load(font, text)));
      await globalThis.document.fonts.ready;
    },
    document.marginText,
    loadedFaces,
  );
  await breakFootBetweenPhrases(print, document);
  // Told once the fonts have settled too (a face is fetched only when laid out text needs it): all at once.
  // The disclosure first: a hidden one holds back every format, whatever else is wrong with the page.
  await checkDisclosure(page, print, document, label);
  refuseRequests();

  const targets = document.entries.map((entry) => entry.id).filter((id): id is string => id !== undefined);
  await markLongBlocks(page, print, document);
  // Every division's heading gets a destination, which tells on which page it opens: Chromium writes one for an
  // element any link points to, shown or not, and the contents link to all but their own heading.
  await print.evaluate((ids) => {
    const links = globalThis.document.createElement('nav');
    links.hidden = true;
    links.append(...ids.map((id) => Object.assign(globalThis.document.createElement('a'), { href: `#${id}` })));
    globalThis.document.body.append(links);
  }, document.openingHeads.map((division) => division.id));
  // Spreads only (spreads.ts): the chapters packed into facing pages, once, before any printing.
  await packSpreads(print, document, label);
  // Page map (issue 15): every block a named destination, read with the contents' own; after the spreads are packed.
  const blockTargets = await linkPageBlocks(print);
  let shown = new Map<string, number>();
  let blanks: BlankPages = { versos: [], pads: 0 };
  for (let printing = 1; printing <= maxPrintings; printing++) {
    // The first printing only shows where the headings land (its contents say `000`), so it is never the
    // book: it goes without the structure tree and the bookmarks, which take a tenth of a printing.
    const final = printing > 1;
    await painted(print);
    refuseRequests();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: final, outline: final, timeout });
    const scratch = `${htmlFile}.${printing}.pdf`;
    await writeFile(scratch, pdf);
    const found = await namedDestinations(scratch);
    const pageMap = () => pageMapOf(blockTargets, found);
    const landed = new Map(targets.map((id) => [id, found.get(id)]));
    const missing = [...landed].filter(([, number]) => number === undefined).map(([id]) => id);
    if (missing.length > 0) throw new PdfRenderError(`The printed PDF has no destination for ${missing.join(', ')}; the contents cannot be numbered`);
    const wanted = blankPages(document.openings, landed as Map<string, number>, landed.get(document.lastPage) ?? 1, blanks, document.pageCountMultiple, new Set(document.evenOpenings));
    if (printing > 1 && targets.every((id) => landed.get(id) === shown.get(id)) && sameBlankPages(wanted, blanks)) {
      refuseRequests();
      const found = await print.evaluate(() =>
        // A heading with no heading role (a spread's English copy, spreads.ts) gets no bookmark from Chromium.
        Array.from(globalThis.document.querySelectorAll(':is(h1, h2, h3, h4, h5, h6):not([role="presentation"])'), (heading) => ({
          text: (heading.textContent ?? '').replace(/\s+/g, ' ').trim(),
          // A chapter's notes are no division of the book a reader goes to: no bookmark.
          unlisted: heading.closest('.notes, .footnotes, [data-footnotes]') !== null,
        })),
      );
      const headings = found.map((heading) => heading.text);
      const unlisted = found.flatMap((heading, index) => (heading.unlisted ? [index] : []));
      return { pdf, headings, unlisted, pageMap: pageMap() };
    }
    // The contents show the pages the next printing will have, with the blank pages it adds or takes out.
    shown = pagesWithBlankPages(landed as Map<string, number>, document.lastPage, blanks, wanted);
    blanks = wanted;
    // The divisions' opening pages in the next printing, without their running heads; the contents' heading,
    // before every blank page, stays where it is.
    await showOpeningHeads(print, document.openingHeads, new Map([...found, ...shown]));
    await print.evaluate(
      (numbers, versos, pads) => {
        globalThis.document.querySelectorAll<HTMLElement>('[data-toc-page]').forEach((element) => {
          element.textContent = String(numbers[element.dataset.tocPage ?? ''] ?? '');
        });
        globalThis.document.querySelectorAll<HTMLElement>('[data-verso-for]').forEach((element) => {
          element.hidden = !versos.includes(element.dataset.versoFor ?? '');
        });
        globalThis.document.querySelectorAll<HTMLElement>('[data-pad]').forEach((element, index) => {
          element.hidden = index >= pads;
        });
      },
      Object.fromEntries(shown),
      wanted.versos,
      wanted.pads,
    );
  }
  throw new PdfRenderError(`The contents' page numbers did not settle after ${maxPrintings} printings`);
}

/**
 * Waits until the page has been painted on screen as it now stands. What Chromium prints depends a little on
 * whether it has (the dotted leaders of the contents are drawn another way): waiting makes every printing
 * start from the same state, however busy the machine, so a build is reproducible byte for byte.
 */
async function painted(print: Sandbox): Promise<void> {
  await print.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Fails the printing when the title page's disclosure is hidden, too small or too faint in print, as Chromium
 * computes its style for print: the PDF would carry the sentence in its text layer and still not show it.
 */
async function checkDisclosure(page: Page, print: Sandbox, document: PrintDocument, label: string): Promise<void> {
  // An unsponsored book has no disclosure to check.
  if (document.sponsors.length === 0) return;
  await page.emulateMediaType('print');
  const problems = await print.evaluate(disclosureProblems, document.sponsors, (minimumDisclosurePt * 4) / 3, minimumDisclosureContrast);
  if (problems.length === 0) return;
  // A page sent elsewhere (a refresh to another host) has no disclosure: the refused request is the cause to
  // tell, and the disclosure is still not shown, so it holds back every format too.
  try {
    refuseLoads(print, label);
  } catch (error) {
    throw Object.assign(error as Error, { disclosure: true });
  }
  throw Object.assign(new PdfRenderError(
    `The ${label} PDF's title page does not show the sponsor disclosure legibly: ${problems.join('; ')}. A sponsored book must show it, at ${minimumDisclosurePt} pt or more: remove what hides or shrinks it from the book's templates/pdf/ or stylesheets`,
  ), { disclosure: true });
}

/**
 * Fails the printing once the page has asked for anything outside the files the build wrote. The request was
 * aborted, but a PDF printed without it would silently differ from what its template asked for.
 */
function refuseLoads(print: Sandbox, label: string): void {
  if (print.refused.length === 0) return;
  const urls = [...new Set(print.refused)].sort();
  const shown = urls.slice(0, 5).join(', ') + (urls.length > 5 ? ` and ${urls.length - 5} more` : '');
  throw new PdfRenderError(
    `The ${label} PDF's print page asked for ${shown}, which it may not load: a PDF is printed from the files the build wrote (the book's images and its fonts) and nothing else. Remove the reference from the book's templates/pdf/ or stylesheets`,
  );
}
