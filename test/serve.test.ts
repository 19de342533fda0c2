import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/output/browser.ts';
import { startPreview } from '../src/serve/preview-server.ts';
import { sitePath } from '../src/serve/site-path.ts';
import { watchBook } from '../src/serve/watch-book.ts';
import { cli, copyBook, edit } from './helpers.ts';

const overlay = '#bilingual-book-errors';

/** Polls until `probe` passes; a probe that throws (the page is navigating) counts as not yet. */
async function until<T>(what: string, probe: () => Promise<T>, passes: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (passes(last)) return last;
    } catch {
      // The execution context was destroyed by a reload: try again in the new one.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

const mainText = (page: Page) => page.$eval('main', (element) => element.textContent ?? '');
const overlayText = (page: Page) => page.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, overlay);
/** A mark that survives in the page until it reloads. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }));
const reloaded = (page: Page) => page.evaluate(() => !('notReloaded' in window));

/** A request exactly as written (fetch would resolve `..` itself), with its Host header; resolves the status code. */
function rawStatus(port: number, requestPath: string, host = `localhost:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: requestPath, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('bilingual-book serve', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reloads the open page when its chapter changes, shows content errors over it, and recovers', async () => {
    const root = await copyBook('small');
    const preview = await startPreview({ root, port: 0, cwd: root });
    try {
      expect(preview.url).toBe(`http://localhost:${preview.port}/`);
      const response = await fetch(new URL('ja/01-first.html', preview.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain('最初の段落です。');
      expect(html).toMatch(/<script src="\/__bilingual-book\/reload\.js" data-page="ja\/01-first\.html" data-version="1" [^>]*><\/script>\n<\/body>/);

      const page = await browser.newPage();
      const policyErrors: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) policyErrors.push(message.text());
      });
      await page.goto(new URL('ja/01-first.html', preview.url).href);
      const other = await browser.newPage();
      await other.goto(new URL('ja/02-second.html', preview.url).href);
      await mark(page);
      await mark(other);

      await edit(root, 'content/ja/01-first.md', '最初の段落です。', '書き換えた段落です。');
      await until('the edited text in the page', () => mainText(page), (text) => text.includes('書き換えた段落です。'));
      expect(await reloaded(page)).toBe(true);
      // The build did not change the second chapter's page: it stays as it is.
      expect(await reloaded(other)).toBe(false);

      await mark(page);
      await edit(root, 'content/ja/01-first.md', '[@report]。', '[@nope]。');
      const message =
        'content/ja/01-first.md:3:19-3:24: error: Cannot find citation `nope`; expected one of `report`, `idn` (keys are defined in content/citations.yaml) [unknown-citation]';
      expect(await until('the error overlay', () => overlayText(page), (text) => text !== null)).toContain(message);
      expect(preview.status()).toMatchObject({ ok: false, version: 2, errors: [message] });
      const served = await (await fetch(new URL('ja/01-first.html', preview.url))).text();
      expect(served).toContain('書き換えた段落です。');
      expect(served).toContain('data-version="2"');
      expect(await reloaded(page)).toBe(false);

      await edit(root, 'content/ja/01-first.md', '[@nope]。', '[@idn]。');
      await until('the overlay to go', () => overlayText(page), (text) => text === null);
      await until('the fixed page', () => reloaded(page), (done) => done);
      expect(preview.status()).toMatchObject({ ok: true, version: 3, errors: [] });
      expect(policyErrors).toEqual([]);
    } finally {
      await preview.close();
    }
  });

  it('serves nothing outside the built site, and only to local host names', async () => {
    const root = await copyBook('small');
    const preview = await startPreview({ root, port: 0, cwd: root, editions: ['en'] });
    try {
      expect(await rawStatus(preview.port, '/en/01-first.html')).toBe(200);
      expect(await rawStatus(preview.port, '/ja/01-first.html')).toBe(404);
      expect(await rawStatus(preview.port, '/../package.json')).toBe(404);
      expect(await rawStatus(preview.port, '/%2e%2e/package.json')).toBe(404);
      // /etc/passwd exists: only the check keeps it from being served.
      expect(await rawStatus(preview.port, `/${'..%2f'.repeat(12)}etc%2fpasswd`)).toBe(404);
      expect(await rawStatus(preview.port, '/en/01-first.html', 'attacker.example')).toBe(403);
      expect(sitePath('/srv/site', '/a/../../x')).toBeUndefined();
      expect(sitePath('/srv/site', '/en/')).toBe('/srv/site/en/index.html');
    } finally {
      await preview.close();
    }
  });

  it.each([
    [['serve', '--port', '70000'], 'bilingual-book: Invalid --port `70000`; expected a whole number from 0 to 65535 (0 picks a free port)'],
    [['serve', '--port', '12a'], 'bilingual-book: Invalid --port `12a`; expected a whole number from 0 to 65535 (0 picks a free port)'],
    [['serve', '--format', 'site'], 'bilingual-book: `serve` does not take --format; it takes --root, --port, --edition, --open'],
    [['build', '--port', '4321'], 'bilingual-book: `build` does not take --port; it takes --root, --out, --edition, --format, --timings'],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err[0]).toBe(message);
  });

  it('exits 2 when the port is taken', async () => {
    const root = await copyBook('small');
    const preview = await startPreview({ root, port: 0, cwd: root, editions: ['ja'] });
    try {
      const { code, err } = await cli(['serve', '--root', root, '--port', String(preview.port)]);
      expect(code).toBe(2);
      expect(err).toEqual([
        `bilingual-book: Cannot listen: listen EADDRINUSE: address already in use 127.0.0.1:${preview.port}; choose another port with --port N, or --port 0 for any free one`,
      ]);
    } finally {
      await preview.close();
    }
  });
});

describe('the book watcher of serve', () => {
  /** Watches a copy of the small book; `after` makes a change and resolves what the next rebuild is told (or [] if none comes). */
  async function watched() {
    const root = await copyBook('small');
    const calls: string[][] = [];
    const watcher = watchBook(root, (files) => calls.push(files.map((file) => path.relative(root, file))), 100);
    await watcher.ready;
    const after = async (change: () => Promise<unknown>, quietMs = 700): Promise<string[][]> => {
      calls.length = 0;
      await change();
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      return [...calls];
    };
    return { root, watcher, after, file: (relative: string) => path.join(root, relative) };
  }

  it('tells one rebuild of the files edited, added, removed and renamed under content/', async () => {
    const { watcher, after, file } = await watched();
    try {
      // Three saves in a burst: one rebuild.
      const edits = async () => {
        for (const text of ['a', 'b', 'c']) await writeFile(file('content/ja/01-first.md'), `# ${text}\n`);
      };
      expect(await after(edits)).toEqual([['content/ja/01-first.md']]);
      expect(await after(() => writeFile(file('content/ja/03-new.md'), '# 新\n'))).toEqual([['content/ja/03-new.md']]);
      expect(await after(() => rm(file('content/ja/03-new.md')))).toEqual([['content/ja/03-new.md']]);
      expect(await after(() => rename(file('content/en/02-second.md'), file('content/en/02-renamed.md')))).toEqual([['content/en/02-renamed.md']]);
      // An editor's atomic save: a temporary file renamed over the chapter names the chapter alone.
      const atomic = async () => {
        await writeFile(file('content/en/.02-renamed.md.tmp'), '# Saved\n');
        await rename(file('content/en/.02-renamed.md.tmp'), file('content/en/02-renamed.md'));
      };
      expect(await after(atomic)).toEqual([['content/en/02-renamed.md']]);
    } finally {
      watcher.close();
    }
  });

  it('follows folders made and removed while it runs, a templates/ folder of the book included', async () => {
    const { watcher, after, file } = await watched();
    try {
      const made = await after(async () => {
        await mkdir(file('content/ja/part'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        await writeFile(file('content/ja/part/x.md'), '# X\n');
      });
      expect(made.flat()).toContain('content/ja/part/x.md');
      expect(await after(() => writeFile(file('content/ja/part/x.md'), '# Y\n'))).toEqual([['content/ja/part/x.md']]);
      expect((await after(() => rm(file('content/ja/part'), { recursive: true }))).flat()).toContain('content/ja/part');
      const templates = await after(async () => {
        await mkdir(file('templates/site'), { recursive: true });
        await new Promise((resolve) => setTimeout(resolve, 200));
        await writeFile(file('templates/site/style.css'), 'body {}\n');
      });
      expect(templates.flat()).toContain('templates/site/style.css');
      expect(await after(() => writeFile(file('templates/site/style.css'), 'main {}\n'))).toEqual([['templates/site/style.css']]);
    } finally {
      watcher.close();
    }
  });

  it('ignores what no site build reads: the output, the cache, EPUB templates, editor files', async () => {
    const { watcher, after, file } = await watched();
    try {
      await mkdir(file('templates/epub'), { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const unread = async () => {
        await mkdir(file('dist/site'), { recursive: true });
        await writeFile(file('dist/site/index.html'), '<p>x</p>');
        await mkdir(file('.cache'), { recursive: true });
        await writeFile(file('.cache/entry.json'), '{}');
        await writeFile(file('templates/epub/style.css'), 'body {}');
        await writeFile(file('content/ja/.01-first.md.swp'), 'x');
        await writeFile(file('content/ja/01-first.md~'), 'x');
      };
      expect(await after(unread)).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});
