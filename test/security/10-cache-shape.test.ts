import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userCacheOptions } from '../../src/cli/settings.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { cacheDir } from '../../src/content/chapter-cache.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { type Attack, buildAttack, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 10 (caches): a garbage, truncated, wrong-shaped or forged cache entry (or one that is a
 * link, a folder, a device) is a miss, silently recomputed: never a crash, never trusted, and the
 * outputs are byte for byte those of a build without the cache.
 */
let attack: Attack;
let reference: Record<string, string>;

async function snapshot(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return hashes;
}

/** Every entry of the store, relative to it: chapters, the lock, the covers, the checks' facts. */
async function entries(): Promise<string[]> {
  return (await listFiles(cacheDir(attack.root))).filter((name) => !name.endsWith('.tmp'));
}

beforeAll(async () => {
  const bare = await prepareAttack();
  const before = process.env.BILINGUAL_BOOK_CACHE;
  process.env.BILINGUAL_BOOK_CACHE = '0';
  try {
    expect((await buildAttack(bare, ['--format', 'site,epub'])).code).toBe(0);
    reference = await snapshot(bare.out);
    expect(existsSync(cacheDir(bare.root))).toBe(false);
  } finally {
    if (before === undefined) delete process.env.BILINGUAL_BOOK_CACHE;
    else process.env.BILINGUAL_BOOK_CACHE = before;
    await bare.close();
  }
}, 120_000);

// Each case starts from a book whose cache a normal build has just filled.
beforeEach(async () => {
  attack = await prepareAttack();
  expect((await buildAttack(attack, ['--format', 'site,epub'])).code).toBe(0);
  // Chapters, lock, three covers, the site's three link-preview cards, the site's and the EPUBs' facts, each
  // edition's kept site pages, EPUB chapters and search blocks.
  expect((await entries()).length).toBe(2 + 1 + 3 + 3 + 2 + 3 + 3 + 3);
}, 120_000);

afterEach(() => attack.close());

async function expectNormalBuild(): Promise<void> {
  const { code, out, err } = await buildAttack(attack, ['--format', 'site,epub']);
  expect(err.filter((line) => /error|Error|\bat /.test(line))).toEqual([]);
  expect(out.some((line) => line.startsWith('Editions ja, en, bilingual done'))).toBe(true);
  expect(code).toBe(0);
  expect(await snapshot(attack.out)).toEqual(reference);
}

const signed = () => CacheStore.open(attack.root, userCacheOptions(process.env));

describe('a broken cache is a miss', () => {
  it('garbage in every entry', async () => {
    for (const name of await entries()) await writeFile(path.join(cacheDir(attack.root), name), randomBytes(200));
    await expectNormalBuild();
  });

  it('every entry truncated', async () => {
    for (const name of await entries()) {
      const file = path.join(cacheDir(attack.root), name);
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    await expectNormalBuild();
  });

  it('every entry empty, or JSON of the wrong shape', async () => {
    const shapes = ['', 'null', '[]', '"x"', '{}', '{"name":5,"ja":[],"key":{}}'];
    for (const [index, name] of (await entries()).entries()) await writeFile(path.join(cacheDir(attack.root), name), shapes[index % shapes.length]!);
    await expectNormalBuild();
  });

  it('entries signed with the right key but of the wrong shape (as a bug or an older layout would write)', async () => {
    const store = signed();
    for (const name of await entries()) {
      const payload = store.read(name);
      expect(payload, name).toBeDefined();
      if (name.endsWith('.png')) {
        store.write(name, 'not a png');
        continue;
      }
      const value = JSON.parse(payload!.toString('utf8')) as Record<string, unknown>;
      if (name.startsWith('pages/')) {
        // Right key, every kept page something other than its HTML.
        const entries = value.entries as Record<string, unknown>;
        for (const hash of Object.keys(entries)) entries[hash] = { html: 5 };
      } else if (name.startsWith('checks/')) {
        // Right key, every kept fact of the wrong shape.
        const entries = value.entries as Record<string, unknown>;
        for (const hash of Object.keys(entries)) entries[hash] = { lang: 5, ids: 'x', links: null };
      } else if (name.startsWith('lock/')) {
        value.lock = { chapters: { '01-first': 'not a list' } };
      } else {
        (value.ja as Record<string, unknown>).tree = { type: 'element', children: 'none' };
        value.en = null;
      }
      store.write(name, JSON.stringify(value));
    }
    await expectNormalBuild();
  });

  it('entries that are folders, links to devices or to files elsewhere, and linked folders', async () => {
    const dir = cacheDir(attack.root);
    const outside = path.join(path.dirname(attack.root), 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'keep.json'), '{"mine":true}');
    const names = await entries();
    for (const [index, name] of names.entries()) {
      const file = path.join(dir, name);
      await rm(file);
      if (index % 3 === 0) await mkdir(file);
      else await symlink(index % 3 === 1 ? '/dev/zero' : attack.secretFile, file);
    }
    // A linked folder: the store must neither read from it nor write or prune there.
    await rm(path.join(dir, 'checks'), { recursive: true, force: true });
    await symlink(outside, path.join(dir, 'checks'));
    await expectNormalBuild();
    expect(await readdir(outside)).toEqual(['keep.json']);
    await expectNormalBuild();
  });
});
