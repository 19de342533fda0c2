import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { build, check, loadBook } from '../src/index.ts';
import { chapterOutputName } from '../src/config/chapter-names.ts';
import { withDefaults } from '../src/config/load-config.ts';
import { listFiles } from '../src/output/site/verify.ts';
import { execFileSync } from 'node:child_process';
import { cli, copyBook, edit, tempDir } from './helpers.ts';

/** Books as real authors write them (issue 12): file names, optional metadata, hard-wrapped Japanese, attribute lists, links. */
const now = new Date('2025-06-01T00:00:00Z');

async function messagesOf(root: string): Promise<string[]> {
  return (await check({ root, now })).format(root);
}

async function buildBook(root: string) {
  const outDir = await tempDir();
  const result = await build({ root, outDir, formats: ['site', 'epub'], now });
  return { result, outDir, messages: result.diagnostics.format(root) };
}

describe('chapter names', () => {
  it('accepts subfolders, upper case, `_`, `.` and `()`, and names the outputs stably', async () => {
    const root = await copyBook('names');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.written.site).toEqual(expect.arrayContaining([
      'ja/a01-2021-some-title.html', 'ja/0x00-notice.html', 'ja/part-1-intro.html', 'ja/notes-v1-2.html', 'bilingual/part-1-intro.html',
    ]));
    const page = await readFile(path.join(outDir, 'site/en/part-1-intro.html'), 'utf8');
    expect(page).toContain('<h1 id="en-introduction">Introduction</h1>');
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, 'epub/small-book-ja.epub')));
    expect(Object.keys(zip.files).filter((name) => name.endsWith('.xhtml') && name.includes('-'))).toEqual(expect.arrayContaining([
      'OEBPS/a01-2021-some-title.xhtml', 'OEBPS/part-1-intro.xhtml', 'OEBPS/notes-v1-2.xhtml',
    ]));
  });

  it('refuses names that leave `ja/`, absolute ones and control characters, at their line', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/book.yaml', '  - Notes (v1.2)\n', '  - Notes (v1.2)\n  - ../x\n  - /abs\n  - "bell\\u0007"\n');
    expect(await messagesOf(root)).toEqual([
      'content/book.yaml:31:5-31:9: error: `chapters.4` must stay inside `ja/` and `en/`: `../x` climbs out with `..` [config-invalid-value]',
      'content/book.yaml:32:5-32:9: error: `chapters.5` is an absolute path (`/abs`); write the file\'s path inside `ja/`, without `.md` [config-invalid-value]',
      'content/book.yaml:33:5-33:17: error: `chapters.6` must not hold a control character (U+0007 stands in it); rename the file [config-invalid-value]',
    ]);
  });

  it('refuses two names that would make one output file, and a generated page\'s name', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/book.yaml', '  - Notes (v1.2)\n', '  - Notes (v1.2)\n  - part_1-INTRO\n  - Index\n');
    expect(await messagesOf(root)).toEqual([
      'content/book.yaml:31:5-31:17: error: `chapters.4` is written as `part-1-intro.html`, like `Part_1/Intro` listed before it; rename one of the files [config-invalid-value]',
      'content/book.yaml:32:5-32:10: error: `chapters.5` is written as `index.html`, the name of the book\'s own index page; rename the file [config-invalid-value]',
    ]);
  });

  it('keeps plain names, and gives names in other scripts a short hash so they stay distinct', () => {
    expect(chapterOutputName('02-salary')).toBe('02-salary');
    expect(chapterOutputName('A01_2021-Broken_Access_Control')).toBe('a01-2021-broken-access-control');
    expect(chapterOutputName('Part_1/Intro')).toBe('part-1-intro');
    expect(chapterOutputName('第1章')).toMatch(/^1-[0-9a-f]{8}$/);
    expect(chapterOutputName('序章')).toMatch(/^chapter-[0-9a-f]{8}$/);
    expect(chapterOutputName('序章')).not.toBe(chapterOutputName('終章'));
  });

  it('accepts the translation of a chapter in a subfolder, named by its file', async () => {
    const root = await copyBook('names');
    const { code } = await cli(['translations', 'accept', '--root', root, 'content/en/Part_1/Intro.md'], root);
    expect(code).toBe(0);
    const lock = await readFile(path.join(root, 'content/translations.lock.yaml'), 'utf8');
    expect(lock).toContain('Part_1/Intro:');
    expect(lock).not.toContain('0x00-notice:');
  });

  it('warns about a Markdown file in a subfolder that the book does not list', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/book.yaml', '  - Part_1/Intro\n', '');
    expect(await messagesOf(root)).toEqual([
      'content/ja/Part_1/Intro.md: warning: Not in the book: `Part_1/Intro` is not listed in `chapters` of content/book.yaml; add it there or delete the file [unlisted-chapter]',
      'content/en/Part_1/Intro.md: warning: Not in the book: `Part_1/Intro` is not listed in `chapters` of content/book.yaml; add it there or delete the file [orphan-translation]',
    ]);
  });
});

describe('optional metadata', () => {
  it('builds a book without a sponsor with no disclosure anywhere, and exits 0', async () => {
    const root = await copyBook('unsponsored');
    const outDir = await tempDir();
    const { code, err } = await cli(['build', '--root', root, '--out', outDir, '--format', 'site,epub'], root);
    expect(err.filter((line) => !line.startsWith('Built') && line !== '')).toEqual([]);
    expect(code).toBe(0);
    const site = (await listFiles(path.join(outDir, 'site'))).filter((name) => name.endsWith('.html'));
    expect(site).toContain('bilingual/intro.html');
    for (const name of site) {
      const html = await readFile(path.join(outDir, 'site', name), 'utf8');
      expect(html, name).not.toMatch(/disclosure|広告|Sponsor|pr-label/);
    }
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, 'epub/plain-book-bilingual.epub')));
    for (const [name, entry] of Object.entries(zip.files)) {
      if (!/\.(xhtml|opf|ncx)$/.test(name)) continue;
      expect(await entry.async('string'), name).not.toMatch(/disclosure|広告|Sponsor|スポンサー|marc:relators">spn/);
    }
    expect(await zip.file('OEBPS/content.opf')!.async('string')).toContain('表紙画像には書名を代替テキストとして付けています。');
  });

  it('fills in the documented defaults', async () => {
    const { book } = await loadBook({ root: await copyBook('unsponsored'), now });
    const meta = book!.config.meta;
    expect(meta.identifier).toBe('urn:bilingual-book:plain-book');
    expect(meta.description).toEqual(meta.title);
    expect(meta.subjects).toEqual({ ja: [], en: [] });
    expect([meta.editor, meta.sponsor, meta.rights, meta.url, meta.subtitle]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(withDefaults({ ...meta, date: undefined }, { sourceDateEpoch: '1735689600' }).date).toBe('2025-01-01');
    expect(withDefaults({ ...meta, date: undefined }, { now }).date).toBe('2025-06-01');
    expect(withDefaults({ ...meta, subtitle: { ja: '副題', en: 'Subtitle' }, description: undefined }, {}).description).toEqual({ ja: '副題', en: 'Subtitle' });
  });

  it('writes no sitemap without `url`, and the colophon leaves out what the book does not give', async () => {
    const root = await copyBook('unsponsored');
    const { outDir, messages } = await buildBook(root);
    expect(messages).toEqual([]);
    expect(await listFiles(path.join(outDir, 'site'))).not.toContain('sitemap.xml');
    const index = await readFile(path.join(outDir, 'site/en/index.html'), 'utf8');
    expect(index).toContain('<p class="byline">The Author</p>');
    expect(index).not.toMatch(/<dt>(Editor|Sponsor|Rights)<\/dt>/);
  });
});

describe('titles kept outside the chapter', () => {
  /** The chapter's top-level blocks in each edition's site page, as text. */
  async function pageText(outDir: string, edition: string, page: string): Promise<string> {
    const html = await readFile(path.join(outDir, `site/${edition}/${page}.html`), 'utf8');
    return html.slice(html.indexOf('<article'), html.indexOf('</article>')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  }

  it('a front matter title is the heading, and every block after it stays in every edition', async () => {
    const root = await copyBook('names');
    await writeFile(path.join(root, 'content/ja/0x00-notice.md'), '---\ntitle: 注意\nweight: 3\n---\n\n一段落目。\n\n二段落目。\n');
    await writeFile(path.join(root, 'content/en/0x00-notice.md'), '---\ntitle: Notice\nweight: 3\n---\n\nFirst paragraph.\n\nSecond paragraph.\n');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([]);
    expect(result.ok).toBe(true);
    expect(await pageText(outDir, 'ja', '0x00-notice')).toBe('注意 一段落目。 二段落目。');
    expect(await pageText(outDir, 'en', '0x00-notice')).toBe('Notice First paragraph. Second paragraph.');
    expect(await pageText(outDir, 'bilingual', '0x00-notice')).toBe('注意 Notice 一段落目。 First paragraph. 二段落目。 Second paragraph.');
  });

  it('a title book.yaml lists is the heading of a file that has none; the file\'s own heading wins', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/book.yaml', '  - 0x00-notice\n', '  - file: 0x00-notice\n    title: { ja: お知らせ, en: Announcement }\n  - { file: Part_1/Intro, title: { ja: 使われない, en: Unused } }\n');
    await edit(root, 'content/book.yaml', '  - Part_1/Intro\n', '');
    await writeFile(path.join(root, 'content/ja/0x00-notice.md'), '一段落目。\n\n二段落目。\n');
    await writeFile(path.join(root, 'content/en/0x00-notice.md'), 'First paragraph.\n\nSecond paragraph.\n');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([]);
    expect(result.ok).toBe(true);
    expect(await pageText(outDir, 'bilingual', '0x00-notice')).toBe('お知らせ Announcement 一段落目。 First paragraph. 二段落目。 Second paragraph.');
    expect(await pageText(outDir, 'en', '0x00-notice')).toBe('Announcement First paragraph. Second paragraph.');
    expect(await readFile(path.join(outDir, 'site/ja/index.html'), 'utf8')).toContain('お知らせ');
    expect(await pageText(outDir, 'en', 'part-1-intro')).toMatch(/^Introduction /);
  });

  it('a chapter with no title anywhere is an error naming both ways to give one', async () => {
    const root = await copyBook('names');
    await writeFile(path.join(root, 'content/ja/0x00-notice.md'), '一段落目。\n');
    expect(await messagesOf(root)).toContain(
      'content/ja/0x00-notice.md:1:1-1:6: error: A chapter must start with its title as a `# ` heading; add one as the first line, or give the title in book.yaml: `- { file: 0x00-notice, title: { ja: …, en: … } }` [chapter-title]',
    );
  });

  it('refuses an entry without a file or with a title in one language, at its line', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/book.yaml', '  - 0x00-notice\n', '  - { file: 0x00-notice, title: { ja: お知らせ } }\n');
    const messages = await messagesOf(root);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.startsWith('content/book.yaml:28:'))).toBe(true);
  });
});

describe('images where documentation sites keep them', () => {
  it('finds `/img/x` in static/ or public/, and an image beside the language folders or in the other language', async () => {
    const root = await copyBook('names');
    const png = await readFile(path.join(import.meta.dirname, 'fixtures/books/small/content/images/diagram.png'));
    const svg = '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><style class="style-fonts">rect { fill: red; }</style></defs><rect width="10" height="10"/></svg>\n';
    await mkdir(path.join(root, 'static/img'), { recursive: true });
    await mkdir(path.join(root, 'public/img'), { recursive: true });
    await mkdir(path.join(root, 'content/assets'), { recursive: true });
    await writeFile(path.join(root, 'static/img/trace.svg'), svg);
    await writeFile(path.join(root, 'public/img/logo.png'), png);
    await writeFile(path.join(root, 'content/assets/icon.png'), png);
    await writeFile(path.join(root, 'content/en/bundle.png'), png);
    await edit(root, 'content/ja/0x00-notice.md', '注意の本文です。', '注意の本文です。\n\n![跡](/img/trace.svg) ![標](/img/logo.png) ![印](assets/icon.png) ![束](bundle.png)');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages.filter((message) => !message.includes('[missing-translation]'))).toEqual([]);
    expect(result.ok).toBe(true);
    const page = await readFile(path.join(outDir, 'site/ja/0x00-notice.html'), 'utf8');
    expect(page.match(/<img src="images\/[0-9a-f]{16}\.(svg|png)"/g)).toHaveLength(4);
    // EPUB refuses a DOCTYPE naming an external DTD: no output carries it.
    const svgName = /<img src="(images\/[0-9a-f]{16}\.svg)"/.exec(page)![1]!;
    expect(await readFile(path.join(outDir, 'site/ja', svgName), 'utf8')).toMatch(/^<\?xml version="1.0" standalone="no"\?>\n<svg /);
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, 'epub/small-book-ja.epub')));
    const packed = await zip.file(`OEBPS/${svgName}`)!.async('string');
    expect(packed).not.toContain('DOCTYPE');
    expect(packed).toContain('<style>rect { fill: red; }</style>');
  });

  it('names every place it looked for a missing `/img/x`', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/ja/0x00-notice.md', '注意の本文です。', '![無](/img/none.png)');
    expect(await messagesOf(root)).toContain(
      'content/ja/0x00-notice.md:3:1-3:20: error: Cannot find image `/img/none.png` (looked for content/img/none.png, static/img/none.png, public/img/none.png); check the path [missing-image]',
    );
  });
});

describe('more than one `#` heading', () => {
  it('is a warning at the heading, and the first stays the title', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/ja/0x00-notice.md', '注意の本文です。\n', '注意の本文です。\n\n# 続き\n\n続きの本文です。\n');
    await edit(root, 'content/en/0x00-notice.md', 'The text of Notice.\n', 'The text of Notice.\n\n# More\n\nThe rest.\n');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([
      "content/ja/0x00-notice.md:5:1-5:5: warning: A second `# ` heading: the first one is the chapter's title, so this one is printed as a `##` section; make it `##` or split the chapter into its own file [chapter-title]",
      "content/en/0x00-notice.md:5:1-5:7: warning: A second `# ` heading: the first one is the chapter's title, so this one is printed as a `##` section; make it `##` or split the chapter into its own file [chapter-title]",
    ]);
    expect(result.ok).toBe(true);
    const page = await readFile(path.join(outDir, 'site/ja/0x00-notice.html'), 'utf8');
    expect(page).toContain('<title>注意 | 小さな本</title>');
    // The site gives the section its permalink after the heading's text.
    expect(page).toContain('<h2 id="ja-続き">続き <a class="heading-anchor" href="#ja-続き">');
  });
});

describe('attribute lists', () => {
  it('keeps the safe part in every output and never prints a list', async () => {
    const root = await copyBook('names');
    await edit(root, 'content/ja/Part_1/Intro.md', '# 序\n\n序の本文です。\n', '# 序 {#intro .wide}\n\n序の本文です。\n{: style="color:red"}\n\n![図](../../images/diagram.png){: .center width="120"}\n');
    await edit(root, 'content/en/Part_1/Intro.md', '# Introduction\n\nThe text of Introduction.\n', '# Introduction {: #intro }\n\nThe text of Introduction.\n\n![Diagram](../../images/diagram.png){width=120}\n');
    await mkdir(path.join(root, 'content/images'), { recursive: true });
    await writeFile(path.join(root, 'content/images/diagram.png'), await readFile(path.join(import.meta.dirname, 'fixtures/books/small/content/images/diagram.png')));
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([
      'content/ja/Part_1/Intro.md:4:1-4:22: warning: Attribute list `{: style="color:red"}`: `style="color:red"` dropped; only an id, classes, and width and height in pixels are kept [attribute-list]',
    ]);
    expect(result.ok).toBe(true);
    const page = await readFile(path.join(outDir, 'site/ja/part-1-intro.html'), 'utf8');
    expect(page).toContain('<title>序 | 小さな本</title>');
    expect(page).toContain('<h1 id="ja-intro" class="wide">序</h1>');
    expect(page).toMatch(/<img src="images\/[0-9a-f]{16}\.png" alt="図" width="120" class="center">/);
    const bilingual = await readFile(path.join(outDir, 'site/bilingual/part-1-intro.html'), 'utf8');
    expect(bilingual).toContain('<h1 id="ja-intro" class="bilingual-heading">');
    expect(await readFile(path.join(outDir, 'site/en/part-1-intro.html'), 'utf8')).toContain('<h1 id="en-intro">Introduction</h1>');
    const zip = await JSZip.loadAsync(await readFile(path.join(outDir, 'epub/small-book-ja.epub')));
    const xhtml = await zip.file('OEBPS/part-1-intro.xhtml')!.async('string');
    expect(xhtml).toContain('class="wide"');
    for (const text of [page, bilingual, xhtml, await readFile(path.join(outDir, 'site/ja/index.html'), 'utf8')]) expect(text).not.toMatch(/\{[:#.]|style=/);
  });
});

describe('links between chapters', () => {
  it('from an untranslated Japanese block go to the English heading that translates their target', async () => {
    const root = await copyBook('small');
    await writeFile(path.join(root, 'content/ja/01-first.md'), `${await readFile(path.join(root, 'content/ja/01-first.md'), 'utf8')}\n[節](#節)へ戻る。\n`);
    const { result, outDir, messages } = await buildBook(root);
    expect(messages.filter((message) => !message.includes('[missing-translation]'))).toEqual([]);
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(outDir, 'site/en/01-first.html'), 'utf8')).toContain('<a href="#en-section">節</a>');
  });

  const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]!);

  it('go to the page of the same edition, and the heading by its slug in the linking file’s language', async () => {
    const root = await copyBook('links');
    const { result, outDir, messages } = await buildBook(root);
    expect(messages).toEqual([]);
    expect(result.ok).toBe(true);
    const page = (edition: string, name: string) => readFile(path.join(outDir, 'site', edition, name), 'utf8');
    expect(hrefs(await page('ja', '01-start.html'))).toEqual(expect.arrayContaining(['part-1-details.html', 'part-1-details.html#ja-設定', '#ja-次の節']));
    expect(hrefs(await page('en', '01-start.html'))).toEqual(expect.arrayContaining(['part-1-details.html', 'part-1-details.html#en-settings', '#en-next-section']));
    expect(hrefs(await page('en', 'part-1-details.html'))).toContain('01-start.html');
    // The bilingual page merges each heading pair under the Japanese id: the English links follow it.
    const bilingual = hrefs(await page('bilingual', '01-start.html'));
    expect(bilingual.filter((href) => href.includes('#'))).not.toContain('part-1-details.html#en-settings');
    expect(bilingual.filter((href) => href === 'part-1-details.html#ja-設定')).toHaveLength(4);
  });

  it('go to the XHTML file inside the EPUB, whose id is there', async () => {
    const root = await copyBook('links');
    const { outDir } = await buildBook(root);
    for (const edition of ['ja', 'en', 'bilingual']) {
      const zip = await JSZip.loadAsync(await readFile(path.join(outDir, `epub/small-book-${edition}.epub`)));
      const links = hrefs(await zip.file('OEBPS/01-start.xhtml')!.async('string')).filter((href) => !href.startsWith('#') || href.includes('-'));
      const chapterLinks = links.filter((href) => href.startsWith('part-1-details.xhtml'));
      expect(chapterLinks.length, edition).toBeGreaterThanOrEqual(2);
      for (const href of chapterLinks) {
        const [file, id] = href.split('#');
        const target = await zip.file(`OEBPS/${file}`)!.async('string');
        if (id) expect(target, href).toContain(`id="${id}"`);
      }
      expect(links.some((href) => /\.(html|md)(#|$)/.test(href)), edition).toBe(false);
    }
  });

  it('are internal destinations in the PDF, not URIs', async () => {
    const root = await copyBook('links');
    const outDir = await tempDir();
    const result = await build({ root, outDir, formats: ['pdf'], editions: ['bilingual'], now });
    expect(result.diagnostics.format(root)).toEqual([]);
    const json = JSON.parse(execFileSync('qpdf', ['--json', path.join(outDir, 'pdf/small-book-bilingual.pdf')], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    const objects = Object.values(json.qpdf[1] as Record<string, { value?: Record<string, unknown> }>).map((object) => object.value);
    const links = objects.filter((value) => value?.['/Subtype'] === '/Link');
    const uris = links.map((link) => (link!['/A'] as Record<string, string> | undefined)?.['/URI']).filter((uri) => uri !== undefined);
    expect(uris.filter((uri) => !/^u:https:/.test(uri!))).toEqual([]);
    // Chapter 1 links to chapter 2's title and its section (four times: both languages, two forms each), and to its own section.
    const destinations = links.map((link) => link!['/Dest']).filter((dest) => typeof dest === 'string');
    expect(destinations.filter((dest) => dest === '/c2-2').length).toBeGreaterThanOrEqual(4);
    expect(destinations).toContain('/c1-2');
  });

  it('to a missing chapter or heading are reported by `check` at the Markdown, with the nearest target', async () => {
    const root = await copyBook('links');
    await edit(root, 'content/ja/01-start.md', '[詳細の章](Part_1/Details.md)', '[詳細の章](Part_1/Detals.md)');
    await edit(root, 'content/ja/01-start.md', '(Part_1/Details.md#設定)', '(Part_1/Details.md#設計)');
    await edit(root, 'content/en/01-start.md', '(#next-section)', '(#next-sectoin)');
    await edit(root, 'content/en/Part_1/Details.md', '(../01-start.md)', '(../02-start.md)');
    expect(await messagesOf(root)).toEqual([
      'content/ja/01-start.md:3:5-3:29: error: Link `Part_1/Detals.md` points to `content/ja/Part_1/Detals.md`, which is not a chapter of the book; did you mean `Part_1/Details.md`? [broken-link]',
      'content/ja/01-start.md:3:30-3:58: error: Link `Part_1/Details.md#設計` points to `#設計`, which no heading of `Part_1/Details` has; did you mean `#設定`? [broken-link]',
      'content/en/01-start.md:3:133-3:172: error: Link `#next-sectoin` points to `#next-sectoin`, which no heading of this chapter has; did you mean `#next-section`? [broken-link]',
      'content/en/Part_1/Details.md:3:9-3:44: error: Link `../02-start.md` points to `content/en/02-start.md`, which is not a chapter of the book; did you mean `../01-start.md`? [broken-link]',
    ]);
  });
});
