import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { pointsPerMm } from '../src/output/pdf/geometry.ts';
import { squeeze } from '../src/output/pdf/text.ts';
import { edit, fixtureBooks, removeDir, repoRoot, suiteDir } from './helpers.ts';

/**
 * The small fixture book set vertically, with a paragraph pair too long for one page in either language: its
 * bilingual PDF prints as spreads (Japanese vertical on the right-hand, even page; English across on the
 * facing odd page), and both right-bound PDFs say so to viewers and mirror their margins. One build.
 */
const run = promisify(execFile);
type Page = Awaited<ReturnType<typeof words>>[number];
let dir: string;
const pages: Record<'ja' | 'bilingual', Page[]> = { ja: [], bilingual: [] };
/** Each page's body text in reading order (readText), and each whole page's text as poppler reads it. */
let texts: string[] = [];
let wholePages: string[] = [];
const file = (edition: string) => path.join(dir, `dist/pdf/small-book-${edition}.pdf`);
const count = 300;
const jaSentence = (index: number) => `これは${index}番目の文です。`;
const enSentence = (index: number) => `This is sentence ${index}.`;

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-spreads-');
  await cp(path.join(fixtureBooks, 'small'), dir, { recursive: true });
  await edit(dir, 'content/book.yaml', 'chapters:', 'writingMode: vertical\nchapters:');
  const long = (sentence: (index: number) => string) => Array.from({ length: count }, (_, index) => sentence(index + 1)).join(' ');
  await appendFile(path.join(dir, 'content/ja/02-second.md'), `\n長い段落の前の段落です。\n\n${long(jaSentence)}\n`);
  await appendFile(path.join(dir, 'content/en/02-second.md'), `\nThe paragraph before the long one.\n\n${long(enSentence)}\n`);
  const result = await build({ root: dir, outDir: path.join(dir, 'dist'), formats: ['pdf'], editions: ['ja', 'bilingual'] });
  expect(result.diagnostics.format(dir).filter((line) => line.includes(': error:'))).toEqual([]);
  pages.ja = await words('ja');
  pages.bilingual = await words('bilingual');
  texts = pages.bilingual.map(readText);
  wholePages = pages.bilingual.map((page) => squeeze(page.words.map((word) => word.text).join('')));
}, 180_000);

afterAll(async () => {
  await removeDir(dir);
});

interface Word {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each page's words as poppler boxes them (`pdftotext -bbox`): one box a glyph in vertical text, a word across. */
async function words(edition: string): Promise<{ width: number; height: number; words: Word[] }[]> {
  const { stdout } = await run('pdftotext', ['-bbox', file(edition), '-'], { maxBuffer: 64 << 20 });
  return [...stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    width: Number(page[1]),
    height: Number(page[2]),
    words: [...page[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
      text: match[5]!,
      x: Number(match[1]),
      y: Number(match[2]),
      width: Number(match[3]) - Number(match[1]),
      height: Number(match[4]) - Number(match[2]),
    })),
  }));
}

/** The words whose middle is between the page's running head and its foot (18 mm and 22 mm: B5's margins; A5's are smaller). */
function body(page: { height: number; words: Word[] }): Word[] {
  const middle = (word: Word) => word.y + word.height / 2;
  return page.words.filter((word) => middle(word) > 18 * pointsPerMm && middle(word) < page.height - 22 * pointsPerMm);
}

/** How a page's text runs: top to bottom when most of its words are single characters (poppler boxes each glyph of vertical text). */
function orientation(page: { height: number; words: Word[] }): 'vertical' | 'horizontal' | 'none' {
  const all = body(page);
  if (all.length < 10) return 'none';
  return all.filter((word) => [...word.text].length === 1).length * 2 > all.length ? 'vertical' : 'horizontal';
}

/** A page's body text in reading order: a vertical page column by column from the right, each top to bottom. */
function readText(page: { height: number; words: Word[] }): string {
  const all = body(page);
  if (orientation(page) !== 'vertical') return squeeze(all.map((word) => word.text).join(' '));
  const columns: Array<{ x: number; words: Word[] }> = [];
  for (const word of [...all].sort((a, b) => b.x + b.width - (a.x + a.width))) {
    const x = word.x + word.width / 2;
    const column = columns.find((candidate) => Math.abs(candidate.x - x) < 3.5);
    if (column) column.words.push(word);
    else columns.push({ x, words: [word] });
  }
  return squeeze(columns.sort((a, b) => b.x - a.x).map((column) => column.words.sort((a, b) => a.y - b.y || a.x - b.x).map((word) => word.text).join('')).join(''));
}

/** The pages (from 1) of the bilingual PDF whose text holds `wanted`. */
const pagesWith = (wanted: string) => texts.flatMap((text, index) => (text.includes(squeeze(wanted)) ? [index + 1] : []));

describe('the vertical bilingual PDF as spreads', () => {
  it('sets each chapter’s Japanese vertically on even pages and its English across on the odd page facing it', () => {
    // The contents list it first.
    const first = pagesWith('第一章')[1]!;
    const chapterPages = pages.bilingual.slice(first - 1, pagesWith('出典').at(-1)! - 1);
    expect(first % 2).toBe(0);
    const sides = chapterPages.map((page, index) => [first + index, orientation(page)] as const).filter(([, way]) => way !== 'none');
    expect(sides.length).toBeGreaterThan(6);
    for (const [number, way] of sides) expect([number, way]).toEqual([number, number % 2 === 0 ? 'vertical' : 'horizontal']);
  });

  it('puts each pair’s English on the page facing its Japanese, the long pair continued on the next spreads in both', () => {
    for (const [ja, en] of [['第二章', 'Chapter Two'], ['長い段落の前の段落です。', 'The paragraph before the long one.'], [jaSentence(1), enSentence(1)]]) {
      // Past the contents, which list the chapters.
      const [jaPage] = pagesWith(ja!).filter((number) => number > 3);
      expect([ja, jaPage! % 2, pagesWith(en!).filter((number) => number > 3)[0]]).toEqual([ja, 0, jaPage! + 1]);
    }
    const [last] = pagesWith(jaSentence(count));
    expect(last!).toBeGreaterThan(pagesWith(jaSentence(1))[0]! + 1);
    // The spread the Japanese ends on holds the end of the English, too.
    expect(pagesWith(enSentence(count))).toEqual([last! + 1]);
  });

  it('loses no text: every sentence of the long pair is printed once, in order, on its language’s pages', () => {
    const stream = (parity: number) => pages.bilingual.filter((_, index) => (index + 1) % 2 === parity).map(readText).join('');
    const [ja, en] = [stream(0), stream(1)];
    let [jaAt, enAt] = [0, 0];
    for (let index = 1; index <= count; index++) {
      const [jaNext, enNext] = [ja.indexOf(squeeze(jaSentence(index)), jaAt), en.indexOf(squeeze(enSentence(index)), enAt)];
      expect([index, jaNext >= jaAt, enNext >= enAt]).toEqual([index, true, true]);
      [jaAt, enAt] = [jaNext, enNext];
    }
  });

  it('keeps the page numbers and the disclosure on every page, and the running heads on all but a chapter’s opening spread', () => {
    for (const [index, text] of wholePages.entries()) expect([index + 1, text.includes(squeeze('Sponsor Inc.')), text.includes('株式会社スポンサー')]).toEqual([index + 1, true, true]);
    // No head on a chapter's opening spread; the book's title on the next spread's Japanese page, the chapter's on its English one.
    const opening = pagesWith('第二章').filter((number) => number > 3)[0]!;
    const head = (number: number) => squeeze(pages.bilingual[number - 1]!.words.filter((word) => word.y + word.height < 16 * pointsPerMm).map((word) => word.text).join(''));
    expect([opening, opening + 1, opening + 2, opening + 3].map(head)).toEqual(['', '', squeeze('小さな本 / A Small Book'), squeeze('第二章 / Chapter Two')]);
    const numbered = pages.bilingual.flatMap((page, index) => (page.words.some((word) => word.text === String(index + 1) && word.y > page.height - 22 * pointsPerMm) ? [index + 1] : []));
    expect(numbered.length).toBeGreaterThan(pages.bilingual.length / 2);
  });

  it('is tagged, with one bookmark a heading, each opening the heading’s Japanese page', async () => {
    const pdf = await PDFDocument.load(await readFile(file('bilingual')), { updateMetadata: false });
    expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    const refs = pdf.getPages().map((page) => page.ref);
    const found: Array<[string, number]> = [];
    const walk = (first: unknown) => {
      for (let item = first; item instanceof PDFDict; item = item.lookup(PDFName.of('Next'))) {
        const dest = item.lookup(PDFName.of('Dest'));
        const target = dest instanceof PDFArray ? dest.get(0) : undefined;
        const title = (item.lookup(PDFName.of('Title')) as unknown as { decodeText(): string }).decodeText();
        found.push([title, refs.findIndex((ref) => target instanceof PDFRef && ref === target) + 1]);
        walk(item.lookup(PDFName.of('First')));
      }
    };
    walk(pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookup(PDFName.of('First')));
    const chapters = found.filter(([title]) => title.startsWith('第'));
    expect(chapters.map(([title]) => title)).toEqual(['第一章', '第二章']);
    for (const [title, page] of chapters) expect([title, page % 2, page]).toEqual([title, 0, pagesWith(title).filter((number) => number > 3)[0]]);
    expect(found.some(([title]) => title.startsWith('Chapter'))).toBe(false);
  });

  it('fails the build, saying what does not fit, rather than print a page that cuts text off', async () => {
    const broken = await suiteDir('bilingual-book-spreads-broken-');
    try {
      await cp(path.join(fixtureBooks, 'small'), broken, { recursive: true });
      await edit(broken, 'content/book.yaml', 'chapters:', 'writingMode: vertical\nchapters:');
      // A book's own stylesheet that makes a heading larger than the page.
      const css = await readFile(path.join(repoRoot, 'templates/pdf/spreads.css'), 'utf8');
      await mkdir(path.join(broken, 'templates/pdf'), { recursive: true });
      await writeFile(path.join(broken, 'templates/pdf/spreads.css'), `${css}\n.spread-en h1 { font-size: 40em; }\n`);
      const result = await build({ root: broken, outDir: path.join(broken, 'dist'), formats: ['pdf'], editions: ['bilingual'] });
      const errors = result.diagnostics.format(broken).filter((line) => line.includes(': error:'));
      expect(errors.join('\n')).toContain('spreads cannot hold all of the text: in “第一章”, the English page of spread 1 (from “Chapter One”) is too full');
    } finally {
      await removeDir(broken);
    }
  }, 60_000);
});

describe('right-bound PDFs', () => {
  it('tell viewers to read right to left, two pages at a time after the first', async () => {
    for (const edition of ['ja', 'bilingual']) {
      const pdf = await PDFDocument.load(await readFile(file(edition)), { updateMetadata: false });
      const preferences = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect([edition, String(preferences.get(PDFName.of('Direction'))), String(pdf.catalog.get(PDFName.of('PageLayout')))]).toEqual([edition, '/R2L', '/TwoPageRight']);
    }
  });

  it('mirror the vertical Japanese PDF’s margins: the gutter on the right of odd pages, on the left of even ones', () => {
    // A5: inner 17 mm, outer 14 mm. A vertical page's first column starts at the right edge of its text block,
    // less the half-leading: on an odd page no glyph reaches past the gutter; on an even page they do.
    const [inner, outer] = [17 * pointsPerMm, 14 * pointsPerMm];
    const rightGap = (page: Page) => page.width - Math.max(...body(page).map((word) => word.x + word.width));
    const full = pages.ja.map((page, index) => [index + 1, page] as const).filter(([, page]) => orientation(page) === 'vertical' && body(page).length > 200);
    expect(full.some(([number]) => number % 2 === 1) && full.some(([number]) => number % 2 === 0)).toBe(true);
    for (const [number, page] of full) {
      const gap = rightGap(page);
      expect([number, number % 2 === 1 ? gap >= inner - 0.5 : gap >= outer - 0.5 && gap < inner - 1]).toEqual([number, true]);
    }
    // The page number at the outer corner: bottom left on odd pages, bottom right on even ones.
    for (const [index, page] of pages.ja.entries()) {
      const folio = page.words.find((word) => word.text === String(index + 1) && word.y > page.height - 20 * pointsPerMm);
      if (!folio) continue;
      const side = folio.x + folio.width / 2 < page.width / 2 ? 'left' : 'right';
      expect([index + 1, side]).toEqual([index + 1, (index + 1) % 2 === 1 ? 'left' : 'right']);
    }
  });
});
