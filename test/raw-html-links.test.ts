import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, check } from '../src/index.ts';
import { copyBook, edit, removeDir, suiteDir } from './helpers.ts';

/**
 * Issue 12, raw HTML that real Markdown uses: a raw `<a href="other.md#section">` is the Markdown link it
 * stands for, in every output and in the check; GitHub's `<details>` with a Markdown body between blank
 * lines comes out whole, and as one block of the bilingual edition.
 */
const run = promisify(execFile);
const editions = ['ja', 'en', 'bilingual'] as const;

const jaAdded = `
インラインの<a href="02-second.md">第二章</a>と<a href="02-second.md#表">表へ</a>と<a href="./02-second.md">相対</a>。

<a href="02-second.md#表">ブロックのリンク</a>

<details>
<summary>クリックして開く</summary>

**Markdown** の本文です。

- 項目一
- 項目二

\`\`\`js
const x = 1;
\`\`\`

</details>

<figure><img src="../images/diagram.png" alt="図"><figcaption>図の説明</figcaption></figure>

<table>
<tr><td>一</td><td>二</td></tr>
</table>

改行<br>と H<sub>2</sub>O と x<sup>2</sup>。
`;

const enAdded = `
Inline <a href="02-second.md">chapter two</a> and <a href="02-second.md#table">to the table</a> and <a href="./02-second.md">relative</a>.

<a href="02-second.md#table">Block link</a>

<details>
<summary>Click to expand</summary>

Some **Markdown** text.

- item one
- item two

\`\`\`js
const x = 1;
\`\`\`

</details>

<figure><img src="../images/diagram.png" alt="Figure"><figcaption>The caption</figcaption></figure>

<table>
<tr><td>one</td><td>two</td></tr>
</table>

Break<br>and H<sub>2</sub>O and x<sup>2</sup>.
`;

/** The small book, its first chapter linking the second in raw HTML, with a disclosure block in both languages. */
async function rawHtmlBook(): Promise<string> {
  const root = await copyBook('small');
  for (const [lang, added] of [['ja', jaAdded], ['en', enAdded]] as const) {
    const file = path.join(root, `content/${lang}/01-first.md`);
    await writeFile(file, `${await readFile(file, 'utf8')}${added}`);
  }
  await edit(root, 'content/ja/02-second.md', '| 項目', '## 表\n\n| 項目');
  await edit(root, 'content/en/02-second.md', '| Item', '## Table\n\n| Item');
  return root;
}

let dir: string | undefined;
let messages: string[] = [];

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-raw-html-');
  const root = await rawHtmlBook();
  const result = await build({ root, outDir: dir, formats: ['site', 'epub', 'pdf'] });
  messages = result.diagnostics.format(root);
}, 120_000);

afterAll(() => removeDir(dir));

const page = (edition: string) => readFile(path.join(dir!, 'site', edition, '01-first.html'), 'utf8');
const chapter = async (edition: string) =>
  (await JSZip.loadAsync(await readFile(path.join(dir!, 'epub', `small-book-${edition}.epub`)))).file('OEBPS/01-first.xhtml')!.async('string');
const tool = async (command: string, ...args: string[]) => (await run(command, args, { maxBuffer: 64 << 20 })).stdout;

it('builds with no errors or warnings', () => {
  expect(messages).toEqual([]);
});

describe('a raw link to another chapter', () => {
  it.each(editions)('goes to the %s edition’s page on the site, like a Markdown link', async (edition) => {
    const html = await page(edition);
    const id = edition === 'en' ? 'en-table' : 'ja-表';
    expect(html).toContain(edition === 'en' ? '<a href="02-second.html">chapter two</a>' : '<a href="02-second.html">第二章</a>');
    expect(html).toContain(`<a href="02-second.html#${id}">`);
    expect(html).toContain(edition === 'en' ? '<a href="02-second.html">relative</a>' : '<a href="02-second.html">相対</a>');
    expect(html).not.toMatch(/href="[^"]*\.md/);
  });

  it.each(editions)('goes to the chapter’s XHTML in the %s EPUB', async (edition) => {
    const xhtml = await chapter(edition);
    expect(xhtml).toContain(`<a href="02-second.xhtml#${edition === 'en' ? 'en-table' : 'ja-表'}">`);
    expect(xhtml).toContain('<a href="02-second.xhtml">');
    expect(xhtml).not.toMatch(/href="[^"]*\.(?:md|html)\b/);
  });

  it('is an internal link of the PDF, to the chapter’s title and to the heading', async () => {
    const file = path.join(dir!, 'pdf', 'small-book-ja.pdf');
    const dests = new Map(
      (await tool('pdfinfo', '-dests', file)).split('\n').flatMap((line) => {
        const match = /^\s*(\d+)\s.*"(.*)"\s*$/.exec(line);
        return match ? [[match[2]!, Number(match[1])] as const] : [];
      }),
    );
    type Annotation = { '/Subtype'?: string; '/Dest'?: string; '/A'?: { '/URI'?: string } };
    const json = JSON.parse(await tool('qpdf', '--json', '--json-key=pages', '--json-key=qpdf', file)) as {
      pages: Array<{ object: string; pageposfrom1: number }>;
      qpdf: [unknown, Record<string, { value?: { '/Annots'?: string[] } & Annotation }>];
    };
    const objects = json.qpdf[1];
    // The first chapter's pages: from its title to the second chapter's.
    const pages = json.pages.filter((entry) => entry.pageposfrom1 >= dests.get('c1-1')! && entry.pageposfrom1 < dests.get('c2-1')!);
    const links = pages.flatMap((entry) => objects[`obj:${entry.object}`]?.value?.['/Annots'] ?? []).map((ref) => objects[`obj:${ref}`]?.value ?? {});
    const targets = links.flatMap((link) => (link['/Subtype'] === '/Link' && typeof link['/Dest'] === 'string' ? [link['/Dest']] : []));
    // The second chapter's title (c2-1) twice, its `## 表` (c2-2) twice: no Markdown link of the chapter goes there.
    expect(targets.filter((target) => target === '/c2-1')).toHaveLength(2);
    expect(targets.filter((target) => target === '/c2-2')).toHaveLength(2);
    expect(links.some((link) => /\.(?:md|html)/.test(link['/A']?.['/URI'] ?? ''))).toBe(false);
  });
});

describe('a <details> block with a Markdown body', () => {
  it.each(editions)('is whole on the %s site page', async (edition) => {
    const html = await page(edition);
    const blocks = html.match(/<details>[\s\S]*?<\/details>/g) ?? [];
    expect(blocks).toHaveLength(edition === 'bilingual' ? 2 : 1);
    for (const block of blocks) {
      expect(block).toMatch(/^<details>\s*<summary>(?:クリックして開く|Click to expand)<\/summary>\s*<p>(?:<strong>Markdown<\/strong> の本文です。|Some <strong>Markdown<\/strong> text\.)<\/p>/);
      expect(block).toMatch(/<ul>\s*<li>[^<]+<\/li>\s*<li>[^<]+<\/li>\s*<\/ul>\s*<pre(?: tabindex="0")?><code class="language-js">const x = 1;\s*<\/code><\/pre>\s*<\/details>$/);
    }
    // No empty remains of the opening or closing tags, as separate blocks or rows.
    expect(html).not.toContain('<div class="raw-html"></div>');
  });

  it('is one row of the bilingual page: the Japanese block beside its translation', async () => {
    const html = await page('bilingual');
    expect(html).toMatch(/<div class="pair"><div class="ja" lang="ja"><div class="raw-html"><details>[\s\S]*?クリックして開く[\s\S]*?<\/details><\/div><\/div><div class="en" lang="en"><div class="raw-html"><details>\s*<summary>Click to expand/);
  });

  it('is printed open in the PDF, its body with it', async () => {
    const text = await tool('pdftotext', path.join(dir!, 'pdf', 'small-book-en.pdf'), '-');
    expect(text).toMatch(/Click to expand\s+Some Markdown text\.\s+item one\s+item two\s+const x = 1;/);
  });
});

describe.each(editions)('the %s EPUB', (edition) => {
  it('keeps the figure, the table, line breaks, sub- and superscripts and passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const xhtml = await chapter(edition);
    expect(xhtml).toMatch(/<figure><img src="images\/[0-9a-f]{16}\.png" alt="[^"]+" \/><figcaption>/);
    expect(xhtml).toMatch(/<table>\s*<tbody><tr><td>/);
    expect(xhtml).toMatch(/<br \/>/);
    expect(xhtml).toContain('H<sub>2</sub>O');
    expect(xhtml).toMatch(/<details>\s*<summary>/);
    const { stdout, stderr } = await run('java', ['-jar', '/usr/bin/epubcheck', path.join(dir!, 'epub', `small-book-${edition}.epub`)], { maxBuffer: 16 << 20 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${stdout}\n${stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
  }, 60_000);
});

describe('a raw link the book cannot follow', () => {
  it('is reported at the raw tag, like the Markdown link: an error for a missing file, a warning and its text for a page the book has not', async () => {
    const root = await copyBook('small');
    await writeFile(path.join(root, 'content/ja/99-left-out.md'), '# 含めない章\n');
    await edit(
      root,
      'content/ja/01-first.md',
      '最初の段落です。',
      '最初の段落です。<a href="98-missing.md">無い章</a>と<a href="/ja/docs/x/">経路</a>と<a href="99-left-out.md">別の章</a>。\n\n<div>\n<p>ブロックの中の<a href="02-secnd.md#x">誤り</a></p>\n</div>\n\n本文の続きです。',
    );
    const diagnostics = await check({ root });
    expect(diagnostics.format(root).filter((line) => line.includes('[broken-link]'))).toEqual([
      'content/ja/01-first.md:3:9-3:33: error: Link `98-missing.md` points to `content/ja/98-missing.md`, which is not a chapter of the book; link to a chapter’s Markdown file listed in `chapters` [broken-link]',
      'content/ja/01-first.md:3:41-3:63: warning: Link `/ja/docs/x/` points to a page of the site this text was written for, which the book does not have; its text is printed without the link (list the chapter, or link a web address) [broken-link]',
      "content/ja/01-first.md:3:70-3:95: warning: Link `99-left-out.md` points to `content/ja/99-left-out.md`, which `chapters` in book.yaml does not list; its text is printed without the link (list the chapter, or link a web address) [broken-link]",
      'content/ja/01-first.md:6:11-6:35: error: Link `02-secnd.md#x` points to `content/ja/02-secnd.md`, which is not a chapter of the book; did you mean `02-second.md`? [broken-link]',
    ]);
    // With the missing files fixed, the book builds; the links it cannot follow are their words.
    await edit(root, 'content/ja/01-first.md', '<a href="98-missing.md">無い章</a>', '無い章');
    await edit(root, 'content/ja/01-first.md', '02-secnd.md#x', '02-second.md');
    const out = path.join(root, 'dist');
    const result = await build({ root, outDir: out, formats: ['site'] });
    expect(result.ok).toBe(true);
    const html = await readFile(path.join(out, 'site/ja/01-first.html'), 'utf8');
    expect(html).toContain('最初の段落です。無い章と経路と別の章。');
    expect(html).toContain('<p>ブロックの中の<a href="02-second.html">誤り</a></p>');
  });
});
