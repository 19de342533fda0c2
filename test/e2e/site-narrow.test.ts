import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { launchBrowser } from '../../src/output/browser.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { fixtureBooks, removeDir, repoRoot, suiteDir } from '../helpers.ts';

/**
 * The narrow book holds what real documentation holds and a phone cannot show on one line: 200-character code
 * lines, an eight-column table of identifiers, 300-character URLs, long words in headings, a 2000 px image.
 * None of it may make a page scroll sideways; a code block or a table scrolls inside its own box.
 */
const run = promisify(execFile);
let dir: string | undefined;
let site: string;
let pages: string[];
let browser: Browser;
let messages: string[];

beforeAll(async () => {
  dir = await suiteDir('bilingual-book-narrow-');
  const root = path.join(dir, 'book');
  await cp(path.join(fixtureBooks, 'narrow'), root, { recursive: true });
  const result = await build({ root, outDir: dir, formats: ['site'] });
  messages = result.diagnostics.format(root);
  site = path.join(dir, 'site');
  pages = (await listFiles(site)).filter((file) => file.endsWith('.html'));
  browser = await launchBrowser({ offline: true });
});

afterAll(async () => {
  await browser?.close();
  await removeDir(dir);
});

it('builds with no errors or warnings', () => {
  expect(messages).toEqual([]);
  expect(pages).toHaveLength(17);
});

it.each([390, 1280])('scrolls no page sideways at %i px, in every edition', async (width) => {
  const tab = await browser.newPage();
  await tab.setViewport({ width, height: 844 });
  const wide: string[] = [];
  for (const file of pages) {
    await tab.goto(pathToFileURL(path.join(site, file)).href, { waitUntil: 'load' });
    const found = await tab.evaluate(() => {
      const page = document.documentElement.scrollWidth;
      if (page <= window.innerWidth) return undefined;
      // Name the outermost element that sticks out, so that a failure says which construct did it.
      const culprit = Array.from(document.querySelectorAll('main *')).find((element) => element.getBoundingClientRect().right > window.innerWidth);
      return `${page} px (${culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className}` : 'outside main'})`;
    });
    if (found) wide.push(`${file}: ${found}`);
  }
  await tab.close();
  expect(wide).toEqual([]);
});

it('lets the keyboard reach every code block and table that scrolls, and names each table box in its language', async () => {
  const page = await readFile(path.join(site, 'bilingual/01-wide-code-and-tables.html'), 'utf8');
  expect(page.match(/<pre tabindex="0">/g)).toHaveLength(6);
  expect(page).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="表1"><table>');
  expect(page).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="Table 1"><table>');
  expect(await readFile(path.join(site, 'en/01-wide-code-and-tables.html'), 'utf8')).toContain('aria-label="Table 1"');
});

it('has no axe-core violations on the chapter pages at 390 px', async () => {
  const axeSource = await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const tab = await browser.newPage();
  await tab.setViewport({ width: 390, height: 844 });
  const violations: string[] = [];
  for (const file of pages.filter((name) => /\/0\d-/.test(name))) {
    await tab.goto(pathToFileURL(path.join(site, file)).href, { waitUntil: 'load' });
    await tab.evaluate(axeSource);
    const found = await tab.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      return (await axe.run()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    violations.push(...found.map((line) => `${file} ${line}`));
  }
  await tab.close();
  expect(violations).toEqual([]);
});

it('passes the Nu Html Checker with no errors on the chapter pages and the stylesheets', async () => {
  const jar = path.join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const files = (await listFiles(site)).filter((file) => /\/0\d-.*\.html$|\.css$/.test(file)).map((file) => path.join(site, file));
  const { stderr } = await run('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--exit-zero-always', ...files], { maxBuffer: 64 << 20 });
  const found = (JSON.parse(stderr) as { messages: Array<{ type: string; url: string; message: string; lastLine?: number }> }).messages;
  expect(found.filter((message) => message.type === 'error').map((error) => `${path.relative(site, new URL(error.url).pathname)}:${error.lastLine}: ${error.message}`)).toEqual([]);
});
