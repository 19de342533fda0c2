import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/index.ts';
import { cacheDir } from '../src/content/chapter-cache.ts';
import { listFiles } from '../src/verify/verify-site.ts';
import { copyBook, edit, tempDir } from './helpers.ts';

const now = new Date('2025-06-01T00:00:00Z');

async function snapshot(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return hashes;
}

async function buildOnce(root: string, cache: boolean, threads = '1') {
  const saved = { cache: process.env.BILINGUAL_BOOK_CACHE, threads: process.env.BILINGUAL_BOOK_THREADS };
  process.env.BILINGUAL_BOOK_CACHE = cache ? '1' : '0';
  process.env.BILINGUAL_BOOK_THREADS = threads;
  try {
    const out = await tempDir();
    const result = await build({ root, outDir: out, formats: ['site', 'epub'], now });
    return { out: await snapshot(out), messages: result.diagnostics.format(root) };
  } finally {
    for (const [name, value] of [['BILINGUAL_BOOK_CACHE', saved.cache], ['BILINGUAL_BOOK_THREADS', saved.threads]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
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
    const inline = await buildOnce(root, false, '1');
    const threaded = await buildOnce(root, false, '2');
    expect(threaded).toEqual(inline);
    expect(threaded.messages.some((line) => line.includes('[too-deep]'))).toBe(true);
  });
});
