import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChapterProgress, loadBook } from '../../src/load-book.ts';
import { userCacheOptions } from '../../src/cli/settings.ts';
import type { CacheOptions } from '../../src/cache/store.ts';
import { cacheDir } from '../../src/content/chapter-cache.ts';
import { contentHash, derivedKey } from '../../src/cache/derived.ts';
import { buildEdition } from '../../src/editions/edition.ts';
import { disclosureParts } from '../../src/editions/matter.ts';
import { renderSite } from '../../src/output/site/render.ts';
import { pageFacts } from '../../src/output/page-facts.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { repoRoot, tempDir } from '../helpers.ts';
import { type Attack, buildAttack, filesContaining, outputTexts, plant, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 5: cached results were trusted. A `.cache/` that comes with a book folder is the
 * attacker's as much as its content is: every entry is signed with a secret kept outside the book folder
 * (the CLI keeps it in the user's cache folder), over the folder's real path, so a forged, edited or
 * copied entry is a miss and the result is computed afresh.
 */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

/** A page shell with no Content-Security-Policy, no disclosure and an inline script. */
async function plantEvilShell(root: string): Promise<void> {
  await cp(path.join(repoRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  const shell = await readFile(path.join(repoRoot, 'templates/site/page.html'), 'utf8');
  const evil = shell
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '')
    .replace('{{{disclosure}}}', '')
    .replace('</body>', '<script>alert("pwned")</script>\n</body>');
  expect(evil).not.toContain('Content-Security-Policy');
  await plant(root, 'templates/site/page.html', evil);
}

/** The pages the build is about to write, rendered the same way, as the attacker can do on their own machine. */
async function pagesToCome(root: string): Promise<Map<string, string>> {
  const { book } = await loadBook({ root });
  const out = await tempDir();
  await renderSite({ editions: (['ja', 'en', 'bilingual'] as const).map((name) => buildEdition(book!, name)), outDir: out, downloads: [] });
  const pages = new Map<string, string>();
  for (const file of (await listFiles(out)).filter((name) => name.endsWith('.html'))) pages.set(file, await readFile(path.join(out, file), 'utf8'));
  return pages;
}

/** How many chapters a load read from the cache. */
async function chaptersFromCache(root: string, cache: CacheOptions): Promise<number> {
  let cached = -1;
  await loadBook({ root, cache, onProgress: (progress: ChapterProgress) => (cached = progress.cached) });
  return cached;
}

describe('a forged or copied cache', () => {
  it('does not publish a page without CSP or disclosure that forged output-check facts call fine', async () => {
    attack = await prepareAttack();
    expect((await buildAttack(attack, ['--format', 'site'])).code).toBe(0);
    await plantEvilShell(attack.root);

    // The forgery: for every page the evil shell makes, facts that say it discloses and is safe.
    const { book } = await loadBook({ root: attack.root });
    const strings = { meta: book!.config.meta, t: book!.t };
    const disclosure = (['ja', 'en'] as const).map((lang) => `${disclosureParts(strings, lang).label} ${disclosureParts(strings, lang).text}`).join(' ');
    const entries: Record<string, unknown> = {};
    for (const html of (await pagesToCome(attack.root)).values()) {
      entries[contentHash(html)] = { ...pageFacts(fromHtml(html)), disclosure, unsafe: [] };
    }
    await plant(attack.root, '.cache/bilingual-book/checks/site-pages.json', JSON.stringify({ key: derivedKey(book!.cache, 'checks', 'site-pages'), entries }));

    const { code, out, err } = await buildAttack(attack, ['--format', 'site']);
    const printed = [...out, ...err].join('\n');
    expect(code).toBe(1);
    expect(printed).toContain('sponsor disclosure is missing from the top of ja/index.html');
    expect(printed).toContain('was left as it was [output-check]');
    expect(await filesContaining(attack.out, 'pwned')).toEqual([]);
  });

  it.each([
    ['keeps the signed envelope', true],
    ['is written as plain JSON', false],
  ])('never publishes a forged chapter whose entry %s: true figures, no javascript: link', async (_how, keepEnvelope) => {
    attack = await prepareAttack();
    expect((await buildAttack(attack, ['--format', 'site,epub'])).code).toBe(0);
    const dir = cacheDir(attack.root);
    let forged = 0;
    for (const name of (await readdir(dir)).filter((entry) => entry.endsWith('.json'))) {
      const bytes = await readFile(path.join(dir, name));
      // The envelope: a first line, then the 32-byte signature.
      const envelope = bytes.subarray(0, bytes.indexOf('\n') + 1 + 32);
      const chapter = JSON.parse(bytes.subarray(envelope.length).toString('utf8')) as { name: string; ja: { tree: { children: unknown[] } } };
      if (chapter.name !== '01-first') continue;
      chapter.ja.tree.children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'a', properties: { href: 'javascript:alert(1)' }, children: [{ type: 'text', value: 'click' }] }] });
      const text = JSON.stringify(chapter).replaceAll('数字は42です', '数字は99です').replaceAll('The figure is 42', 'The figure is 99');
      await writeFile(path.join(dir, name), keepEnvelope ? Buffer.concat([envelope, Buffer.from(text)]) : text);
      forged += 1;
    }
    expect(forged).toBe(1);

    const { code } = await buildAttack(attack, ['--format', 'site,epub']);
    expect(code).toBe(0);
    expect(await filesContaining(attack.out, 'javascript:')).toEqual([]);
    expect(await filesContaining(attack.out, '数字は99です')).toEqual([]);
    expect(await filesContaining(attack.out, 'figure is 99')).toEqual([]);
    const texts = await outputTexts(attack.out);
    expect(texts.get('site/ja/01-first.html')).toContain('数字は42です');
    expect(texts.get('site/en/01-first.html')).toContain('The figure is 42');
  });

  it('does not use a cache copied from another book folder, or signed by another user', async () => {
    attack = await prepareAttack();
    const cache = userCacheOptions(process.env);
    expect((await buildAttack(attack, ['--format', 'site'])).code).toBe(0);
    expect(await chaptersFromCache(attack.root, cache)).toBe(2);

    const copy = path.join(await mkdtemp(path.join(path.dirname(attack.root), 'copy-')), 'book');
    await cp(attack.root, copy, { recursive: true });
    expect(await chaptersFromCache(copy, cache)).toBe(0);
    // The copy's own entries, written by that load, serve it from then on.
    expect(await chaptersFromCache(copy, cache)).toBe(2);
    expect(await chaptersFromCache(attack.root, { key: randomBytes(32) })).toBe(0);
  });

  it('keeps its secret outside the book: one key file, made once with mode 600, shared by every build', async () => {
    attack = await prepareAttack();
    const keyFile = path.join(path.dirname(attack.root), 'user-cache', 'bilingual-book', 'cache-key');
    expect(await chaptersFromCache(attack.root, { keyFile })).toBe(0);
    const key = await readFile(keyFile);
    expect(key.length).toBe(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await chaptersFromCache(attack.root, { keyFile })).toBe(2);
    expect(await readFile(keyFile)).toEqual(key);
    // Nothing under the book folder holds it.
    const inBook = (await listFiles(attack.root)).map((file) => path.join(attack!.root, file));
    for (const file of inBook) expect((await readFile(file)).includes(key), file).toBe(false);
  });
});
