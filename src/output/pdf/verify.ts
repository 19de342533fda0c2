import path from 'node:path';
import type { VFile } from 'vfile';
import type { Lang } from '../../config/schema.ts';
import { messageFile, report, ruleIds } from '../../diagnostics.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureParts } from '../../editions/matter.ts';
import type { VerifyOptions } from '../format.ts';
import { minimumDisclosureContrast, minimumDisclosurePt } from './disclosure.ts';
import { inEachLang } from './headings.ts';
import { isVertical } from '../writing-mode.ts';
import { printsSpreads } from './spreads.ts';
import { type PageGeometry, pageGeometry, pointsPerMm } from './geometry.ts';
import { pdfTextPages, squeeze, type TextLine, type TextPage } from './text.ts';
import { tocEntries } from './toc.ts';
import { checkFontFallback } from './font-fallback.ts';
import { sheetGeometry } from './crop-marks.ts';
import { type Band, drawBand, inkContrast } from './foot-contrast.ts';

/**
 * Checks the printed PDFs by reading their text layer back with poppler, as a reader's tools would: the
 * sponsor disclosure on every page in each of the edition's languages, and every entry of the table of
 * contents pointing at the page that really holds its heading. Returns one file per PDF with problems.
 */
export async function verifyPdf({ editions, dir: pdfDir, shownAs = pdfDir }: VerifyOptions): Promise<VFile[]> {
  // Side by side: reading a PDF back is mostly waiting on poppler's processes.
  const files = await Promise.all(editions.map((edition) => verifyEdition(edition, pdfDir, shownAs)));
  return files.filter((file) => file.messages.length > 0);
}

async function verifyEdition(edition: Edition, pdfDir: string, shownAs: string): Promise<VFile> {
  const name = edition.files.pdf;
  const file = messageFile(path.join(shownAs, name));
  const pdf = path.join(pdfDir, name);
  const geometry = sheetGeometry(pageGeometry(edition), edition.meta.pdf.bleed);
  const foot = { fromY: (geometry.height - geometry.margin.bottom) * pointsPerMm, toY: geometry.height * pointsPerMm, width: geometry.width * pointsPerMm };
  try {
    // The feet are drawn while the text is read: drawing takes longer, and needs only the page's geometry.
    // Both settle before either failure is told, the text's first: the message does not depend on which finished first.
    const [text, drawn] = await Promise.allSettled([pdfTextPages(pdf), drawBand(pdf, foot)]);
    if (text.status === 'rejected') throw text.reason;
    if (drawn.status === 'rejected') throw drawn.reason;
    const [pages, feet] = [text.value, drawn.value];
    checkDisclosure(edition, pages, geometry, feet, name, file);
    // Poppler reads vertical columns as rows across them, so a vertical edition's contents are not read back.
    if (!isVertical(edition)) checkContents(edition, pages, geometry, name, file);
    await checkFontFallback(pdf, name, pages, file);
  } catch (error) {
    report(file, `Cannot read the text of ${name}: ${(error as Error).message}`, { ruleId: ruleIds.output });
  }
  return file;
}

/**
 * The disclosure in each of the edition's languages on every page; and in every page's foot, the whole sentence
 * naming the sponsor, legible as printed: lines of text at least the minimum size, their ink in contrast with the
 * paper where poppler draws them (a stylesheet can make text white, or cover it, and the text layer still has it).
 */
function checkDisclosure(edition: Edition, pages: TextPage[], geometry: PageGeometry, feet: Band, name: string, file: VFile): void {
  if (!edition.sponsored) return;
  const sentences = edition.langs.map((lang) => {
    const { label, text } = disclosureParts(edition, lang);
    return squeeze(`${label}${text}`);
  });
  const legible = pages.map((page, number) =>
    squeeze(
      footLines(page, geometry, sentences)
        .filter((line) => line.yMax - line.yMin >= minimumDisclosurePt * 1.2 && inkContrast(feet, number, line) >= minimumDisclosureContrast)
        .map((line) => line.text)
        .join(''),
    ),
  );
  for (const [index, lang] of edition.langs.entries()) {
    const expected = sentences[index]!;
    const sponsor = edition.meta.sponsor?.[lang] ?? '';
    // The page's text in poppler's reading order, or its foot's lines top to bottom: a vertical page's columns
    // can come between the lines of the foot's sentence in reading order.
    const shows = (page: TextPage) =>
      squeeze(page.lines.map((line) => line.text).join('')).includes(expected) ||
      squeeze(footLines(page, geometry, sentences).map((line) => line.text).join('')).includes(expected);
    const missing = pages.flatMap((page, number) => (shows(page) ? [] : [number + 1]));
    if (missing.length > 0) {
      report(file, `The ${lang} sponsor disclosure is missing from ${pageList(missing)} of ${name}; a sponsored book must disclose it on every page`, {
        ruleId: ruleIds.output,
        disclosure: true,
      });
    }
    const shown = (text: string) => text.includes(expected) && text.includes(squeeze(sponsor));
    const illegible = legible.flatMap((text, number) => (missing.includes(number + 1) || shown(text) ? [] : [number + 1]));
    if (illegible.length > 0) {
      report(
        file,
        `The foot of ${pageList(illegible)} of ${name} does not show the ${lang} sponsor disclosure naming “${sponsor}” legibly (${minimumDisclosurePt} pt or more, contrast ${minimumDisclosureContrast}:1 or more); a sponsored book must disclose it on every page`,
        { ruleId: ruleIds.output, disclosure: true },
      );
    }
  }
}

/** The lines in a page's bottom margin that are part of a disclosure sentence, top to bottom. */
function footLines(page: TextPage, geometry: PageGeometry, sentences: string[]): TextLine[] {
  const foot = page.height - geometry.margin.bottom * pointsPerMm;
  const inSentence = (line: TextLine) => squeeze(line.text) !== '' && sentences.some((sentence) => sentence.includes(squeeze(line.text)));
  return page.lines.filter((line) => (line.yMin + line.yMax) / 2 > foot && inSentence(line)).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
}

function checkContents(edition: Edition, pages: TextPage[], geometry: PageGeometry, name: string, file: VFile): void {
  const fail = (reason: string) => report(file, reason, { ruleId: ruleIds.output });
  const body = pages.map((page) => bodyLines(page, geometry));
  // Rows end with a line feed, so that a page number is read up to the end of its row and never runs into a
  // next entry whose title starts with digits (「2021年版…」).
  const text = (from: number, to?: number) => body.slice(from, to).map((lines) => lines.map((line) => `${line}\n`).join('')).join('');
  const start = body.findIndex((lines) => holdsHeading(lines, variants(edition, inEachLang(edition, 'nav.toc'))));
  if (start < 0) return void fail(`${name} has no table of contents`);

  const entries = tocEntries(edition, edition.chapters);
  const [first] = entries;
  const firstMatch = first ? findEntry(text(start), 0, edition, first.titles) : undefined;
  if (!first || !firstMatch) return void fail(`The table of contents of ${name} does not list “${first?.titles[edition.lang] ?? ''}” with a page number`);
  // The contents end where the first chapter begins; only their own pages are searched for the entries.
  const contents = text(start, Math.max(start + 1, firstMatch.page - 1));
  let cursor = 0;
  for (const entry of entries) {
    const title = entry.titles[edition.lang] ?? '';
    const match = findEntry(contents, cursor, edition, entry.titles);
    if (!match) {
      fail(`The table of contents of ${name} does not list “${title}” with a page number`);
      continue;
    }
    cursor = match.end;
    if (holdsHeading(body[match.page - 1] ?? [], variants(edition, entry.titles))) continue;
    // Spreads: the vertical Japanese heading is not read back as rows (as in the vertical edition, which skips
    // this check); its English copy faces it, on the next page, and an untranslated one has none to read.
    if (printsSpreads(edition) && (holdsHeading(body[match.page] ?? [], variants(edition, entry.titles)) || squeeze(entry.titles.en ?? '') === '')) continue;
    const actual = body.findIndex((lines, index) => index > start && holdsHeading(lines, variants(edition, entry.titles)));
    fail(
      `The table of contents of ${name} gives page ${match.page} for “${title}”, but ${actual < 0 ? 'no page holds that heading' : `the heading is on page ${actual + 1}`}`,
    );
  }
}

/**
 * The rows of text between a page's margins, top to bottom, each read left to right and squeezed; the running
 * head and the foot are left out. Rows, not poppler's reading order, which puts a contents entry's page
 * number after other entries.
 */
function bodyLines(page: TextPage, geometry: PageGeometry): string[] {
  const top = geometry.margin.top * pointsPerMm;
  const bottom = page.height - geometry.margin.bottom * pointsPerMm;
  const middle = (line: TextLine) => (line.yMin + line.yMax) / 2;
  const rows: TextLine[][] = [];
  for (const line of page.lines.filter((line) => middle(line) > top && middle(line) < bottom).sort((a, b) => middle(a) - middle(b))) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(middle(first) - middle(line)) < Math.min(first.yMax - first.yMin, line.yMax - line.yMin) / 2) row.push(line);
    else rows.push([line]);
  }
  return rows
    .map((row) => squeeze(row.sort((a, b) => a.xMin - b.xMin).map((line) => line.text).join('')))
    .filter((row) => row !== '');
}

/** What a heading's lines read as: its text in any one of the edition's languages, or in all of them. */
function variants(edition: Edition, titles: Partial<Record<Lang, string>>): string[] {
  const parts = edition.langs.map((lang) => squeeze(titles[lang] ?? ''));
  return [...parts, parts.join('')].filter((part) => part !== '');
}

/** Whether a run of whole lines reads exactly as the heading (a heading wraps to a few lines at most). */
function holdsHeading(lines: string[], texts: string[]): boolean {
  const longest = Math.max(...texts.map((text) => text.length));
  for (let from = 0; from < lines.length; from++) {
    let run = '';
    for (let to = from; to < lines.length && to < from + 6 && run.length < longest; to++) {
      run += lines[to];
      if (texts.includes(run)) return true;
    }
  }
  return false;
}

/**
 * The next entry with this title in the contents' text (rows ending in line feeds; a title may wrap over rows),
 * and the page number that ends the entry's last row.
 */
function findEntry(text: string, from: number, edition: Edition, titles: Partial<Record<Lang, string>>): { page: number; end: number } | undefined {
  const [own, ...others] = edition.langs.map((lang) => wrappable(squeeze(titles[lang] ?? '')));
  const pattern = new RegExp(`${own}\\n?(?:${others.join('')})?\\n?(\\d+)(?=\\n)`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? { page: Number(match[1]), end: pattern.lastIndex } : undefined;
}

/** A pattern for `text` that also matches it broken over rows. */
function wrappable(text: string): string {
  return [...text].map(escapeRegExp).join('\\n?');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pageList(pages: number[]): string {
  const shown = pages.slice(0, 10).join(', ');
  return `${pages.length === 1 ? 'page' : 'pages'} ${shown}${pages.length > 10 ? ` and ${pages.length - 10} more` : ''}`;
}
