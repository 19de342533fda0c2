import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../src/content/book.ts';
import { loadBook } from '../../src/load-book.ts';
import type { EditionName, Lang } from '../../src/config/schema.ts';
import { buildDate } from '../../src/config/source-date-epoch.ts';
import { buildEdition, chapterTitle, type Edition } from '../../src/editions/edition.ts';
import { disclosureParts } from '../../src/editions/matter.ts';
import { renderPdf } from '../../src/output/pdf/render.ts';
import { PdfRenderError } from '../../src/output/pdf/error.ts';
import { pageGeometry } from '../../src/output/pdf/geometry.ts';
import { verifyPdf } from '../../src/output/pdf/verify.ts';
import { removeDir, repoRoot, suiteDir, tempDir } from '../helpers.ts';

const run = promisify(execFile);
const tool = async (command: string, ...args: string[]) => (await run(command, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
const facts = JSON.parse(await readFile(path.join(repoRoot, 'test/fixtures/facts.json'), 'utf8')) as Record<Lang, Record<string, string>>;
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** 2025-01-01T00:00:00Z: not the book's date, so the test sees the variable win. */
const epoch = '1735689600';

let outDir: string;
let book: Book;
let editions: Edition[];
let written: string[];
let printSeconds: number;

beforeAll(async () => {
  outDir = await suiteDir('bilingual-book-pdf-');
  const loaded = await loadBook({ root: repoRoot });
  book = loaded.book!;
  editions = (['ja', 'en', 'bilingual'] as const).map((name) => buildEdition(book, name, buildDate(book.config.meta, epoch)));
  const started = Date.now();
  written = await renderPdf({ editions, outDir });
  printSeconds = (Date.now() - started) / 1000;
});

afterAll(async () => {
  await removeDir(outDir);
});

const file = (edition: EditionName) => path.join(outDir, `soc-analyst-career-guide-${edition}.pdf`);
const edition = (name: EditionName) => editions.find((candidate) => candidate.name === name)!;

/** Each page's text as `pdftotext -layout` sets it out (pages end with a form feed). */
async function layoutPages(name: EditionName): Promise<string[]> {
  return (await tool('pdftotext', '-layout', file(name), '-')).split('\f').slice(0, -1);
}

/** The bookmarks Chromium made from the headings, with the page each opens. */
interface Bookmark {
  title: string;
  page: number;
  kids: Bookmark[];
}
async function outline(name: EditionName): Promise<Bookmark[]> {
  type Item = { title: string; destpageposfrom1: number; kids: Item[] };
  const json = JSON.parse(await tool('qpdf', '--json', '--json-key=outlines', file(name))) as { outlines: Item[] };
  const convert = (item: Item): Bookmark => ({ title: item.title, page: item.destpageposfrom1, kids: item.kids.map(convert) });
  return json.outlines.map(convert);
}

describe('the real book as PDF', () => {
  it('writes one PDF per edition, named after the book, within a reasonable time', () => {
    expect(written).toEqual(['soc-analyst-career-guide-ja.pdf', 'soc-analyst-career-guide-en.pdf', 'soc-analyst-career-guide-bilingual.pdf']);
    expect(printSeconds).toBeLessThan(60);
  });

  it('passes its own output check: the disclosure on every page, every contents entry on its page', async () => {
    expect(await verifyPdf({ editions, dir: outDir })).toEqual([]);
  });

  describe.each([
    ['ja', /^Page size:\s+420 x 594\.96 pts \(A5\)$/m],
    ['en', /^Page size:\s+420 x 594\.96 pts \(A5\)$/m],
    ['bilingual', /^Page size:\s+516 x 729\.12 pts$/m],
  ] as const)('the %s edition', (name, pageSize) => {
    it('is printed on its page size (A5, or JIS B5 for the bilingual edition), tagged, with its language', async () => {
      const info = await tool('pdfinfo', file(name));
      expect(info).toMatch(pageSize);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThan(15);
      const bytes = (await readFile(file(name))).toString('latin1');
      expect(bytes).toContain(`/Lang (${edition(name).lang})`);
      expect(bytes).toContain('/StructTreeRoot');
    });

    it('spaces Japanese and Latin letters or digits apart by an eighth of an em, as ja.css says (text-autospace), widened only by justification', async () => {
      if (name === 'en') return;
      const words = [...(await tool('pdftotext', '-bbox', file(name), '-')).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .map(([, xMin, yMin, xMax, yMax, text]) => ({ xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), height: Number(yMax) - Number(yMin), text: text! }));
      const size = pageGeometry(edition(name)).fontSize;
      // Body text: a Latin word and a Japanese one next to each other on a line, set at the body size (poppler's box is 1.447 em high).
      const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
      const gaps = words.slice(1).flatMap((word, index) => {
        const before = words[index]!;
        const meets = (/[A-Za-z0-9]$/.test(before.text) && japanese.test(word.text[0]!)) || (japanese.test(before.text.at(-1)!) && /^[A-Za-z0-9]/.test(word.text));
        return meets && Math.abs(word.yMin - before.yMin) < 0.1 && Math.abs(before.height / 1.447 - size) < 0.1 ? [word.xMin - before.xMax] : [];
      });
      expect(gaps.length).toBeGreaterThan(10);
      expect(Math.min(...gaps)).toBeCloseTo(size / 8, 1);
      // Lines set flush (the contents, a paragraph's last line) show exactly the eighth.
      expect(gaps.filter((gap) => Math.abs(gap - size / 8) < 0.03).length).toBeGreaterThan(5);
    });

    it('embeds every font, on every page, as a CID subset, with no Type 3 font', async () => {
      const rows = (await tool('pdffonts', file(name))).split('\n').slice(2).filter((row) => row.trim() !== '');
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      }
    });

    it('carries the document information in the edition’s language, dated from SOURCE_DATE_EPOCH', async () => {
      const info = await tool('pdfinfo', '-isodates', file(name));
      const { meta } = book.config;
      const langs = edition(name).langs;
      const lang = edition(name).lang;
      expect(info).toContain(`Title:           ${langs.map((l) => meta.title[l]).join(' / ')}\n`);
      expect(info).toContain(`Author:          ${book.t[lang]('cover.byline', { publisher: meta.publisher[lang], editor: meta.editor![lang] })}\n`);
      expect(info).toContain(`Subject:         ${meta.description[lang]}\n`);
      expect(info).toContain(`Keywords:        ${langs.flatMap((l) => meta.subjects[l]).join(', ')}\n`);
      expect(info).toContain('Creator:         bilingual-book\n');
      expect(info).toContain('CreationDate:    2025-01-01T00:00:00Z\n');
      expect(info).toContain('ModDate:         2025-01-01T00:00:00Z\n');
    });

    it('prints the sponsor disclosure on every page, in each language of the edition', async () => {
      const pages = await layoutPages(name);
      for (const [index, page] of pages.entries()) {
        for (const lang of edition(name).langs) {
          const { label, text } = disclosureParts(edition(name), lang);
          expect(squeeze(page), `page ${index + 1}`).toContain(squeeze(`${label} ${text}`));
        }
      }
    });

    it('bookmarks every chapter and its sections, and starts each chapter on a new page at the top', async () => {
      const pages = await layoutPages(name);
      const bookmarks = await outline(name);
      for (const chapter of edition(name).chapters) {
        const title = chapter.titles[edition(name).lang]!;
        const mark = bookmarks.find((item) => item.title.startsWith(title));
        expect(mark, title).toBeDefined();
        // The title (perhaps on two lines) at the top: no running head on the opening page, nothing of the chapter before it.
        const lines = (page: number) => (pages[page - 1] ?? '').split('\n').filter((line) => line.trim() !== '').map(squeeze);
        const top = lines(mark!.page).slice(0, 2).join('');
        expect(top.startsWith(squeeze(title)), `${title} on page ${mark!.page}: ${top}`).toBe(true);
        expect(top.slice(squeeze(title).length).includes(squeeze(title)), `${title}: a running head on its opening page ${mark!.page}`).toBe(false);
        // The chapter's next right-hand page, when it has one, carries the title as its running head.
        const next = bookmarks.find((item) => item.page > mark!.page);
        if (next && next.page > mark!.page + 2) expect(lines(mark!.page + 2)[0], `${title}: page ${mark!.page + 2}`).toBe(squeeze(chapterTitle(chapter, edition(name))));
      }
      const sections = bookmarks.flatMap((item) => item.kids.map((kid) => kid.title));
      expect(sections.some((title) => title.startsWith(name === 'en' ? 'Skills' : '求められるスキル'))).toBe(true);
    });

    it('numbers the contents with the pages the bookmarks open', async () => {
      const pages = await layoutPages(name);
      const bookmarks = await outline(name);
      const ownLang = edition(name).lang;
      const contentsText = pages.slice(1, 4).join('\n');
      for (const chapter of edition(name).chapters) {
        const title = chapter.titles[ownLang]!;
        const line = contentsText.split('\n').find((row) => squeeze(row).startsWith(squeeze(title)) && /\d+\s*$/.test(row));
        expect(line, title).toBeDefined();
        const printed = Number(/(\d+)\s*$/.exec(line!)?.[1]);
        expect(printed, title).toBe(bookmarks.find((item) => item.title.startsWith(title))!.page);
      }
    });

    it('runs the chapter’s title as the head of right-hand pages but its opening one, the book’s on left-hand ones, and numbers the pages at the foot', async () => {
      const pages = await layoutPages(name);
      const bookmarks = await outline(name);
      const starts = edition(name).chapters.map((chapter) => bookmarks.find((item) => item.title.startsWith(chapter.titles[edition(name).lang]!))!.page);
      const bookTitle = edition(name).langs.map((lang) => book.config.meta.title[lang]).join(' / ');
      for (const [index, chapter] of edition(name).chapters.entries()) {
        const end = starts[index + 1] ?? starts[index]! + 1;
        for (let page = starts[index]!; page < end; page++) {
          const lines = pages[page - 1]!.split('\n').filter((line) => line.trim() !== '');
          // A blank left-hand page before the next chapter carries the disclosure only.
          if (squeeze(lines.join('')) === edition(name).langs.map((lang) => squeeze(Object.values(disclosureParts(edition(name), lang)).join(''))).join('')) continue;
          // The opening page has the title itself at its top, and no running head (the test above).
          if (page !== starts[index]) expect(squeeze(lines[0]!), `page ${page}`).toBe(squeeze(page % 2 === 1 ? chapterTitle(chapter, edition(name)) : bookTitle));
          expect(lines.slice(-4).join(' ').split(/\s+/), `page ${page}`).toContain(String(page));
        }
      }
    });

    it('prints the notes with their full dated reference and address, a sources section and a colophon', async () => {
      // The order the text was printed in: read by position, the bilingual edition's columns would cut an address.
      const text = squeeze(await tool('pdftotext', '-raw', file(name), '-'));
      const lang = edition(name).lang;
      const t = book.t[lang];
      for (const url of ['https://shigoto.mhlw.go.jp/User/Occupation/Detail/321', 'https://求人ボックス.com/セキュリティエンジニアの年収・時給']) {
        expect(text.split(url).length - 1, url).toBeGreaterThanOrEqual(2 * edition(name).langs.length);
      }
      expect(text).toContain(lang === 'ja' ? '2024年9月17日調査時点' : 'accessedSeptember17,2024');
      for (const key of ['sources.heading', 'colophon.heading', 'colophon.publisher', 'colophon.sponsor', 'colophon.edition', 'colophon.date']) {
        expect(text).toContain(squeeze(t(key)));
      }
      expect(text).toContain(squeeze(`${book.config.meta.title[lang]} ${t(`edition.${name}`)}`));
    });

    it('links the contents and the note calls to their targets', async () => {
      const dests = (await tool('pdfinfo', '-dests', file(name))).split('\n').slice(1).filter((line) => line.trim() !== '');
      type Annotation = { '/Subtype'?: string; '/Dest'?: string; '/A'?: { '/URI'?: string } };
      const json = JSON.parse(await tool('qpdf', '--json', '--json-key=qpdf', file(name))) as { qpdf: [unknown, Record<string, { value?: Annotation }>] };
      const links = Object.values(json.qpdf[1]).flatMap((object) => (object.value?.['/Subtype'] === '/Link' ? [object.value] : []));
      const internal = links.flatMap((link) => (typeof link['/Dest'] === 'string' ? [link['/Dest'].replace(/^\//, '')] : []));
      const named = new Set(dests.map((line) => /"(.*)"\s*$/.exec(line)?.[1]));
      expect(internal.length).toBeGreaterThan(30);
      for (const target of internal) expect(named.has(target), target).toBe(true);
      expect(links.some((link) => link['/A']?.['/URI'] === 'u:https://shigoto.mhlw.go.jp/User/Occupation/Detail/321')).toBe(true);
    });
  });

  describe.each([
    ['ja', 'ja'],
    ['en', 'en'],
    ['bilingual', 'ja'],
    ['bilingual', 'en'],
  ] as const)('the %s PDF carries every %s fact in its text layer', (name, lang) => {
    let text: string;
    beforeAll(async () => {
      text = squeeze(await tool('pdftotext', '-raw', file(name), '-'));
    });
    it.each(Object.entries(facts[lang]).filter(([key]) => key !== '_'))('%s', (_key, pattern) => {
      expect(text).toMatch(new RegExp(pattern));
    });
  });
});

describe('the PDF output check', () => {
  it('reports a page without the disclosure and contents that point at the wrong pages', async () => {
    const dir = await tempDir();
    // The Japanese PDF under the English name: no English disclosure, and English headings nowhere.
    await copyFile(file('ja'), path.join(dir, 'soc-analyst-career-guide-en.pdf'));
    const [problem] = await verifyPdf({ editions: [edition('en')], dir });
    const reasons = problem!.messages.map((message) => message.reason);
    expect(reasons[0]).toMatch(/^The en sponsor disclosure is missing from pages 1, 2, 3, .* of soc-analyst-career-guide-en\.pdf; a sponsored book must disclose it on every page$/);
    expect(reasons[1]).toBe('soc-analyst-career-guide-en.pdf has no table of contents');
    expect(problem!.messages.every((message) => message.fatal === true && message.ruleId === 'output-check')).toBe(true);
  });

  it('reports each contents entry whose page no longer holds its heading', async () => {
    const dir = await tempDir();
    // Drop page 7: every entry after it now points one page too far.
    await run('qpdf', [file('ja'), '--pages', file('ja'), '1-6,8-z', '--', path.join(dir, 'soc-analyst-career-guide-ja.pdf')]);
    const [problem] = await verifyPdf({ editions: [edition('ja')], dir });
    const reasons = problem!.messages.map((message) => message.reason);
    expect(reasons).toContain('The table of contents of soc-analyst-career-guide-ja.pdf gives page 9 for “仕事内容”, but the heading is on page 8');
    expect(reasons.some((reason) => reason.includes('“年収”') && reason.includes('no page holds that heading'))).toBe(true);
    expect(reasons.every((reason) => !reason.includes('“SOCアナリストとは”'))).toBe(true);
  });

  it('reports a PDF it cannot read', async () => {
    const dir = await tempDir();
    const [problem] = await verifyPdf({ editions: [edition('ja')], dir });
    expect(problem!.messages[0]!.reason).toMatch(/^Cannot read the text of soc-analyst-career-guide-ja\.pdf: `pdftotext -bbox-layout .*` failed: /);
  });
});

describe('PDF settings and failures', () => {
  const withPdf = (pdf: Edition['meta']['pdf'], name: EditionName): Edition => ({ ...edition(name), meta: { ...edition(name).meta, pdf } });

  it('reads the page sizes from `pdf` in book.yaml', () => {
    expect(pageGeometry(edition('ja'))).toMatchObject({ size: 'A5', width: 148, height: 210 });
    expect(pageGeometry(edition('bilingual'))).toMatchObject({ size: 'B5', width: 182, height: 257 });
    const custom = { pageSize: 'B5', bilingualPageSize: 'A4' } as const;
    expect(pageGeometry(withPdf(custom, 'en'))).toMatchObject({ size: 'B5', width: 182, height: 257 });
    expect(pageGeometry(withPdf(custom, 'bilingual'))).toMatchObject({ size: 'A4', width: 210, height: 297 });
  });

  it('says what to install when there is no Chromium', async () => {
    const failure = renderPdf({ editions: [edition('ja')], outDir: await tempDir(), browser: '/nonexistent/chromium' });
    await expect(failure).rejects.toThrow(PdfRenderError);
    await expect(failure).rejects.toThrow(
      "The PDF output needs Chromium, and there is none at /nonexistent/chromium: install Debian's with `apt-get install -y chromium`, or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome",
    );
  });

  it('gives up on a print that takes too long with a message, not a stack trace', async () => {
    const failure = renderPdf({ editions: [edition('ja')], outDir: await tempDir(), timeoutMs: 1 });
    await expect(failure).rejects.toThrow(PdfRenderError);
    await expect(failure).rejects.toThrow(/^Chromium did not finish printing the ja PDF within 0\.001 s; it may be hanging/);
  });
});
