import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { buildEdition } from '../src/editions/edition.ts';
import { readZip } from '../src/output/epub/read-zip.ts';
import { namedDestinations } from '../src/output/pdf/destinations.ts';
import { chapterScope, scopedIds } from '../src/output/pdf/ids.ts';
import { edit, fixtureBooks, removeDir, suiteDir, tempDir } from './helpers.ts';

const run = promisify(execFile);
const editions = ['ja', 'en', 'bilingual'] as const;
/** The editions with a page-list: the bilingual edition of a vertical book prints as spreads, whose facing pages the EPUB cannot follow. */
const paged = ['ja', 'en'] as const;
const now = new Date('2025-06-01T00:00:00Z');
const sourceDateEpoch = '1735689600';

/** The small book printed and made into EPUBs in one build, as `build` does by default. */
let built: { root: string; out: string; book: NonNullable<Awaited<ReturnType<typeof build>>['book']> };

beforeAll(async () => {
  const root = await suiteDir();
  await cp(path.join(fixtureBooks, 'small'), root, { recursive: true });
  // A paragraph longer than a page, so that pages start inside it (its sentences differ, so each line is found once).
  const long = Array.from({ length: 90 }, (_, index) => `第${index + 1}文は、ページの境目を越えて続く長い段落の一部です。`).join('');
  await edit(root, 'content/ja/01-first.md', '二度目の引用です', `${long}\n\n二度目の引用です`);
  // The Japanese edition set vertically, the English one across (showing the untranslated paragraph): both ways of
  // reading a page's text.
  await edit(root, 'content/book.yaml', 'chapters:', 'writingMode: vertical\nchapters:');
  const out = await suiteDir();
  const result = await build({ root, outDir: out, editions, formats: ['pdf', 'epub'], now, sourceDateEpoch });
  expect(result.diagnostics.format(root).filter((line) => line.includes(': error:'))).toEqual([]);
  expect(result.notes).toEqual([
    "The bilingual EPUB has no page-list of printed pages: its PDF could not be printed, failed its checks, or prints as spreads (whose facing pages the EPUB's reading order cannot follow)",
  ]);
  built = { root, out, book: result.book! };
}, 120_000);

afterAll(async () => {
  await removeDir(built?.out);
  await removeDir(built?.root);
});

const epubOf = async (out: string, edition: string) => readZip(await readFile(path.join(out, 'epub', `small-book-${edition}.epub`)), (name) => /\.(xhtml|opf)$/.test(name));

/**
 * The first line of a printed page's text, after its running head: a horizontal page's second line of text; a
 * vertical page's first column from the right, its characters' boxes top to bottom (pdftotext reads such a page
 * across the columns).
 */
async function firstLineOf(pdf: string, page: number, vertical: boolean): Promise<string> {
  if (!vertical) {
    const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-']);
    return stdout.split('\n').map((line) => line.replace(/\s+/g, '')).filter((line) => line !== '')[1] ?? '';
  }
  const { stdout } = await run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']);
  const words = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
    .map((match) => ({ x: (Number(match[1]) + Number(match[3])) / 2, y: Number(match[2]), text: match[4]! }))
    // Below the running head, above the foot of an A5 page (595 pt tall).
    .filter((word) => word.y > 45 && word.y < 520);
  const right = Math.max(...words.map((word) => word.x));
  return words.filter((word) => right - word.x < 3).sort((a, b) => a.y - b.y).map((word) => word.text).join('');
}

describe.each(paged)('the %s EPUB built with its PDF', (edition) => {
  it('lists the printed pages in its nav, each where the page starts, with the metadata saying so', async () => {
    const files = await epubOf(built.out, edition);
    const nav = files.get('OEBPS/toc.xhtml')!.toString('utf8');
    const pageList = /<nav epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? '';
    const entries = [...pageList.matchAll(/<a href="([^"#]+)#(page-(\d+))">(\d+)<\/a>/g)].map((match) => ({ file: match[1]!, id: match[2]!, page: Number(match[3]), label: Number(match[4]) }));
    expect(entries.length).toBeGreaterThan(4);
    expect(entries[0]).toEqual({ file: 'title.xhtml', id: 'page-1', page: 1, label: 1 });
    expect(entries.map((entry) => entry.page)).toEqual([...entries.map((entry) => entry.page)].sort((a, b) => a - b));
    for (const entry of entries) {
      const target = files.get(`OEBPS/${entry.file}`)!.toString('utf8');
      expect(target).toContain(`<span epub:type="pagebreak" role="doc-pagebreak" id="${entry.id}" aria-label="${entry.label}"></span>`);
    }
    const opf = files.get('OEBPS/content.opf')!.toString('utf8');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
    expect(opf).toMatch(new RegExp(`<dc:source id="print-source">[^<]*small-book-${edition}\\.pdf[^<]*</dc:source>\\s*<meta refines="#print-source" property="source-of">pagination</meta>`));
  });

  it('puts before each heading the page the PDF prints it on', async () => {
    const files = await epubOf(built.out, edition);
    const pages = await namedDestinations(path.join(built.out, 'pdf', `small-book-${edition}.pdf`));
    const chapters = buildEdition(built.book, edition).chapters;
    let compared = 0;
    for (const [index, chapter] of chapters.entries()) {
      const xhtml = files.get(`OEBPS/${chapter.output}.xhtml`)!.toString('utf8');
      // The PDF names each heading by its id scoped to the chapter (output/pdf/ids.ts).
      const scoped = scopedIds(chapter.body, chapterScope(index));
      for (const match of xhtml.matchAll(/<h[1-6][^>]* id="([^"]+)"/g)) {
        const printed = pages.get(scoped.get(match[1]!)!);
        // The contents link to every chapter title and section, so each has a destination of its own; in vertical
        // writing a heading nothing else links to (the notes') starts at a span inside it, which has the destination.
        if (printed === undefined && edition === 'ja') continue;
        expect(printed, match[1]).toBeDefined();
        const before = [...xhtml.slice(0, match.index).matchAll(/aria-label="(\d+)"><\/span>/g)].at(-1)?.[1];
        expect({ heading: match[1], page: before === undefined ? undefined : Number(before) }).toEqual({ heading: match[1], page: printed });
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('starts a page inside the paragraph it continues, where the text of the PDF page starts', async () => {
    const xhtml = (await epubOf(built.out, edition)).get('OEBPS/01-first.xhtml')!.toString('utf8');
    const pdf = path.join(built.out, 'pdf', `small-book-${edition}.pdf`);
    const inside = [...xhtml.matchAll(/[^>\s]<span epub:type="pagebreak" role="doc-pagebreak" id="page-(\d+)" aria-label="\d+"><\/span>/g)];
    expect(inside.length).toBeGreaterThan(0);
    for (const match of inside) {
      const page = match[1]!;
      const after = xhtml.slice(match.index + match[0].length).replace(/<[^>]*>|\s+/g, '');
      expect(after.slice(0, 12), `page ${page}`).toBe((await firstLineOf(pdf, Number(page), edition === 'ja')).slice(0, 12));
    }
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const { stdout, stderr } = await run('java', ['-jar', '/usr/share/java/epubcheck.jar', path.join(built.out, 'epub', `small-book-${edition}.epub`)], { maxBuffer: 16 << 20 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${stdout}\n${stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
  });
});

describe('an EPUB built without its PDF', () => {
  it('has no page-list, and the build says why', async () => {
    const out = await tempDir();
    const result = await build({ root: built.root, outDir: out, editions: ['ja'], formats: ['epub'], now, sourceDateEpoch });
    expect(result.notes).toEqual(['The ja EPUB has no page-list of printed pages: no PDF was printed in this build (build the pdf format with it)']);
    const files = await epubOf(out, 'ja');
    expect(files.get('OEBPS/toc.xhtml')!.toString('utf8')).not.toContain('page-list');
    expect(files.get('OEBPS/01-first.xhtml')!.toString('utf8')).not.toContain('pagebreak');
    expect(files.get('OEBPS/content.opf')!.toString('utf8')).not.toContain('pageBreakMarkers');
  });
});
