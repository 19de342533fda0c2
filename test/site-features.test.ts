import { cp, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { launchBrowser } from '../src/output/browser.ts';
import { fileSize } from '../src/output/site/downloads.ts';
import { sidebarChapters } from '../src/output/site/sidebar.ts';
import { writeSyntheticBook } from './bench/synthetic-book.ts';
import { edit, fixtureBooks, removeDir, repoRoot, suiteDir } from './helpers.ts';

/**
 * What a reader of the site uses beside the text — contents, permalinks, downloads, search, the color scheme,
 * link previews, the 404 page — in real Chromium, on our book (with its EPUB, without its PDF), the small
 * fixture book (with an address) and a copy of it without one and with an untranslated paragraph: books that
 * are in every checkout (the field books taken from repositories are not in CI; field.test.ts builds the
 * site of each field book laid here).
 */
let dir: string;
let browser: Browser;
const sites: Record<'ours' | 'small' | 'untranslated', string> = { ours: '', small: '', untranslated: '' };

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-site-features-');
  // Our book with the address it will be published at (book.yaml leaves it out until it has a home), for the cards.
  const ours = path.join(dir, 'ours-book');
  await cp(path.join(repoRoot, 'content'), path.join(ours, 'content'), { recursive: true, filter: (file) => !file.includes(`${path.sep}.cache`) });
  await edit(ours, 'content/book.yaml', /^chapters:/m, 'url: https://example.com/soc-analyst/\nchapters:');
  // The small fixture book, with its address; and a copy without one, where a paragraph has no translation yet.
  const small = path.join(dir, 'small-book');
  await cp(path.join(fixtureBooks, 'small'), small, { recursive: true });
  const untranslated = path.join(dir, 'untranslated-book');
  await cp(path.join(fixtureBooks, 'small'), untranslated, { recursive: true });
  await edit(untranslated, 'content/book.yaml', /^url: .*\n/m, '');
  await edit(untranslated, 'content/ja/01-first.md', '最初の段落です。', '変数に値を代入する例です。\n\n最初の段落です。');
  const books = [
    ['ours', ours, ['epub', 'site']],
    ['small', small, ['site']],
    ['untranslated', untranslated, ['site']],
  ] as const;
  for (const [name, root, formats] of books) {
    const result = await build({ root, outDir: path.join(dir, name), formats: [...formats] });
    expect(result.diagnostics.format(root).filter((line) => line.includes(': error:')), name).toEqual([]);
    sites[name] = path.join(dir, name, 'site');
  }
  browser = await launchBrowser({ offline: true });
});

afterAll(async () => {
  await browser?.close();
  await removeDir(dir);
});

const open = async (site: string, file: string, width = 1280, query = ''): Promise<Page> => {
  const tab = await browser.newPage();
  await tab.setViewport({ width, height: 800 });
  await tab.goto(`${pathToFileURL(path.join(site, file)).href}${query}`, { waitUntil: 'load' });
  return tab;
};

/** The results search.js shows for `query` on an edition's search page, once it has shown them. */
const search = async (tab: Page) => {
  await tab.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '').match(/\d|見つかりません|Nothing/));
  return tab.$$eval('.search-results li', (items) =>
    items.map((item) => {
      const title = item.querySelector<HTMLAnchorElement>('.search-hit-title')!;
      const text = item.querySelector<HTMLElement>('.search-hit-text')!;
      const other = item.querySelector<HTMLAnchorElement>('.search-hit-other a');
      return {
        href: title.getAttribute('href')!,
        text: text.textContent!,
        lang: text.lang || document.documentElement.lang,
        marked: Array.from(text.querySelectorAll('mark')).map((mark) => mark.textContent),
        other: other ? { href: other.getAttribute('href')!, lang: other.lang, text: other.textContent! } : undefined,
      };
    }),
  );
};

describe('navigation', () => {
  it('lists every chapter beside the text, marks the page and the section being read, and folds into one line on a phone', async () => {
    const tab = await open(sites.ours, 'ja/06-skills-and-certifications.html');
    const current = await tab.$$eval('.sidebar a[aria-current=page]', (links) => links.map((link) => `${link.textContent} ${link.getAttribute('href')}`));
    expect(current).toEqual(['スキルと資格 06-skills-and-certifications.html']);
    expect(await tab.$$eval('.sidebar-list > li > a', (links) => links.length)).toBe(12);
    const sections = await tab.$$eval('.sidebar-sections a', (links) => links.map((link) => link.textContent));
    expect(sections).toEqual(['求められるスキル', '資格', '基礎となる資格', 'エントリーレベルの資格', '専門性を示す資格']);
    expect(await tab.$eval('.sidebar-details', (details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await tab.$eval('.sidebar-sections a[aria-current=location]', (link) => link.textContent)).toBe('求められるスキル');
    await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tab.waitForFunction(() => document.querySelector('.sidebar-sections a[aria-current=location]')?.textContent === '専門性を示す資格');
    await tab.setViewport({ width: 390, height: 844 });
    await tab.waitForFunction(() => !(document.querySelector('.sidebar-details') as HTMLDetailsElement).open);
    expect(await tab.$eval('.sidebar', (nav) => nav.getBoundingClientRect().height)).toBeLessThan(60);
    await tab.close();
  });

  it('gives the landing and 404 pages, which have no contents beside them, the full width', async () => {
    for (const file of ['index.html', '404.html']) {
      const tab = await open(sites.ours, file);
      expect(await tab.$eval('main', (main) => main.getBoundingClientRect().width), file).toBeGreaterThan(900);
      await tab.close();
    }
  });

  it('lists, in a book of more chapters than the sidebar holds, those around the page and a link to all', async () => {
    const root = path.join(dir, 'long-book');
    const { names } = await writeSyntheticBook({ root, chapters: sidebarChapters + 20, chapterBytes: 600 });
    const result = await build({ root, outDir: path.join(dir, 'long'), formats: ['site'], editions: ['ja'] });
    expect(result.ok).toBe(true);
    const html = await readFile(path.join(dir, 'long/site/ja', `${names[60]}.html`), 'utf8');
    const sidebar = html.slice(html.indexOf('<nav class="sidebar"'), html.indexOf('</nav>', html.indexOf('<nav class="sidebar"')));
    const listed = [...sidebar.matchAll(/href="(ch\d+)\.html"/g)].map((match) => match[1]);
    expect(listed).toEqual([names[0], ...names.slice(50, 71), names.at(-1)]);
    expect(sidebar.match(/全120章の目次/g)).toHaveLength(2);
  });

  it('gives each section heading a permalink to itself, and links the previous and next chapters by title', async () => {
    const tab = await open(sites.ours, 'en/index.html');
    const chapter = await tab.$eval('.sidebar-list > li:nth-child(3) > a', (link) => link.getAttribute('href')!);
    await tab.goto(new URL(chapter, tab.url()).href);
    const headings = await tab.$$eval('main h2[id], main h3[id]', (found) => found.map((heading) => [heading.id, heading.querySelector('a.heading-anchor')?.getAttribute('href')]));
    expect(headings.length).toBeGreaterThan(0);
    for (const [id, anchor] of headings) expect(anchor).toBe(`#${id}`);
    const titles = await tab.$$eval('.sidebar-list > li > a', (links) => links.map((link) => link.textContent));
    const nav = await tab.$$eval('.chapter-nav a', (links) => links.map((link) => link.querySelector('.nav-title')!.textContent));
    expect(nav).toEqual([titles[1], titles[3]]);
    await tab.close();
  });

  it('offers the edition’s EPUB with its size on every page, and no PDF when none was built', async () => {
    const epub = await stat(path.join(sites.ours, 'downloads/soc-analyst-career-guide-ja.epub'));
    const tab = await open(sites.ours, 'ja/03-work.html');
    const links = await tab.$$eval('.edition-downloads a', (found) => found.map((link) => `${link.textContent} ${link.getAttribute('href')}`));
    expect(links).toEqual([`EPUB (${fileSize(epub.size, 'ja')}) ../downloads/soc-analyst-career-guide-ja.epub`]);
    await tab.goto(pathToFileURL(path.join(sites.ours, 'en/sources.html')).href);
    expect(await tab.$$eval('.edition-downloads a', (found) => found.map((link) => link.getAttribute('href')))).toEqual(['../downloads/soc-analyst-career-guide-en.epub']);
    await tab.close();
    expect(await readFile(path.join(sites.small, 'ja/index.html'), 'utf8')).not.toContain('edition-downloads');
  });
});

describe('search', () => {
  it('finds a Japanese compound whole and opens it at its section, offering the aligned English block', async () => {
    const tab = await open(sites.ours, 'ja/search.html', 1280, `?q=${encodeURIComponent('情報処理安全確保支援士')}`);
    const hits = await search(tab);
    const [first] = hits;
    // Every hit holds the whole compound (the book names the exam where it lists the certifications, and again in their note).
    for (const hit of hits) {
      expect(hit.marked.length).toBeGreaterThan(0);
      expect(hit.marked.every((mark) => mark === '情報処理安全確保支援士')).toBe(true);
    }
    expect(first!.other).toMatchObject({ lang: 'en', href: expect.stringMatching(/^\.\.\/en\/06-skills-and-certifications\.html#en-/) });
    // The hit opens at the heading of the section holding the compound; the English link at the section holding its translation.
    const sectionOf = async (href: string, text: string) => {
      await tab.goto(new URL(href, tab.url()).href);
      return tab.evaluate((wanted) => {
        const block = Array.from(document.querySelectorAll('main p, main li, main td')).find((element) => element.textContent!.normalize('NFKC').includes(wanted))!;
        const headings = Array.from(document.querySelectorAll('main h2[id], main h3[id]')).filter((heading) => heading.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
        return [decodeURIComponent(location.hash.slice(1)), headings.at(-1)?.id];
      }, text);
    };
    // The block of the first hit: the compound and what follows it there (a hit's text may join a list's items).
    const excerpt = first!.text.slice(first!.text.indexOf('情報処理安全確保支援士')).slice(0, 20);
    const [target, expected] = await sectionOf(first!.href, excerpt);
    expect(target).toBe(expected);
    const [otherTarget, otherExpected] = await sectionOf(first!.other!.href, first!.other!.text.slice(0, 40));
    expect(otherTarget).toBe(otherExpected);
    await tab.close();
  });

  it('finds part of a word, in Japanese and in English', async () => {
    const tab = await open(sites.ours, 'ja/search.html', 1280, `?q=${encodeURIComponent('キュリティエンジ')}`);
    const hits = await search(tab);
    expect(hits.length).toBeGreaterThan(3);
    for (const hit of hits) expect(hit.marked).toContain('キュリティエンジ');
    await tab.goto(`${pathToFileURL(path.join(sites.ours, 'en/search.html')).href}?q=analy`);
    const english = await search(tab);
    expect(english.length).toBeGreaterThan(10);
    expect(english[0]!.marked[0]!.toLowerCase()).toBe('analy');
    await tab.close();
  });

  it('indexes the Japanese an English page shows for an untranslated block as Japanese', async () => {
    const tab = await open(sites.untranslated, 'en/search.html', 1280, `?q=${encodeURIComponent('変数に値を代入する')}`);
    const hits = await search(tab);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ lang: 'ja' });
    expect(hits[0]!.href).toMatch(/^\.\.\/en\/01-first/);
    await tab.close();
  });

  it('works under the site’s Content-Security-Policy from a sub-path over HTTP', async () => {
    const server = http.createServer(async (request, response) => {
      const file = path.join(sites.ours, decodeURIComponent(new URL(request.url!, 'http://x').pathname).replace(/^\/books\/soc\//, ''));
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = await launchBrowser();
    try {
      const tab = await local.newPage();
      const problems: string[] = [];
      tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      tab.on('pageerror', (error) => problems.push((error as Error).message));
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/books/soc/en/search.html?q=certif`, { waitUntil: 'load' });
      const hits = await search(tab);
      expect(hits.length).toBeGreaterThan(3);
      expect(hits.every((hit) => hit.marked.every((mark) => mark!.toLowerCase() === 'certif'))).toBe(true);
      expect(hits[0]!.other?.lang).toBe('ja');
      expect(problems).toEqual([]);
    } finally {
      await local.close();
      server.close();
    }
  });
});

describe('color scheme', () => {
  const background = (tab: Page) => tab.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it('follows the system, and a toggle that the next page remembers; print stays light', async () => {
    const tab = await open(sites.ours, 'en/02-salary.html');
    await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await background(tab)).toBe('rgb(20, 22, 25)');
    await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(await background(tab)).toBe('rgb(253, 252, 249)');
    expect(await tab.$eval('.theme-toggle', (button) => [(button as HTMLButtonElement).hidden, button.getAttribute('aria-pressed')])).toEqual([false, 'false']);
    await tab.click('.theme-toggle');
    expect(await background(tab)).toBe('rgb(20, 22, 25)');
    await tab.goto(pathToFileURL(path.join(sites.ours, 'en/03-work.html')).href);
    expect(await background(tab)).toBe('rgb(20, 22, 25)');
    expect(await tab.$eval('.theme-toggle', (button) => button.getAttribute('aria-pressed'))).toBe('true');
    await tab.emulateMediaType('print');
    expect(await background(tab)).toBe('rgb(255, 255, 255)');
    expect(await tab.evaluate(() => getComputedStyle(document.querySelector('main p')!).color)).toBe('rgb(0, 0, 0)');
    await tab.close();
  });
});

describe('sharing', () => {
  const head = async (site: string, file: string) => {
    const html = await readFile(path.join(site, file), 'utf8');
    return [...html.matchAll(/<(?:meta (?:property|name)="([^"]+)" content="([^"]*)"|link rel="alternate" hreflang="([^"]+)" href="([^"]+)")>/g)].map((match) =>
      match[1] ? `${match[1]} ${match[2]}` : `hreflang ${match[3]} ${match[4]}`,
    );
  };

  it('gives every page Open Graph and Twitter tags, a drawn card, and its other languages at absolute addresses', async () => {
    const tags = await head(sites.ours, 'en/03-work.html');
    expect(tags).toEqual(
      expect.arrayContaining([
        'hreflang ja https://example.com/soc-analyst/ja/03-work.html',
        'hreflang en https://example.com/soc-analyst/en/03-work.html',
        'hreflang x-default https://example.com/soc-analyst/bilingual/03-work.html',
        'og:type article',
        'og:locale en_US',
        'og:locale:alternate ja_JP',
        'og:url https://example.com/soc-analyst/en/03-work.html',
        'og:image https://example.com/soc-analyst/assets/card-en.png',
        'twitter:card summary_large_image',
        'twitter:image https://example.com/soc-analyst/assets/card-en.png',
      ]),
    );
    expect(tags.find((tag) => tag.startsWith('og:image:alt'))).toContain('Sponsored: This book is advertising');
    for (const edition of ['ja', 'en', 'bilingual']) {
      const png = await readFile(path.join(sites.ours, `assets/card-${edition}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], edition).toEqual([1200, 630]);
    }
    expect(await head(sites.small, 'ja/index.html')).toEqual(expect.arrayContaining(['hreflang x-default https://example.com/small/index.html', 'og:type book', 'og:locale ja_JP']));
  });

  it('leaves out what needs an absolute address when the book gives none', async () => {
    const tags = await head(sites.untranslated, 'ja/index.html');
    expect(tags.filter((tag) => /^(hreflang|og:url|og:image|twitter:image)/.test(tag))).toEqual([]);
    expect(tags).toEqual(expect.arrayContaining(['og:title 小さな本', 'og:locale ja_JP', 'twitter:card summary']));
    expect(await readFile(path.join(sites.untranslated, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
    expect(await readFile(path.join(sites.ours, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.com/soc-analyst/sitemap.xml\n');
  });

  it('has a 404 page in both languages that search engines leave out', async () => {
    const tab = await open(sites.ours, '404.html');
    expect(await tab.$$eval('main h2', (headings) => headings.map((heading) => `${heading.closest('[lang]')!.getAttribute('lang')} ${heading.textContent}`))).toEqual([
      'ja お探しのページは見つかりませんでした',
      'en This page could not be found',
    ]);
    expect(await tab.$eval('meta[name=robots]', (meta) => meta.getAttribute('content'))).toBe('noindex');
    await tab.close();
  });
});

describe('on a phone', () => {
  it('sets the disclosure at the size of the text, and keeps the rest of the header to a few lines', async () => {
    for (const [site, file] of [
      [sites.ours, 'bilingual/02-salary.html'],
      [sites.ours, 'ja/02-salary.html'],
      [sites.ours, 'en/02-salary.html'],
      [sites.small, 'en/index.html'],
    ] as const) {
      const tab = await open(site, file, 390);
      const sizes = await tab.evaluate(() => {
        const size = (element: Element) => Number.parseFloat(getComputedStyle(element).fontSize);
        const header = document.querySelector('.site-header')!.getBoundingClientRect();
        const disclosure = document.querySelector('.disclosure');
        return {
          disclosure: disclosure ? Math.min(...Array.from(disclosure.querySelectorAll('p')).map(size)) : undefined,
          text: size(document.querySelector('main p')!),
          rest: header.height - (disclosure?.getBoundingClientRect().height ?? 0),
        };
      });
      if (sizes.disclosure !== undefined) expect(sizes.disclosure, file).toBeGreaterThanOrEqual(sizes.text);
      expect(sizes.rest, file).toBeLessThan(90);
      await tab.close();
    }
  });
});
