import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { cp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsPerMm } from '../src/output/pdf/geometry.ts';
import { urlParts } from '../src/output/pdf/rehype-breakable-urls.ts';
import { blankPages, pagesWithBlankPages } from '../src/output/pdf/openings.ts';
import { openingHeadRules } from '../src/output/pdf/opening-heads.ts';
import { rehypeSqueezePunctuation } from '../src/output/pdf/rehype-squeeze-punctuation.ts';
import { rehypePairRows } from '../src/output/pdf/rehype-pair-rows.ts';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import { cli, edit, removeDir, repoRoot, suiteDir } from './helpers.ts';

const run = promisify(execFile);
const tool = async (command: string, ...args: string[]) => (await run(command, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;

/** The small book for a print shop (3 mm bleed, pages padded to a multiple of 4), with typed quotes and a bare URL. */
let root: string;
let pdfs: Record<'ja' | 'en' | 'bilingual', string>;

beforeAll(async () => {
  root = await suiteDir();
  await cp(path.join(repoRoot, 'test/fixtures/books/small'), root, { recursive: true });
  await edit(root, 'content/book.yaml', 'chapters:', 'pdf:\n  bleed: 3mm\n  pageCountMultiple: 4\nchapters:');
  await edit(root, 'content/en/01-first.md', 'The first paragraph.', `It's the "first" paragraph -- see <https://example.com/a--b/it's>.`);
  await edit(root, 'content/ja/01-first.md', '最初の段落です。', '最初の "first" 段落です -- 。');
  const out = path.join(root, 'dist');
  const { code, err } = await cli(['build', '--root', root, '--out', out, '--format', 'site,pdf'], root);
  expect(err.filter((line) => /error|warning/.test(line) && !/stale-source/.test(line))).toEqual([]);
  expect(code).toBe(0);
  const dir = path.join(out, 'pdf');
  const names = await readdir(dir);
  pdfs = Object.fromEntries((['ja', 'en', 'bilingual'] as const).map((name) => [name, path.join(dir, names.find((file) => file.endsWith(`-${name}.pdf`))!)])) as typeof pdfs;
}, 240_000);

afterAll(async () => {
  await removeDir(root);
});

/** The bookmarks, top level and below, with the page (from 1) each opens. */
async function bookmarks(file: string): Promise<Array<{ title: string; page: number; level: number }>> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const pages = pdf.getPages().map((page) => page.ref);
  const found: Array<{ title: string; page: number; level: number }> = [];
  const walk = (first: unknown, level: number) => {
    for (let item = first; item instanceof PDFDict; item = item.lookup(PDFName.of('Next'))) {
      const dest = item.lookup(PDFName.of('Dest'));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      const title = item.lookup(PDFName.of('Title')) as unknown as { decodeText(): string };
      found.push({ title: title.decodeText(), page: pages.findIndex((ref) => target instanceof PDFRef && ref === target) + 1, level });
      walk(item.lookup(PDFName.of('First')), level + 1);
    }
  };
  const outlines = pdf.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')), 1);
  return found;
}

const pageTexts = async (file: string) => (await tool('pdftotext', '-layout', file, '-')).split('\f').slice(0, -1);

describe('the PDF as a printed book', () => {
  it('opens every chapter and the sources on a right-hand (odd) page, after blank pages without a running head or number', async () => {
    for (const [name, file] of Object.entries(pdfs)) {
      const marks = await bookmarks(file);
      const opening = marks.filter((mark) => mark.level === 1 && !/小さな本|A Small Book|目次|Contents|奥付|Colophon/.test(mark.title));
      expect(opening.length, name).toBe(3);
      for (const mark of opening) expect(mark.page % 2, `${name}: ${mark.title} on page ${mark.page}`).toBe(1);
      const texts = await pageTexts(file);
      // The title page's back is blank: the contents open on page 3.
      expect(marks.find((mark) => /目次|Contents/.test(mark.title))?.page, name).toBe(3);
      const blank = texts.map((text, index) => ({ text, page: index + 1 })).filter(({ text }) => !/\S/.test(text.replace(/(PR|Sponsored).*|^.*(スポンサー|広告|Sponsor|Ltd\.).*$/gm, '')));
      expect(blank.map(({ page }) => page), name).toContain(2);
      for (const { text, page } of blank) expect(text, `${name} page ${page}`).not.toMatch(/^\s*\d+\s*$|小さな本|A Small Book/m);
    }
  });

  it('pads the page count to a multiple of 4 and keeps the colophon on the last page', async () => {
    for (const [name, file] of Object.entries(pdfs)) {
      const pages = Number(/Pages:\s+(\d+)/.exec(await tool('pdfinfo', file))?.[1]);
      expect(pages % 4, name).toBe(0);
      const last = (await bookmarks(file)).find((mark) => /奥付|Colophon/.test(mark.title));
      expect(last?.page, name).toBe(pages);
    }
  });

  it('gives every page a TrimBox of the trim size, a BleedBox 3 mm beyond it and a sheet with room for crop marks', async () => {
    const pdf = await PDFDocument.load(await readFile(pdfs.ja), { updateMetadata: false });
    const bleed = 3 * pointsPerMm;
    for (const page of pdf.getPages()) {
      const trim = page.getTrimBox();
      expect([trim.x, trim.y, trim.width, trim.height].map(Math.round)).toEqual([0, 0, 420, 595]);
      const bleedBox = page.getBleedBox();
      expect([bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height].map((value) => Math.round(value * 10) / 10)).toEqual(
        [-bleed, -bleed, 420 + 2 * bleed, 594.96 + 2 * bleed].map((value) => Math.round(value * 10) / 10),
      );
      const media = page.getMediaBox();
      expect(media.x).toBeLessThan(bleedBox.x - 5 * pointsPerMm);
    }
  });

  it('names each embedded font for the weight it prints, and sets English in a Latin text face', async () => {
    for (const [name, file] of Object.entries(pdfs)) {
      const fonts = (await tool('pdffonts', file)).split('\n').slice(2).map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).filter(Boolean);
      expect(fonts.filter((font) => /Thin|ExtraLight|Light/.test(font)), name).toEqual([]);
      expect(fonts, name).toContain('NotoSerifJP-Regular');
      if (name !== 'ja') expect(fonts, name).toContain('NotoSerif-Regular');
      expect(fonts.some((font) => /DejaVu/.test(font)), name).toBe(false);
    }
  });

  it('prints no back-links in the notes and keeps the notes out of the bookmarks', async () => {
    for (const [name, file] of Object.entries(pdfs)) {
      const text = await tool('pdftotext', file, '-');
      expect(text, name).not.toMatch(/[\u21A9\u2191]/);
      expect((await bookmarks(file)).map((mark) => mark.title).filter((title) => /^(注|Notes)$/.test(title)), name).toEqual([]);
    }
  });

  it('curls the English quotes and dashes in the PDF and the site, and leaves the Japanese as typed', async () => {
    const en = await tool('pdftotext', '-raw', pdfs.en, '-');
    expect(en).toContain('It’s the “first” paragraph – see');
    // The address is no prose: its dashes and apostrophe stay.
    expect(en.replace(/\s+/g, '')).toContain('https://example.com/a--b/it\'s');
    const ja = await tool('pdftotext', '-raw', pdfs.ja, '-');
    expect(ja).toMatch(/"first"/);
    expect(ja).not.toMatch(/[“”’–]/);
    const site = await readFile(path.join(root, 'dist/site/en/01-first.html'), 'utf8');
    expect(site).toContain('It’s the “first” paragraph – see');
    expect(await readFile(path.join(root, 'dist/site/ja/01-first.html'), 'utf8')).toContain('"first"');
  });

  it('sets an English note number after the full stop it was typed before, at a legible size', async () => {
    const words = [...(await tool('pdftotext', '-bbox', pdfs.en, '-')).matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)];
    const at = words.findIndex((word) => word[5] === '42.');
    expect(at).toBeGreaterThan(-1);
    const [number, before] = [words[at + 1]!, words[at]!];
    expect(number[5]).toBe('1');
    expect(Number(number[1])).toBeGreaterThanOrEqual(Number(before[3]) - 0.5);
    // 0.8 of the 9.5 pt text: a glyph box of 6 pt or more.
    expect(Number(number[4]) - Number(number[2])).toBeGreaterThanOrEqual(6);
  });

  it('shows the disclosure under each chapter’s title at the size of the text, as well as in the foot', async () => {
    const texts = await pageTexts(pdfs.ja);
    const marks = await bookmarks(pdfs.ja);
    for (const mark of marks.filter((entry) => /章$/.test(entry.title))) {
      const sentences = texts[mark.page - 1]!.split('\n').filter((line) => line.includes('株式会社スポンサー'));
      expect(sentences.length, mark.title).toBeGreaterThanOrEqual(2);
    }
    // Broken between phrases, in the blocks and in the foot: never inside the sponsor's name or a word.
    for (const file of [pdfs.ja, pdfs.bilingual]) {
      const lines = (await pageTexts(file)).flatMap((text) => text.split('\n').map((line) => line.trim()));
      expect(lines.filter((line) => /スポン$|株$|テス$/.test(line) || /^(サー|式会社|ト出版)/.test(line))).toEqual([]);
    }
    const bbox = await tool('pdftotext', '-bbox', '-f', '5', '-l', '5', pdfs.ja, '-');
    const heights = [...bbox.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">PR</g)].map((match) => Number(match[2]) - Number(match[1]));
    // The chapter's block at the 9.5 pt of the text; the foot's stays small.
    expect(Math.max(...heights)).toBeGreaterThanOrEqual(9);
  });
});

describe('print helpers', () => {
  it('breaks an address only after / . or -, never right after the scheme', () => {
    expect(urlParts('https://jobtag.mhlw.go.jp/a-b//c')).toEqual(['https://jobtag.', 'mhlw.', 'go.', 'jp/', 'a-', 'b//', 'c']);
  });

  it('halves the closing mark before another and the opening bracket after a colon, in Japanese text only', () => {
    const tree: Root = { type: 'root', children: [h('p', 'GIAC（Analyst）：本「書」、「注」。'), h('p', { lang: 'en' }, '（a）：b'), h('code', '）：')] };
    const html = toHtml(rehypeSqueezePunctuation()(tree, new VFile()));
    expect(html).toBe(
      '<p>GIAC（Analyst<span class="squeeze">）</span>：本「書<span class="squeeze">」</span>、「注<span class="squeeze">」</span>。</p><p lang="en">（a）：b</p><code>）：</code>',
    );
  });

  it('leaves a division’s opening page without its head: a counter style empty for that page only, the title escaped for CSS', () => {
    const box = (page: string, head: string) => ({ selector: `${page}:right`, corner: 'top-right' as const, head });
    const rules = openingHeadRules([{ id: 'c1', boxes: [box('chapter-1', 'A "title"; } </style>')], pages: 1 }, { id: 'c2', boxes: [box('chapter-2', 'Not printed yet')], pages: 1 }], new Map([['c1', 7]]));
    expect(rules).toBe(
      '@counter-style opening-head-1-1-text { system: cyclic; symbols: "A \\22 title\\22 ; } \\3C /style\\3E "; }\n' +
        '@counter-style opening-head-1-1 { system: fixed 7; symbols: ""; fallback: opening-head-1-1-text; }\n' +
        '@page chapter-1:right { @top-right { content: counter(page, opening-head-1-1); } }',
    );
  });

  it('halves marks that meet across inline markup, but not across code, another language or a block', () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('p', [h('strong', '「重要」'), '。', h('a', { href: '#x' }, '「リンク」'), '、', h('em', '注）'), h('code', '」'), '。']),
        h('p', ['本「書」']), h('p', ['。']),
        h('p', [h('span', '書」'), h('span', { lang: 'en' }, '」')]),
      ],
    };
    expect(toHtml(rehypeSqueezePunctuation()(tree, new VFile()))).toBe(
      '<p><strong>「重要<span class="squeeze">」</span></strong>。<a href="#x">「リンク<span class="squeeze">」</span></a>、<em>注）</em><code>」</code>。</p>' +
        '<p>本「書」</p><p>。</p><p><span>書」</span><span lang="en">」</span></p>',
    );
  });

  it('cuts a bilingual list into one pair per item, so both columns break at the same item, and keeps an ordered list’s numbers', () => {
    const pair = (ja: string[], en: string[], tag = 'ol') => h('div.pair', [h('div.ja', { lang: 'ja' }, [h(tag, ja.map((item) => h('li', item)))]), h('div.en', { lang: 'en' }, [h(tag, en.map((item) => h('li', item)))])]);
    const html = toHtml(rehypePairRows()({ type: 'root', children: [pair(['一', '二'], ['One', 'Two']), pair(['一'], ['One', 'Two'], 'ul')] }));
    expect(html).toBe(
      '<div class="pair pair-row"><div class="ja" lang="ja"><ol class="row row-first"><li value="1">一</li></ol></div><div class="en" lang="en"><ol class="row row-first"><li value="1">One</li></ol></div></div>' +
        '<div class="pair pair-row"><div class="ja" lang="ja"><ol class="row row-last"><li value="2">二</li></ol></div><div class="en" lang="en"><ol class="row row-last"><li value="2">Two</li></ol></div></div>' +
        // Not the same shape in both languages: left whole.
        '<div class="pair"><div class="ja" lang="ja"><ul><li>一</li></ul></div><div class="en" lang="en"><ul><li>One</li><li>Two</li></ul></div></div>',
    );
  });

  it('finds the blank pages that put each division on a right-hand page in one pass', () => {
    const landed = new Map([['a', 3], ['b', 4], ['c', 6], ['end', 9]]);
    const none = { versos: [], pads: 0 };
    const wanted = blankPages(['a', 'b', 'c'], landed, 9, none, 4);
    // b lands on 4 → a blank before it puts it on 5 and c on 7; 10 pages → two pads.
    expect(wanted).toEqual({ versos: ['b'], pads: 2 });
    expect(Object.fromEntries(pagesWithBlankPages(landed, 'end', none, wanted))).toEqual({ a: 3, b: 5, c: 7, end: 12 });
    // The next printing, with those blank pages, asks for the same ones.
    expect(blankPages(['a', 'b', 'c'], new Map([['a', 3], ['b', 5], ['c', 7], ['end', 12]]), 12, wanted, 4)).toEqual(wanted);
  });
});
