import { execFile } from 'node:child_process';
import { appendFile, cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { edit, fixtureBooks, removeDir, repoRoot, suiteDir } from '../helpers.ts';

const run = promisify(execFile);
const epubcheck = async (file: string) => {
  const { stdout, stderr } = await run('java', ['-jar', '/usr/share/java/epubcheck.jar', file], { maxBuffer: 16 << 20 }).catch((error: { stdout: string; stderr: string }) => error);
  return `${stdout}\n${stderr}`;
};

/**
 * A book set vertically (`writingMode: vertical`): the small fixture book with ruby, numbers, Latin and a code
 * block added, built in every edition and format; and our own book's Japanese EPUB set vertically.
 */
let dir: string;
let ourDir: string;
const zips = new Map<string, JSZip>();
const entry = (edition: string, name: string) => zips.get(edition)!.file(`OEBPS/${name}`)!.async('string');

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-vertical-');
  await cp(path.join(fixtureBooks, 'small'), dir, { recursive: true });
  await edit(dir, 'content/book.yaml', 'chapters:', 'writingMode: vertical\nchapters:');
  await appendFile(
    path.join(dir, 'content/ja/02-second.md'),
    '\n{漢字|かんじ}と{振り仮名|ふ|り|が|な}の例です。24時間365日、PRとIT、CSIRTとCompTIA、4.2万円。\n\n```sh\necho "code stays horizontal"\n```\n',
  );
  const result = await build({ root: dir, outDir: path.join(dir, 'dist') });
  expect(result.diagnostics.format(dir).filter((line) => line.includes(': error:'))).toEqual([]);
  for (const edition of ['ja', 'en', 'bilingual']) zips.set(edition, await JSZip.loadAsync(await readFile(path.join(dir, `dist/epub/small-book-${edition}.epub`))));

  ourDir = await suiteDir('bilingual-book-vertical-ours-');
  await cp(path.join(repoRoot, 'content'), path.join(ourDir, 'content'), { recursive: true });
  await edit(ourDir, 'content/book.yaml', /^chapters:/m, 'writingMode: vertical\nchapters:');
  const ours = await build({ root: ourDir, outDir: path.join(ourDir, 'dist'), formats: ['epub'], editions: ['ja'] });
  expect(ours.diagnostics.format(ourDir).filter((line) => line.includes(': error:'))).toEqual([]);
}, 180_000);

afterAll(async () => {
  await removeDir(dir);
  await removeDir(ourDir);
});

describe('a vertical book’s EPUBs', () => {
  it('turn the Japanese pages right to left and say it is written vertically; the English and bilingual do not', async () => {
    const ja = await entry('ja', 'content.opf');
    expect(ja).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    expect(ja).toContain('<meta name="primary-writing-mode" content="vertical-rl"/>');
    for (const edition of ['en', 'bilingual']) {
      const opf = await entry(edition, 'content.opf');
      expect(opf, edition).toContain('page-progression-direction="ltr"');
      expect(opf, edition).not.toContain('primary-writing-mode');
    }
  });

  it('mark each document’s one writing mode on its root with 電書協’s classes', async () => {
    const root = async (edition: string, name: string) => /<html [^>]*class="(\w+)"/.exec(await entry(edition, name))?.[1];
    for (const name of ['title.xhtml', 'toc.xhtml', '01-first.xhtml', '02-second.xhtml', 'colophon.xhtml']) expect(await root('ja', name), name).toBe('vrtl');
    for (const name of ['cover.xhtml', 'sources.xhtml']) expect(await root('ja', name), name).toBe('hltr');
    for (const edition of ['en', 'bilingual']) expect(await root(edition, '01-first.xhtml'), edition).toBe('hltr');
    const css = await entry('ja', 'style.css');
    for (const declaration of ['writing-mode: vertical-rl', '-epub-writing-mode: vertical-rl', '-webkit-writing-mode: vertical-rl', 'text-combine-upright: all', '-epub-text-combine: horizontal', '-webkit-text-combine: horizontal']) {
      expect(css).toContain(declaration);
    }
  });

  it('set short numbers and Latin across (縦中横), longer ones upright, and leave code and English alone', async () => {
    const second = await entry('ja', '02-second.xhtml');
    for (const run of ['24', 'PR', 'IT']) expect(second).toContain(`<span class="tcy">${run}</span>`);
    for (const run of ['365', 'CSIRT']) expect(second).toContain(`<span class="upright">${run}</span>`);
    expect(second).toContain('CompTIA、4.2万円');
    expect(second).toContain('echo "code stays horizontal"');
    expect(await entry('ja', '01-first.xhtml')).toContain('数字は<span class="tcy">42</span>です');
    expect(await entry('en', '02-second.xhtml')).not.toContain('class="tcy"');
    expect(await entry('bilingual', '02-second.xhtml')).not.toContain('class="tcy"');
  });

  it('pass EPUBCheck with 0 errors and 0 warnings, ours too', async () => {
    const reports = await Promise.all([path.join(dir, 'dist/epub/small-book-ja.epub'), path.join(ourDir, 'dist/epub/soc-analyst-career-guide-ja.epub')].map(epubcheck));
    for (const report of reports) expect(report).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
  }, 120_000);

  it('pass Ace by DAISY with no violations (ours)', async () => {
    const out = await suiteDir('bilingual-book-vertical-ace-');
    try {
      await run(path.join(repoRoot, 'node_modules/.bin/ace-cli'), ['-s', '-o', out, path.join(ourDir, 'dist/epub/soc-analyst-career-guide-ja.epub')], { cwd: repoRoot, maxBuffer: 64 << 20 });
      const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
        'earl:result': { 'earl:outcome': string };
        assertions: Array<{ assertions: Array<{ 'earl:test': { 'dct:title': string } }> }>;
      };
      const violations = report.assertions.flatMap((item) => item.assertions.map((assertion) => assertion['earl:test']['dct:title']));
      expect([report['earl:result']['earl:outcome'], violations]).toEqual(['pass', []]);
    } finally {
      await removeDir(out);
    }
  }, 120_000);

  it('read vertically in a browser, with tables and code horizontal and no wider than the page', async () => {
    const unpacked = await suiteDir('bilingual-book-vertical-xhtml-');
    const browser = await puppeteer.launch({ args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      for (const name of ['02-second.xhtml', 'style.css']) await appendFile(path.join(unpacked, name), await entry('ja', name));
      const page = await browser.newPage();
      await page.setViewport({ width: 600, height: 800 });
      await page.goto(pathToFileURL(path.join(unpacked, '02-second.xhtml')).href);
      const seen = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        return {
          page: style('html').writingMode,
          table: style('table').writingMode,
          code: style('pre').writingMode,
          tcy: style('.tcy').textCombineUpright,
          upright: style('.upright').textOrientation,
          // A 縦中横 run takes one character's height; a ruby reading sits to the right of its base.
          tcyHeight: Math.round(box('.tcy').height / parseFloat(style('.tcy').fontSize)),
          rubyRight: box('rt').left >= box('ruby').left,
          codeWidth: box('pre').width <= window.innerWidth,
          // The disclosure heads the page at the size of the text it precedes.
          disclosureFirst: document.body.firstElementChild!.className,
          disclosureSize: style('.disclosure p').fontSize === style('[role="doc-chapter"] p').fontSize,
        };
      });
      expect(seen).toEqual({ page: 'vertical-rl', table: 'horizontal-tb', code: 'horizontal-tb', tcy: 'all', upright: 'upright', tcyHeight: 1, rubyRight: true, codeWidth: true, disclosureFirst: 'disclosure', disclosureSize: true });
    } finally {
      await browser.close();
      await removeDir(unpacked);
    }
  }, 60_000);
});

/** Where each character of `word` is printed: `pdftotext -bbox` gives a box a glyph run, one a character in vertical text. */
async function glyphs(edition: string, word: string): Promise<Array<{ x: number; y: number; height: number; width: number }>> {
  const { stdout } = await run('pdftotext', ['-bbox', path.join(dir, `dist/pdf/small-book-${edition}.pdf`), '-']);
  const boxes = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
    width: Number(match[3]) - Number(match[1]),
    height: Number(match[4]) - Number(match[2]),
    text: match[5]!,
  }));
  const start = boxes.findIndex((_, index) => [...word].every((character, offset) => boxes[index + offset]?.text.startsWith(character)));
  return start < 0 ? [] : boxes.slice(start, start + word.length).map(({ x, y, height, width }) => ({ x, y, height, width }));
}

describe('a vertical book’s PDFs', () => {

  it('set the Japanese edition top to bottom, and keep the English across', async () => {
    const [first, second] = await glyphs('ja', '第二章');
    expect(Math.abs(first!.x - second!.x)).toBeLessThan(1);
    expect(second!.y).toBeGreaterThan(first!.y);
    const english = await run('pdftotext', ['-f', '1', '-l', '1', path.join(dir, 'dist/pdf/small-book-en.pdf'), '-']);
    expect(english.stdout).toContain('A Small Book');
  });
});

describe('ruby', () => {
  it('is ruby with its fallback in the site, the EPUB and the PDF', async () => {
    const site = await readFile(path.join(dir, 'dist/site/ja/02-second.html'), 'utf8');
    const epub = await entry('ja', '02-second.xhtml');
    const group = '<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>';
    const perCharacter = '<ruby>振<rp>（</rp><rt>ふ</rt><rp>）</rp>り<rp>（</rp><rt>り</rt><rp>）</rp>仮<rp>（</rp><rt>が</rt><rp>）</rp>名<rp>（</rp><rt>な</rt><rp>）</rp></ruby>';
    for (const [output, html] of [['site', site], ['epub', epub]] as const) {
      expect(html, output).toContain(group);
      expect(html, output).toContain(perCharacter);
    }
    // Printed ruby: in the vertical Japanese PDF, and on the vertical Japanese pages of the bilingual one's
    // spreads (pdf-spreads.test.ts), small kana to the right of its base.
    const { stdout } = await run('pdftotext', [path.join(dir, 'dist/pdf/small-book-bilingual.pdf'), '-']);
    expect(stdout).not.toContain('{漢字');
    for (const edition of ['ja', 'bilingual']) {
      const [base, kana] = await glyphs(edition, '漢か');
      expect(kana!.x).toBeGreaterThan(base!.x);
      expect(Math.abs(kana!.y - base!.y)).toBeLessThan(base!.height);
      // Set top to bottom, a glyph's box is as wide as its type is large (poppler may join the reading's kana into one box).
      expect(kana!.width).toBeLessThan(base!.width * 0.7);
    }
  });
});
