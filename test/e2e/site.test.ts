import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/editions/edition.ts';
import { build, type BuildResult, verifySite } from '../../src/index.ts';
import { launchBrowser } from '../../src/output/browser.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { removeDir, repoRoot, suiteDir } from '../helpers.ts';

const run = promisify(execFile);
const facts = JSON.parse(await readFile(path.join(repoRoot, 'test/fixtures/facts.json'), 'utf8')) as Record<'ja' | 'en', Record<string, string>>;

let outDir: string;
let siteDir: string;
let result: BuildResult;
let pages: Map<string, Root>;
let browser: Browser;

beforeAll(async () => {
  outDir = await suiteDir('bilingual-book-e2e-');
  result = await build({ root: repoRoot, outDir, formats: ['site'] });
  siteDir = path.join(outDir, 'site');
  pages = new Map();
  for (const file of await listFiles(siteDir)) {
    if (file.endsWith('.html')) pages.set(file, fromHtml(await readFile(path.join(siteDir, file), 'utf8')));
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await removeDir(outDir);
});

const page = (file: string): Root => {
  const tree = pages.get(file);
  if (!tree) throw new Error(`no page ${file}`);
  return tree;
};
/** An edition's reading text: every chapter and the sources, whitespace removed as facts.json expects. */
const editionText = (edition: string) =>
  [...pages]
    .filter(([file]) => file.startsWith(`${edition}/`))
    .map(([, tree]) => toString(select('main', tree)!))
    .join('')
    .replace(/\s+/g, '');

describe('the real book as a site', () => {
  it('builds with no errors', () => {
    expect(result.diagnostics.format(repoRoot).filter((line) => line.includes(': error:'))).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('writes a landing page, a 404 page and, per edition, a title page, every chapter, the sources and a search page', () => {
    expect(pages.has('index.html')).toBe(true);
    expect(pages.has('404.html')).toBe(true);
    for (const edition of ['ja', 'en', 'bilingual']) {
      expect([...pages.keys()].filter((file) => file.startsWith(`${edition}/`))).toHaveLength(13);
    }
  });

  describe.each([
    ['ja', 'ja'],
    ['en', 'en'],
    ['bilingual', 'ja'],
    ['bilingual', 'en'],
  ] as const)('the %s edition carries every %s fact', (edition, lang) => {
    it.each(Object.entries(facts[lang]).filter(([name]) => name !== '_'))('%s', (_name, pattern) => {
      expect(editionText(edition)).toMatch(new RegExp(pattern));
    });
  });

  it('puts the sponsor disclosure at the top of every page, in each language the page shows', () => {
    const expected = {
      ja: ['PR', '株式会社アウトソーシングテクノロジー', 'Zenken株式会社'],
      en: ['Sponsored', 'Outsourcing Technology Inc.', 'Zenken Corporation'],
    };
    expect(pages.size).toBe(41);
    for (const [file, tree] of pages) {
      const header = select('body > header', tree);
      const disclosure = select('body > header > .disclosure', tree);
      expect(header, file).toBeTruthy();
      expect(select('body > *', tree), file).toBeTruthy();
      const text = toString(disclosure!);
      const langs = file.startsWith('ja/') ? ['ja'] : file.startsWith('en/') ? ['en'] : ['ja', 'en'];
      for (const lang of langs) for (const part of expected[lang as 'ja' | 'en']) expect(text, file).toContain(part);
    }
  });

  it('marks citations, and closes each chapter with dated, linked notes', () => {
    const ja = page('ja/02-salary.html');
    expect(selectAll('a.noteref', ja).map((a) => `${toString(a)} ${String(a.properties.href)}`)).toEqual(['※1 #ja-note-1', '※2 #ja-note-2']);
    const jaNote1 = toString(select('#ja-note-1', ja)!);
    expect(jaNote1).toContain('厚生労働省');
    expect(jaNote1).toContain('job tag');
    expect(jaNote1).toContain('2024年9月17日調査時点');
    expect(select('#ja-note-1 a.source-url', ja)!.properties.href).toBe('https://shigoto.mhlw.go.jp/User/Occupation/Detail/321');
    const idn = select('#ja-note-2 a.source-url', ja)!;
    expect(toString(idn)).toBe('https://求人ボックス.com/セキュリティエンジニアの年収・時給');
    expect(String(idn.properties.href)).toMatch(/^https:\/\/xn--[a-z0-9-]+\.com\/%E3%82%BB/);
    expect(select('#ja-note-1 a.backref', ja)!.properties.href).toBe('#ja-noteref-1');

    const en = page('en/02-salary.html');
    expect(selectAll('sup > a.noteref', en).map((a) => toString(a))).toEqual(['1', '2']);
    expect(toString(select('#en-note-1', en)!)).toContain('accessed September 17, 2024');
    expect(toString(select('#en-note-2', en)!)).toContain('Kyujin Box');

    const bilingual = page('bilingual/02-salary.html');
    expect(select('#ja-note-1', bilingual)).toBeTruthy();
    expect(select('#en-note-1', bilingual)).toBeTruthy();
  });

  it('numbers notes per chapter, the same in both languages', () => {
    const sponsorJa = selectAll('a.noteref', page('ja/09-about-the-sponsor.html')).map((a) => String(a.properties.href));
    const sponsorEn = selectAll('a.noteref', page('en/09-about-the-sponsor.html')).map((a) => String(a.properties.href));
    expect(sponsorJa.length).toBeGreaterThan(0);
    expect(sponsorJa.every((href) => href === '#ja-note-1')).toBe(true);
    expect(sponsorEn.map((href) => href.replace('en-', 'ja-'))).toEqual(sponsorJa);
    expect(toString(select('#ja-note-1', page('ja/09-about-the-sponsor.html'))!)).toContain('2024年2月19日');
  });

  it('lists every source, dated, on the sources page of each edition', () => {
    const ja = toString(select('main', page('ja/sources.html'))!);
    for (const part of ['厚生労働省', '求人ボックス', '株式会社アウトソーシングテクノロジー', '2024年9月17日調査時点', '公式サイト（2024年2月19日時点）']) expect(ja).toContain(part);
    // The company's hiring plan is dated as of a day the source gives, not the day anyone read it.
    expect(ja).not.toContain('2024年2月19日調査時点');
    const en = toString(select('main', page('en/sources.html'))!);
    for (const part of ['Ministry of Health, Labour and Welfare', 'Kyujin Box', 'accessed September 17, 2024', '“Official website,” as of February 19, 2024.']) expect(en).toContain(part);
    expect(en).not.toContain('accessed February 19, 2024');
  });

  // The hreflang alternates need the book's address (site-features.test.ts builds it with one).
  it('links each page to the same page in the other editions', () => {
    const ja = page('ja/03-work.html');
    expect(selectAll('.edition-switcher a', ja).map((a) => String(a.properties.href))).toEqual(['03-work.html', '../en/03-work.html', '../bilingual/03-work.html']);
    expect(select('.edition-switcher a[aria-current=page]', ja)!.properties.href).toBe('03-work.html');
    expect(select('html', page('en/03-work.html'))!.properties.lang).toBe('en');
    expect(select('a[rel~=prev]', ja)!.properties.href).toBe('02-salary.html');
    expect(select('a[rel~=next]', ja)!.properties.href).toBe('04-background.html');
  });

  it('sets each Japanese block beside its English one in the bilingual edition, tagging the English', () => {
    const tree = page('bilingual/01-what-is-a-soc-analyst.html');
    const pairs = selectAll('.pair', tree);
    expect(pairs.length).toBeGreaterThan(5);
    for (const pair of pairs) {
      expect(select(':scope > .en', pair)!.properties.lang).toBe('en');
      expect(select(':scope > .ja', pair)!.properties.lang).toBe('ja');
    }
    expect(select('h1.bilingual-heading > span.en[lang=en]', tree)).toBeTruthy();
  });

  it('resolves every internal link and fragment, and requests nothing from other hosts', async () => {
    expect(await verifySite({ editions: (['ja', 'en', 'bilingual'] as const).map((name) => buildEdition(result.book!, name)), dir: siteDir })).toEqual([]);
    for (const [file, tree] of pages) {
      // `<link rel=alternate>` names the page's address in another language; no browser loads it.
      for (const element of selectAll('link[href]:not([rel=alternate]), script[src], img[src]', tree)) {
        const target = String(element.properties.href ?? element.properties.src);
        expect(target, file).not.toMatch(/^(https?:)?\/\//);
      }
    }
  });

  it('forbids inline and remote scripts on every page with a Content-Security-Policy', () => {
    for (const [file, tree] of pages) {
      const policy = String(select('meta[http-equiv="Content-Security-Policy"]', tree)?.properties.content);
      expect(policy, file).toContain("default-src 'none'");
      expect(policy, file).toContain("script-src 'self'");
      expect(policy, file).not.toContain('unsafe-inline');
      expect(selectAll('script:not([src])', tree), file).toEqual([]);
      for (const script of selectAll('script', tree)) expect(String(script.properties.src), file).toMatch(/^(\.\.\/)?assets\/[a-z-]+\.js$/);
    }
  });

  it('writes no sitemap, alternates, og:url or card while the book has no address', async () => {
    // book.yaml gives no `url` until the book has a real home: made-up absolute addresses would mislead.
    expect(existsSync(path.join(siteDir, 'sitemap.xml'))).toBe(false);
    for (const [file, tree] of pages) {
      expect(selectAll('link[rel=alternate][hreflang]', tree), file).toEqual([]);
      expect(selectAll('meta[property="og:url"], meta[property="og:image"]', tree), file).toEqual([]);
    }
  });

  it('passes the Nu Html Checker with no errors on every page and stylesheet', async () => {
    const jar = path.join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
    const files = (await listFiles(siteDir)).filter((file) => /\.(html|css)$/.test(file)).map((file) => path.join(siteDir, file));
    expect(files).toHaveLength(43);
    const { stderr } = await run('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--exit-zero-always', ...files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const messages = (JSON.parse(stderr) as { messages: Array<{ type: string; url: string; message: string; lastLine?: number }> }).messages;
    const errors = messages.filter((message) => message.type === 'error');
    expect(errors.map((error) => `${path.relative(siteDir, new URL(error.url).pathname)}:${error.lastLine}: ${error.message}`)).toEqual([]);
  });

  it('has no axe-core violations on any page, and shows the disclosure without scrolling', async () => {
    const axeSource = await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const tab = await browser.newPage();
    const violations: string[] = [];
    // Every page in both color schemes (contrast is checked in each); a phone's width for a few.
    for (const [viewport, files, scheme] of [
      [{ width: 1280, height: 800 }, [...pages.keys()], 'light'],
      [{ width: 1280, height: 800 }, [...pages.keys()], 'dark'],
      [{ width: 375, height: 667 }, ['index.html', 'ja/02-salary.html', 'en/index.html', 'bilingual/07-survey.html'], 'light'],
      [{ width: 375, height: 667 }, ['ja/06-skills-and-certifications.html', 'bilingual/07-survey.html'], 'dark'],
    ] as const) {
      await tab.setViewport(viewport);
      await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const file of files) {
        await tab.goto(pathToFileURL(path.join(siteDir, file)).href, { waitUntil: 'load' });
        const top = await tab.$eval('.disclosure', (element) => element.getBoundingClientRect().bottom);
        expect(top, file).toBeLessThan(viewport.height / 2);
        await tab.evaluate(axeSource);
        const found = await tab.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
          const results = await axe.run();
          return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        });
        violations.push(...found.map((line) => `${file} (${viewport.width}px, ${scheme}) ${line}`));
      }
    }
    await tab.close();
    expect(violations).toEqual([]);
  });
});

describe('facts.json', () => {
  // The specification sits beside the repository where the project is developed (and in CI); a clone elsewhere has only the copy.
  const shared = path.join(repoRoot, '../shared/facts.json');
  it.skipIf(!existsSync(shared))('is the copy of the shared specification', async () => {
    expect(await readFile(path.join(repoRoot, 'test/fixtures/facts.json'), 'utf8')).toBe(await readFile(shared, 'utf8'));
  });
});
