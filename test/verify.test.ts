import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { CacheStore } from '../src/cache/store.ts';
import { buildEdition, type Edition } from '../src/editions/edition.ts';
import { build, type BuildResult, verifySite } from '../src/index.ts';
import { verifyEpub } from '../src/output/epub/verify.ts';
import { fixtureBooks, removeDir, suiteDir, tempDir } from './helpers.ts';

/**
 * The output checks read each page once into a summary kept between builds by the page's hash. Whatever
 * they find must be the same whether the summary was just read or kept: broken output is checked three
 * ways (no cache, an empty one, a filled one) and must give the same messages each time.
 */
const messagesOf = (files: VFile[]) => files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}: ${message.reason}`));

async function threeWays(check: (editions: Edition[]) => Promise<VFile[]>): Promise<string[]> {
  const book = result.book!;
  const editions = (cache: CacheStore) => (['ja', 'en', 'bilingual'] as const).map((name) => ({ ...buildEdition(book, name), cache }));
  const uncached = messagesOf(await check(editions(CacheStore.open(book.config.root, { enabled: false }))));
  const first = messagesOf(await check(editions(book.cache)));
  const kept = messagesOf(await check(editions(book.cache)));
  expect(first).toEqual(uncached);
  expect(kept).toEqual(uncached);
  return uncached;
}

let root: string;
let out: string;
let result: BuildResult;
beforeAll(async () => {
  root = await suiteDir();
  await cp(path.join(fixtureBooks, 'small'), root, { recursive: true });
  out = path.join(root, 'dist');
  result = await build({ root, outDir: out, formats: ['site', 'epub'] });
  expect(result.ok).toBe(true);
}, 120_000);

afterAll(() => removeDir(root));

describe('site output check', () => {
  it('passes the site as built, from a cold and a kept summary alike', async () => {
    expect(await threeWays(async (editions) => verifySite({ editions, dir: path.join(out, 'site') }))).toEqual([]);
  });

  it('finds missing targets, unsafe markup and a dropped disclosure, the same with summaries kept', async () => {
    const site = await tempDir();
    await cp(path.join(out, 'site'), site, { recursive: true });
    const page = path.join(site, 'ja/01-first.html');
    const html = (await readFile(page, 'utf8'))
      .replace('id="main"', 'id="main-moved"')
      .replace(
        '</main>',
        '<a href="nowhere.html">x</a><img src="https://example.org/x.png" alt=""><button onclick="go()">x</button><script>alert(1)</script></main>',
      );
    await writeFile(page, html);
    const english = path.join(site, 'en/01-first.html');
    await writeFile(english, (await readFile(english, 'utf8')).replace('class="disclosure"', 'class="notice"'));

    const messages = await threeWays(async (editions) => verifySite({ editions, dir: site }));
    expect(messages).toEqual(
      expect.arrayContaining([
        '01-first.html: Link `#main` in ja/01-first.html points to #main, which ja/01-first.html does not have',
        '01-first.html: Link `nowhere.html` in ja/01-first.html points to ja/nowhere.html, which the site does not have',
        '01-first.html: ja/01-first.html: an inline <script> would run',
        '01-first.html: ja/01-first.html: an event handler `onClick` on <button>',
        '01-first.html: ja/01-first.html: <img> loads `https://example.org/x.png` from elsewhere; pages load only their own files',
        '01-first.html: The en sponsor disclosure is missing from the top of en/01-first.html; a sponsored book must disclose it on every page',
      ]),
    );
    expect(messages).toHaveLength(6);
  });
});

describe('EPUB output check', () => {
  it('passes the EPUBs as built, and finds broken XML, links and scripts, the same with summaries kept', async () => {
    const dir = path.join(out, 'epub');
    const japanese = (editions: Edition[]) => editions.filter((edition) => edition.name === 'ja');
    expect(await threeWays(async (editions) => verifyEpub({ editions: japanese(editions), dir }))).toEqual([]);

    const broken = await tempDir();
    const [name] = (await readdir(dir)).filter((file) => file.endsWith('-ja.epub'));
    const zip = await JSZip.loadAsync(await readFile(path.join(dir, name!)));
    const entry = Object.keys(zip.files).find((file) => file.endsWith('01-first.xhtml'))!;
    const text = await zip.file(entry)!.async('string');
    zip.file(entry, text.replace('</section>', '<a href="missing.xhtml">x</a><a href="#nope">y</a><script src="x.js"></script><p>unclosed</section>'));
    await writeFile(path.join(broken, name!), await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));

    const messages = await threeWays(async (editions) => verifyEpub({ editions: japanese(editions), dir: broken }));
    expect(messages.some((message) => message.includes(`${entry} is not well-formed XML`))).toBe(true);
    expect(messages).toEqual(
      expect.arrayContaining([
        `${name}: ${name}: 01-first.xhtml has <script>, which an EPUB of ours never carries`,
        `${name}: ${name}: link \`missing.xhtml\` in 01-first.xhtml points to a file the EPUB does not have`,
        `${name}: ${name}: link \`#nope\` in 01-first.xhtml points to #nope, which 01-first.xhtml does not have`,
      ]),
    );
  });
});
