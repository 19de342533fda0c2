import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { CacheStore } from '../src/cache/store.ts';
import { cacheDir } from '../src/content/chapter-cache.ts';
import { readZip } from '../src/output/epub/read-zip.ts';
import { listFiles } from '../src/output/site/verify.ts';
import { copyBook, edit, tempDir } from './helpers.ts';

const now = new Date('2025-06-01T00:00:00Z');

async function snapshot(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return hashes;
}

/** One signing secret for every build of these tests, as the CLI's key file gives every run. */
const key = randomBytes(32);

async function buildOnce(root: string, cache: boolean, threads = 1) {
  const out = await tempDir();
  const result = await build({ root, outDir: out, formats: ['site', 'epub'], now, cache: { key, enabled: cache }, threads });
  return { out: await snapshot(out), messages: result.diagnostics.format(root) };
}

describe('the chapter cache', () => {
  it('gives the same outputs and messages as a build without it, and follows edits', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '数字は42です', '数字は43です');
    const fresh = await buildOnce(root, false);
    const cold = await buildOnce(root, true);
    expect((await readdir(cacheDir(root))).filter((file) => file.endsWith('.json'))).toHaveLength(2);
    const warm = await buildOnce(root, true);
    expect(cold).toEqual(fresh);
    expect(warm).toEqual(fresh);
    expect(warm.messages.some((line) => line.includes('[stale-translation]'))).toBe(true);

    await edit(root, 'content/en/02-second.md', 'A paragraph with', 'One paragraph with');
    const edited = await buildOnce(root, true);
    expect(edited).toEqual(await buildOnce(root, false));
    expect(edited.out).not.toEqual(warm.out);
    // The replaced entry is pruned: one entry a chapter.
    expect((await readdir(cacheDir(root))).filter((file) => file.endsWith('.json'))).toHaveLength(2);
  });

  it('compiles on worker threads to the same outputs and messages, refusals included', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '数字は42です', '数字は43です');
    await edit(root, 'content/ja/02-second.md', '| A | 1 |', `| A | 1 |\n\n${'> '.repeat(150)}深い`);
    const inline = await buildOnce(root, false, 1);
    const threaded = await buildOnce(root, false, 2);
    expect(threaded).toEqual(inline);
    expect(threaded.messages.some((line) => line.includes('[too-deep]'))).toBe(true);
  });

  it('keeps the parsed translation lock and the drawn covers only while their inputs are the same', async () => {
    const root = await copyBook('small');
    await buildOnce(root, true);
    expect((await readdir(path.join(cacheDir(root), 'lock')))).toEqual(['lock.json']);
    expect(await readdir(path.join(cacheDir(root), 'covers'))).toHaveLength(3);

    // A lock that no longer parses is reported as such, kept parse or not.
    await edit(root, 'content/translations.lock.yaml', /en: [0-9a-f]{12}/, 'en: nothex');
    const broken = await buildOnce(root, true);
    expect(broken.out).toEqual({});
    expect(broken.messages.some((line) => line.includes('translations.lock.yaml') && line.includes('error'))).toBe(true);

    // A new title draws new covers, replacing the old ones.
    const retitled = await copyBook('small');
    const before = await buildOnce(retitled, true);
    await edit(retitled, 'content/book.yaml', /title:\n(\s+)ja: ([^\n]+)/, 'title:\n$1ja: 新しい題名');
    const after = await buildOnce(retitled, true);
    expect(after).toEqual(await buildOnce(retitled, false));
    expect(after.out).not.toEqual(before.out);
    expect(await readdir(path.join(cacheDir(retitled), 'covers'))).toHaveLength(3);
  });

  it('renders again only the pages an edit touches, and every page a changed title shows on', async () => {
    const root = await copyBook('small');
    await buildOnce(root, true);
    // Mark the kept pages of chapter 2: a build that reuses them shows the mark, one that renders them does not.
    const store = CacheStore.open(root, { key });
    for (const kind of ['site-ja', 'epub-ja']) {
      const name = `pages/${kind}.json`;
      const kept = JSON.parse(store.read(name)!.toString('utf8')) as { key: string; entries: Record<string, string> };
      for (const [hash, html] of Object.entries(kept.entries)) kept.entries[hash] = html.replace('図の説明です。', '図の説明です（保存）。');
      store.write(name, JSON.stringify(kept));
    }
    const shown = async (dir: string) => {
      const epub = await readZip(await readFile(path.join(dir, 'epub', 'small-book-ja.epub')), (name) => name.endsWith('.xhtml'));
      return {
        site: { first: await readFile(path.join(dir, 'site', 'ja', '01-first.html'), 'utf8'), second: await readFile(path.join(dir, 'site', 'ja', '02-second.html'), 'utf8') },
        epub: { first: epub.get('OEBPS/01-first.xhtml')!.toString('utf8'), second: epub.get('OEBPS/02-second.xhtml')!.toString('utf8') },
      };
    };

    await edit(root, 'content/ja/01-first.md', '最初の段落です。', '最初の段落を書き直しました。');
    const buildInto = async () => {
      const out = await tempDir();
      await build({ root, outDir: out, formats: ['site', 'epub'], now, cache: { key } });
      return out;
    };
    const paragraph = await buildInto();
    for (const pages of Object.values(await shown(paragraph))) {
      expect(pages.first).toContain('最初の段落を書き直しました。');
      expect(pages.second).toContain('図の説明です（保存）。');
    }

    // A new title is on the neighbour's page (its next link) and in the contents: chapter 2's pages are made again.
    await edit(root, 'content/ja/02-second.md', '# 第二章', '# 第二章の改題');
    const retitled = await buildOnce(root, true);
    expect(retitled).toEqual(await buildOnce(root, false));
    const pages = await shown(await buildInto());
    expect(pages.site.first).toContain('第二章の改題');
    for (const page of Object.values(pages)) expect(page.second).not.toContain('（保存）');
  });
});
