import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.ts';
import { type Attack, buildAttack, filesContaining, prepareAttack } from './attack.ts';
import { withPdfTemplates, writtenOutside } from './pdf-attack.ts';

/**
 * Issue 11, item 7 (the PDF half): a book's stylesheet hid the sponsor disclosure, or set it white and 1 px,
 * and the PDF still passed, since its text layer carried the sentence. Now either our rules win and the PDF
 * shows it, or the build refuses to publish the PDF with a message naming where it is not shown.
 */
const run = promisify(execFile);
let attack: Attack;
beforeEach(async () => {
  attack = await prepareAttack();
  await withPdfTemplates(attack);
});
afterEach(async () => {
  await attack.close();
});

async function appendCss(css: string): Promise<void> {
  const file = path.join(attack.root, 'templates/pdf/book.css');
  await writeFile(file, `${await readFile(file, 'utf8')}\n${css}\n`);
}

const build = () => buildAttack(attack, ['--format', 'pdf', '--edition', 'ja']);
const pdf = () => path.join(attack.out, 'pdf/small-book-ja.pdf');

async function expectNothingElse(): Promise<void> {
  expect(attack.requests).toEqual([]);
  expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
  expect(await writtenOutside(attack)).toEqual([]);
}

/** The darkest grey (0–255) in the foot of each page, as poppler draws the PDF at 150 dpi. */
async function darkestInFoot(file: string): Promise<number[]> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
  const darkest: number[] = [];
  for (let page = 1; page <= pages; page++) {
    // A5 at 150 dpi is 874 × 1240 px; the foot is the bottom 20 mm, 118 px, less the page number's corners.
    const { stdout: pgm } = await run('pdftoppm', ['-gray', '-r', '150', '-f', `${page}`, '-l', `${page}`, '-x', '150', '-y', '1140', '-W', '574', '-H', '100', file], { encoding: 'buffer', maxBuffer: 1 << 24 });
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    darkest.push(Math.min(...pgm.subarray(header[0].length)));
  }
  return darkest;
}

const foot = (pages: string) =>
  `../dist/pdf/small-book-ja.pdf: error: The foot of ${pages} of small-book-ja.pdf does not show the ja sponsor disclosure naming “株式会社スポンサー” legibly (6 pt or more, contrast 4.5:1 or more); a sponsored book must disclose it on every page [output-check]`;
const titlePage = (problems: string) =>
  `../dist: error: Could not build the pdf output: The ja PDF's title page does not show the sponsor disclosure legibly: ${problems}. A sponsored book must show it, at 6 pt or more: remove what hides or shrinks it from the book's templates/pdf/ or stylesheets [render-failed]`;

/**
 * The build refused the PDF with exactly these messages (in any order), and published nothing: a hidden
 * disclosure, found by the output check or before printing, holds back every format, which the summary says.
 */
async function expectRefused(result: Awaited<ReturnType<typeof build>>, messages: string[]): Promise<void> {
  expect(result.code).toBe(1);
  const summary = [`../dist: error: The output failed its checks; ${attack.out} was left as it was [output-check]`];
  const all = [...summary, ...messages];
  expect(result.err.slice(0, -1).sort()).toEqual(all.sort());
  expect(result.err.at(-1)).toBe(`Build failed with ${all.length} error(s); nothing was replaced.`);
  expect(existsSync(pdf())).toBe(false);
  await expectNothingElse();
}

describe('a book stylesheet that hides the foot’s disclosure', () => {
  it.each([
    ['make it white on every page', '@page { @bottom-center { color: #fff !important; } }'],
    [
      'hide it or make it white on left- or right-hand pages',
      '@page :left { @bottom-center { visibility: hidden !important; } } @page :right { @bottom-center { color: #fff !important; opacity: 0 !important; } }',
    ],
  ])('cannot %s: our rules win and every foot shows it', async (_what, css) => {
    await appendCss(css);
    const result = await build();
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    for (const darkest of await darkestInFoot(pdf())) expect(darkest).toBeLessThan(100);
    await expectNothingElse();
  });

  it('cannot take its text away: the PDF is refused, naming the pages', async () => {
    await appendCss('@page :left { @bottom-center { content: none !important; } }');
    await expectRefused(
      await build(),
      ['../dist/pdf/small-book-ja.pdf: error: The ja sponsor disclosure is missing from pages 2, 4, 6, 8, 10 of small-book-ja.pdf; a sponsored book must disclose it on every page [output-check]'],
    );
  });

  it('cannot shrink it to 1 px: the PDF is refused, naming the pages', async () => {
    await appendCss('@page { @bottom-center { font-size: 1px !important; } }');
    await expectRefused(await build(), [foot('pages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10')]);
  });
});

describe('a book stylesheet that hides the title page’s disclosure block', () => {
  it('cannot hide it or make it white: our rules win', async () => {
    await appendCss('.cover .disclosure { display: none !important; } .cover .disclosure p { visibility: hidden !important; opacity: 0 !important; color: #fff !important; }');
    const result = await build();
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const { stdout } = await run('pdftotext', ['-f', '1', '-l', '1', '-bbox', pdf(), '-']);
    // On the title page itself, above the foot: the block's label and sentence, at their usual size.
    const words = [...stdout.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].filter(([, yMin]) => Number(yMin) < 500);
    expect(words.map(([, , , word]) => word).join('')).toContain('株式会社スポンサー');
    await expectNothingElse();
  });

  it('cannot shrink it: the PDF is refused', async () => {
    await appendCss('.cover .disclosure, .cover .disclosure * { font-size: 1px !important; }');
    const small = (text: string) => `the disclosure block’s text “${text}” is 0.75 pt, under the 6 pt minimum`;
    await expectRefused(await build(), [titlePage(`${small('PR 本書は、株式会社スポンサーをスポン…')}; ${small('PR…')}`)]);
  });

  it('cannot cover it with a box: the PDF is refused', async () => {
    await appendCss('.cover { position: relative; } .cover::after { content: ""; position: absolute; inset: 0; background: #fff; }');
    const covered = (text: string) => `the disclosure block’s text “${text}” is covered by another element`;
    await expectRefused(await build(), [titlePage(`${covered('PR 本書は、株式会社スポンサーをスポン…')}; ${covered('PR…')}`)]);
  });

  it('cannot set it on a background of its colour: the PDF is refused', async () => {
    await appendCss('.cover { background: #111 !important; }');
    const faint = (text: string) => `the disclosure block’s text “${text}” has a contrast of 1.00:1 with its background, under 4.5:1`;
    await expectRefused(await build(), [titlePage(`${faint('PR 本書は、株式会社スポンサーをスポン…')}; ${faint('PR…')}`)]);
  });
});

describe('a book’s locale whose disclosure does not name the sponsor', () => {
  it.each([
    ['leaves the sponsor out', '本書は広告を含む書籍です。'],
    ['is empty', ''],
    ['is a zero-width space', '\u200b'],
  ])('%s: the build stops at the locale string, before printing', async (_what, text) => {
    await cp(path.join(repoRoot, 'locales'), path.join(attack.root, 'locales'), { recursive: true });
    const file = path.join(attack.root, 'locales/ja.json');
    const locale = JSON.parse(await readFile(file, 'utf8')) as { disclosure: { text: string } };
    locale.disclosure.text = text;
    await writeFile(file, JSON.stringify(locale, null, 2));
    // The content stage (and so `check`) finds it; the print-time check of the title page is not reached.
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'locales/ja.json:14:5: error: The ja disclosure sentence (`disclosure.text` in locales/ja.json) does not name the sponsor `株式会社スポンサー`; write `{{sponsor}}` in it [config-invalid-value]',
      'Build failed with 1 error(s); nothing was replaced.',
    ]);
    expect(existsSync(pdf())).toBe(false);
    await expectNothingElse();
  });
});
