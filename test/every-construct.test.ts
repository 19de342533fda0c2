import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { entryFacts } from '../src/output/epub/entry-facts.ts';
import { listFiles } from '../src/output/site/verify.ts';
import { fixtureBooks, removeDir, repoRoot, suiteDir } from './helpers.ts';

/** A book using every CommonMark and GFM construct (and allowed raw HTML): each must give valid output. */
const run = promisify(execFile);
/** A copy of the fixture book: a build writes its cache into the book folder, never into the repository. */
let root = path.join(fixtureBooks, 'every-construct');
const editions = ['ja', 'en', 'bilingual'] as const;
let dir: string | undefined;
let messages: string[] = [];

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-every-construct-');
  const copy = path.join(dir, 'book');
  await cp(root, copy, { recursive: true });
  root = copy;
  const result = await build({ root, outDir: dir, formats: ['site', 'epub', 'pdf'], sourceDateEpoch: '1735689600' });
  messages = result.diagnostics.format(root);
});

afterAll(() => removeDir(dir));

const epubFile = (edition: string) => path.join(dir!, 'epub', `every-construct-${edition}.epub`);

it('builds with no errors or warnings', () => {
  expect(messages).toEqual([]);
});

describe.each(editions)('the %s EPUB', (edition) => {
  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const { stdout, stderr } = await run('java', ['-jar', '/usr/bin/epubcheck', epubFile(edition)], { maxBuffer: 16 << 20 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${stdout}\n${stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
  });

  it('keeps every construct: aligned cells as classes, task boxes, footnotes, the referenced image, raw HTML', async () => {
    const zip = await JSZip.loadAsync(await readFile(epubFile(edition)));
    const chapter = await zip.file('OEBPS/01-constructs.xhtml')!.async('string');
    expect(chapter).toContain('<th class="align-center">');
    expect(chapter).toContain('<td class="align-right">');
    expect(chapter).not.toMatch(/\salign=/);
    expect(chapter).toContain('<span class="task-marker">☑</span>');
    expect(chapter).toContain('<span class="task-marker">☐</span>');
    expect(chapter).toMatch(/<img src="images\/[0-9a-f]{16}\.png" alt="[^"]+" title="[^"]+"/);
    expect(chapter).toContain('<kbd>Ctrl</kbd>');
    // Raw HTML from the allow-list is kept: links, images (renamed like Markdown's), tables, details, figures.
    expect(chapter).toContain('<a href="https://example.com/raw" title=');
    expect(chapter).toMatch(/<figure>\s*<img src="images\/[0-9a-f]{16}\.png" alt="[^"]+" \/>\s*<figcaption>/);
    expect(chapter).toMatch(/<details>\s*<summary>/);
    // A disclosure whose Markdown body stands between blank lines is whole, its raw link to a heading resolved.
    expect(chapter).toMatch(/<details>\s*<summary>Markdown (?:の中身|inside)<\/summary>\s*<p>[\s\S]*?<a href="#(?:ja-表|en-table)">[\s\S]*?<\/p>\s*<ul>[\s\S]*?<\/ul>\s*<\/details>/);
    expect(chapter).toContain('<th class="align-right">2024</th>');
    expect(chapter).toContain('<ruby>');
    expect(chapter).toContain('<code class="language-js">');
    expect(chapter).toMatch(/<ol start="3"/);
    expect(chapter).toMatch(/<del>/);
    // Code blocks stay where they were written, before the quote that follows them.
    expect(chapter.indexOf('<pre><code class="language-js">')).toBeGreaterThan(0);
    expect(chapter.indexOf('<pre><code class="language-js">')).toBeLessThan(chapter.indexOf('<blockquote>'));
    expect(chapter).not.toContain('data-block');
  });
});

it('passes the Nu Html Checker with no errors on every page and stylesheet', async () => {
  const site = path.join(dir!, 'site');
  const jar = path.join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const files = (await listFiles(site)).filter((file) => /\.(html|css)$/.test(file)).map((file) => path.join(site, file));
  const { stderr } = await run('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--exit-zero-always', ...files], { maxBuffer: 64 << 20 });
  const found = (JSON.parse(stderr) as { messages: Array<{ type: string; url: string; message: string; lastLine?: number }> }).messages;
  expect(found.filter((message) => message.type === 'error').map((error) => `${path.relative(site, new URL(error.url).pathname)}:${error.lastLine}: ${error.message}`)).toEqual([]);
});

it.each(editions)('prints the %s PDF with every block in place', async (edition) => {
  const { stdout } = await run('pdftotext', ['-layout', path.join(dir!, 'pdf', `every-construct-${edition}.pdf`), '-']);
  const text = stdout.replace(/\s+/g, ' ');
  const code = text.indexOf('const answer = 42;');
  expect(code).toBeGreaterThan(0);
  expect(code).toBeLessThan(text.indexOf(edition === 'ja' ? '引用の中の段落' : 'A paragraph in a quote'));
});

it('fits images to their column in the site, EPUB and PDF stylesheets', async () => {
  const rule = /(^|\n)img \{ max-width: 100%; height: auto;/;
  expect(await readFile(path.join(dir!, 'site/assets/style.css'), 'utf8')).toMatch(rule);
  const zip = await JSZip.loadAsync(await readFile(epubFile('ja')));
  expect(await zip.file('OEBPS/style.css')!.async('string')).toMatch(rule);
  expect(await readFile(path.join(repoRoot, 'templates/pdf/book.css'), 'utf8')).toMatch(rule);
});

it('ends a bare URL where Japanese text follows it without a space', async () => {
  const page = await readFile(path.join(dir!, 'site/ja/01-constructs.html'), 'utf8');
  expect(page).toContain('<a href="http://www.example.net">www.example.net</a>、メール');
  expect(page).toContain('<a href="https://example.org/jp">https://example.org/jp</a>、と');
});

it('keeps an image in the chapter title out of the contents, navigation and <title>', async () => {
  for (const [edition, title] of [['ja', 'すべての構文'], ['en', 'Every construct'], ['bilingual', 'すべての構文 / Every construct']] as const) {
    const page = await readFile(path.join(dir!, 'site', edition, '01-constructs.html'), 'utf8');
    expect(page).toContain(`<title>${title} | `);
    expect(await readFile(path.join(dir!, 'site', edition, 'index.html'), 'utf8')).not.toMatch(/Logo|ロゴ/);
    const zip = await JSZip.loadAsync(await readFile(epubFile(edition)));
    for (const entry of ['OEBPS/toc.xhtml', 'OEBPS/toc.ncx', 'OEBPS/content.opf']) expect(await zip.file(entry)!.async('string'), entry).not.toMatch(/Logo|ロゴ|&lt;img/);
  }
});

describe("the build's own EPUB check", () => {
  const page = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>${body}</body></html>`;

  it('refuses what EPUBCheck refuses in our markup', () => {
    const facts = entryFacts(
      'OEBPS/page.xhtml',
      page('<table><tr><td align="center">1</td></tr></table><img alt="x"/><p id="a"></p><p id="a"></p><a href="http://www.example.net%E3%80%81">x</a><center>c</center>'),
      { keepText: false },
    );
    expect(facts.invalid).toEqual([
      '<td align> is not allowed in EPUB 3',
      '<img> has no `src`',
      'id `a` is used twice',
      'link `http://www.example.net%E3%80%81` has a host that cannot be parsed',
      '<center> is not allowed in EPUB 3',
    ]);
  });

  it('finds nothing in the every-construct book', async () => {
    for (const edition of editions) {
      const zip = await JSZip.loadAsync(await readFile(epubFile(edition)));
      for (const [name, entry] of Object.entries(zip.files)) {
        if (!name.endsWith('.xhtml')) continue;
        expect(entryFacts(name, await entry.async('string'), { keepText: false }).invalid, `${edition} ${name}`).toBeUndefined();
      }
    }
  });
});
