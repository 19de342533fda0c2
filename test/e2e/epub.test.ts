import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { removeDir, repoRoot, suiteDir } from '../helpers.ts';

const run = promisify(execFile);
const facts = JSON.parse(await readFile(path.join(repoRoot, 'test/fixtures/facts.json'), 'utf8')) as Record<'ja' | 'en', Record<string, string>>;
const editions = ['ja', 'en', 'bilingual'] as const;
const epochSeconds = 1_735_689_600; // 2025-01-01T00:00:00Z

let dirs: string[] = [];
const epubs = new Map<string, { bytes: Buffer; zip: JSZip; file: string }>();
const epubPath = (dir: string, edition: string) => path.join(dir, 'epub', `soc-analyst-career-guide-${edition}.epub`);

/** Builds the real book's EPUBs with a fixed SOURCE_DATE_EPOCH and time zone. */
async function buildEpubs(tz: string): Promise<string> {
  const dir = await suiteDir('bilingual-book-epub-');
  dirs.push(dir);
  // The time zone is Node's own (its dates read TZ), not an option of ours.
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    const result = await build({ root: repoRoot, outDir: dir, formats: ['epub'], sourceDateEpoch: String(epochSeconds) });
    expect(result.diagnostics.format(repoRoot).filter((line) => line.includes(': error:'))).toEqual([]);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
  return dir;
}

beforeAll(async () => {
  const dir = await buildEpubs('Asia/Tokyo');
  for (const edition of editions) {
    const file = epubPath(dir, edition);
    const bytes = await readFile(file);
    epubs.set(edition, { bytes, zip: await JSZip.loadAsync(bytes), file });
  }
});

afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
  dirs = [];
});

const text = (edition: string, entry: string) => epubs.get(edition)!.zip.file(`OEBPS/${entry}`)!.async('string');
const tree = async (edition: string, entry: string): Promise<Root> => fromHtml(await text(edition, entry));

describe.each(editions)('the %s EPUB', (edition) => {
  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const { stdout, stderr } = await run('java', ['-jar', '/usr/bin/epubcheck', epubs.get(edition)!.file], { maxBuffer: 16 << 20 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${stdout}\n${stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
  });

  it('starts with `mimetype`, stored', () => {
    const { bytes } = epubs.get(edition)!;
    expect(bytes.toString('latin1', 30, 38)).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0);
    expect(bytes.toString('latin1', 38, 58)).toBe('application/epub+zip');
  });

  it('declares its languages, a stable identifier, the sponsor and accessibility metadata', async () => {
    const opf = await text(edition, 'content.opf');
    const langs = edition === 'bilingual' ? ['ja', 'en'] : [edition];
    expect([...opf.matchAll(/<dc:language>(\w+)<\/dc:language>/g)].map((match) => match[1])).toEqual(langs);
    expect(opf).toContain(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${langs[0]}"`);
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
    expect(opf).toContain('<meta property="dcterms:modified">2025-01-01T00:00:00Z</meta>');
    expect(opf).toContain('<spine toc="ncx" page-progression-direction="ltr">');
    expect(opf).toMatch(/<dc:contributor id="sponsor-0" xml:lang="\w+">(株式会社アウトソーシングテクノロジー|Outsourcing Technology Inc\.)<\/dc:contributor>\s*<meta refines="#sponsor-0" property="role" scheme="marc:relators">spn<\/meta>/);
    expect(opf).toMatch(/<dc:publisher xml:lang="\w+">Zenken(株式会社| Corporation)<\/dc:publisher>/);
    for (const property of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary']) {
      expect(opf).toContain(`<meta property="schema:${property}">`);
    }
    expect(opf).toContain('properties="cover-image"');
  });

  it('has a nav document with the chapters and their sections, landmarks, and an NCX nested alike', async () => {
    const nav = await tree(edition, 'toc.xhtml');
    expect(selectAll('nav#toc > ol > li', nav)).toHaveLength(12);
    const sections = selectAll('nav#toc > ol > li > ol > li', nav);
    expect(sections.length).toBeGreaterThanOrEqual(15);
    expect(selectAll('nav#toc > ol > li > ol > li > ol > li', nav)).toHaveLength(3);
    // Each section links to its heading in its chapter's file, and the notes' headings are no sections.
    for (const item of sections) expect(String(select('a', item)!.properties.href)).toMatch(/^[\w-]+\.xhtml#(ja|en)-/);
    expect(toString(nav)).not.toMatch(/^注$|Notes/m);
    expect(selectAll('nav#landmarks a', nav).map((a) => String(a.properties['epub:type'] ?? a.properties.epubType ?? ''))).toHaveLength(4);
    const ncx = await text(edition, 'toc.ncx');
    expect(ncx.match(/<navPoint /g)).toHaveLength(selectAll('nav#toc li', nav).length);
    expect(ncx).toContain('<meta name="dtb:depth" content="3"/>');
    expect([...ncx.matchAll(/playOrder="(\d+)"/g)].map((match) => Number(match[1]))).toEqual(selectAll('nav#toc li', nav).map((_, index) => index + 1));
  });

  it('opens every chapter and the sources with the disclosure, at the size of body text', async () => {
    const opf = await text(edition, 'content.opf');
    const pages = [...opf.matchAll(/href="([^"]+\.xhtml)"/g)].map((match) => match[1]!).filter((page) => !['cover.xhtml', 'toc.xhtml', 'title.xhtml', 'colophon.xhtml'].includes(page));
    expect(pages).toHaveLength(11);
    const sponsor = edition === 'en' ? 'Outsourcing Technology Inc.' : '株式会社アウトソーシングテクノロジー';
    for (const page of pages) {
      const body = select('body', await tree(edition, page))!;
      const first = body.children.find((child) => child.type === 'element')!;
      expect(first.type === 'element' && first.properties.className, page).toEqual(['disclosure']);
      expect(toString(first), page).toContain(sponsor);
    }
    const css = await text(edition, 'style.css');
    expect(css).toMatch(/\.disclosure \{[^}]*font-size: 1em;/);
    expect(css).not.toMatch(/\.disclosure p \{[^}]*font-size/);
  });

  it('files its title and creators under their readings', async () => {
    const opf = await text(edition, 'content.opf');
    if (edition !== 'en') {
      expect(opf).toContain('<meta refines="#title-0" property="file-as">エスオーシーアナリストトイウシゴト</meta>');
      expect(opf).toContain('<meta refines="#creator-0" property="file-as">ガドマガヘンシュウチーム</meta>');
    }
    if (edition !== 'ja') expect(opf).toMatch(/<meta refines="#creator-\d" property="file-as">Gadmaga editorial team, the<\/meta>/);
  });

  it('claims EPUB Accessibility 1.1 at WCAG 2.2 AA, certified by its publisher', async () => {
    const opf = await text(edition, 'content.opf');
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>');
    expect(opf).toMatch(/<meta property="a11y:certifiedBy">Zenken(株式会社| Corporation)<\/meta>/);
  });

  it('puts the disclosure on the cover, the title page and the colophon', async () => {
    const expected = edition === 'en' ? ['Sponsored', 'Outsourcing Technology Inc.'] : ['PR', '株式会社アウトソーシングテクノロジー'];
    const opf = await text(edition, 'content.opf');
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => match[1]);
    expect(spine.slice(0, 2)).toEqual(['cover-page', 'title-page']);
    const cover = select('img', await tree(edition, 'cover.xhtml'))!;
    for (const page of ['title.xhtml', 'colophon.xhtml']) {
      const content = toString(await tree(edition, page));
      for (const part of expected) expect(content, page).toContain(part);
    }
    for (const part of expected) expect(String(cover.properties.alt)).toContain(part);
    const colophon = toString(await tree(edition, 'colophon.xhtml'));
    for (const part of edition === 'en' ? ['Zenken Corporation', 'English edition', 'December 1, 2026'] : ['Zenken株式会社', '2026年12月1日']) {
      expect(colophon).toContain(part);
    }
  });

  it('marks note calls and notes the way e-readers pop them up', async () => {
    const salary = await tree(edition, '02-salary.xhtml');
    const calls = selectAll('a.noteref', salary);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      expect(call.properties.role).toBe('doc-noteref');
      expect(call.properties['epub:type']).toBe('noteref');
      expect(selectAll('sup', call)).toHaveLength(0);
    }
    const notes = selectAll('aside.note', salary);
    expect(notes.length).toBe(edition === 'bilingual' ? 4 : 2);
    for (const note of notes) {
      expect(note.properties.role).toBe('doc-footnote');
      expect(note.properties['epub:type']).toBe('footnote');
      expect(select('a[role=doc-backlink]', note)).toBeTruthy();
    }
    const all = toString(salary);
    if (edition !== 'en') expect(all).toContain('2024年9月17日調査時点');
    if (edition !== 'ja') expect(all).toContain('accessed September 17, 2024');
    const idn = selectAll('a.source-url', salary).find((a) => toString(a).includes('求人ボックス'))!;
    expect(String(idn.properties.href)).toMatch(/^https:\/\/xn--/);
  });

  it('carries every fact of the book', async () => {
    const opf = await text(edition, 'content.opf');
    const files = [...opf.matchAll(/href="([^"]+\.xhtml)"/g)].map((match) => match[1]!);
    const all = (await Promise.all(files.map(async (file) => toString(await tree(edition, file))))).join('').replace(/\s+/g, '');
    for (const lang of edition === 'bilingual' ? (['ja', 'en'] as const) : [edition]) {
      for (const [name, pattern] of Object.entries(facts[lang])) {
        if (name !== '_') expect(all, name).toMatch(new RegExp(pattern));
      }
    }
  });
});

describe('EPUB builds', () => {
  it('tag every block of the bilingual edition with its language', async () => {
    const chapter = await text('bilingual', '03-work.xhtml');
    const pairs = selectAll('.pair', fromHtml(chapter));
    expect(pairs.length).toBeGreaterThan(5);
    expect(chapter.match(/<div class="ja" lang="ja" xml:lang="ja">/g)).toHaveLength(pairs.length);
    expect(chapter.match(/<div class="en" lang="en" xml:lang="en">/g)).toHaveLength(pairs.length);
  });

  it('use reader-friendly CSS: no pixel font sizes, no forced font', async () => {
    const css = await text('ja', 'style.css');
    expect(css).not.toMatch(/font-size:\s*[\d.]+px/);
    for (const match of css.matchAll(/font-family:\s*([^;]+);/g)) expect(match[1]!.trim()).toMatch(/^(serif|sans-serif)$/);
  });

  it('are byte-identical across builds with the same SOURCE_DATE_EPOCH, whatever the time zone', async () => {
    const again = await buildEpubs('America/Los_Angeles');
    for (const edition of editions) {
      expect((await readFile(epubPath(again, edition))).equals(epubs.get(edition)!.bytes), edition).toBe(true);
    }
  });

  it('carry the book folder’s images, named by content, and stay valid', async () => {
    const root = await suiteDir('bilingual-book-images-');
    dirs.push(root);
    const { cp } = await import('node:fs/promises');
    await cp(path.join(repoRoot, 'test/fixtures/books/small'), root, { recursive: true });
    const result = await build({ root, outDir: path.join(root, 'dist') });
    expect(result.ok).toBe(true);
    const file = path.join(root, 'dist/epub/small-book-bilingual.epub');
    const zip = await JSZip.loadAsync(await readFile(file));
    expect(Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/images/'))).toEqual(['OEBPS/images/bc655f54f8a6c99c.png']);
    expect(await zip.file('OEBPS/02-second.xhtml')!.async('string')).toContain('<img src="images/bc655f54f8a6c99c.png" alt="構成図" />');
    const { stdout } = await run('java', ['-jar', '/usr/bin/epubcheck', file]);
    expect(stdout).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    expect(result.written.site).toContain('ja/images/bc655f54f8a6c99c.png');
  });

  it('pass Ace by DAISY with no violations', async () => {
    const reports = await Promise.all(
      editions.map(async (edition) => {
        const out = await suiteDir('bilingual-book-ace-');
        dirs.push(out);
        await run(path.join(repoRoot, 'node_modules/.bin/ace-cli'), ['-s', '-o', out, epubs.get(edition)!.file], { maxBuffer: 64 << 20 });
        const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
          'earl:result': { 'earl:outcome': string };
          assertions: Array<{ assertions: Array<{ 'earl:test': { 'dct:title': string } }> }>;
        };
        const violations = report.assertions.flatMap((item) => item.assertions.map((assertion) => assertion['earl:test']['dct:title']));
        return { edition, outcome: report['earl:result']['earl:outcome'], violations };
      }),
    );
    expect(reports).toEqual(editions.map((edition) => ({ edition, outcome: 'pass', violations: [] })));
  });
});
