import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { cacheDir } from '../src/content/chapter-cache.ts';
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
});
