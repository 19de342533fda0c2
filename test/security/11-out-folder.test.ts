import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers.ts';
import { type Attack, buildAttack, plant, prepareAttack } from './attack.ts';
import { hashes, immutable } from './output-state.ts';

/**
 * Issue 11, item 11 and the `--out` parts of item 10: an output folder is refused when writing there
 * would overwrite the book or the system, and a folder holding files we did not write is never replaced.
 */

let attack: Attack;
beforeEach(async () => {
  attack = await prepareAttack();
});
afterEach(async () => {
  await attack.close();
});

const site = ['--format', 'site'];

describe('--out refuses folders that are not ours to fill', () => {
  it.each([
    ['', () => 'bilingual-book: --out needs a folder; an empty one would mean the current folder'],
    ['/', (root: string) => `bilingual-book: Invalid --out \`/\`: / is the root of the file system; choose a folder of its own, such as ${root}/dist`],
    ['templates', (root: string) => `bilingual-book: Invalid --out \`templates\`: ${root}/templates is inside the book's templates/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${root}/dist`],
    ['content/x', (root: string) => `bilingual-book: Invalid --out \`content/x\`: ${root}/content/x is inside the book's content/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${root}/dist`],
    ['locales', (root: string) => `bilingual-book: Invalid --out \`locales\`: ${root}/locales is inside the book's locales/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${root}/dist`],
    ['content/ja/01-first.md', (root: string) => `bilingual-book: Invalid --out \`content/ja/01-first.md\`: ${root}/content/ja/01-first.md is inside the book's content/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${root}/dist`],
  ])('--out %j: exit 2, the book untouched', async (out, message) => {
    await plant(attack.root, 'templates/site/page.html', 'the book’s own page shell');
    const before = await hashes(attack.root);
    const { code, err } = await cli(['build', '--root', attack.root, '--out', out, ...site], attack.root);
    expect(code).toBe(2);
    expect(err[0]).toBe(message(attack.root));
    expect(await hashes(attack.root)).toEqual(before);
  });

  it('refuses a file, and a path under a file (exit 2), leaving the file as it was', async () => {
    const file = path.join(path.dirname(attack.out), 'notes.txt');
    await writeFile(file, 'my notes');
    const asFile = await cli(['build', '--root', attack.root, '--out', file, ...site], attack.root);
    expect(asFile.code).toBe(2);
    expect(asFile.err[0]).toBe(`bilingual-book: Invalid --out \`${file}\`: ${file} is a file, not a folder`);
    const under = await cli(['build', '--root', attack.root, '--out', `${file}/dist`, ...site], attack.root);
    expect(under.code).toBe(2);
    expect(under.err[0]).toBe(`bilingual-book: Invalid --out \`${file}/dist\`: ${file}/dist is under ${file}, which is a file, not a folder`);
    expect(await readFile(file, 'utf8')).toBe('my notes');
  });

  it('refuses a default dist/ the book links into its own templates/ (exit 1, output-folder)', async () => {
    await plant(attack.root, 'templates/site/page.html', 'the book’s own page shell');
    await symlink('templates', path.join(attack.root, 'dist'));
    const before = await hashes(attack.root);
    const { code, err } = await cli(['build', '--root', attack.root, ...site], attack.root);
    expect(code).toBe(1);
    expect(err[0]).toBe(`dist: error: Cannot write the output here: ${attack.root}/dist is inside the book's templates/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${attack.root}/dist [output-folder]`);
    expect(await hashes(attack.root)).toEqual(before);
  });
});

describe('a dist/ the book folder brings with it', () => {
  it('refuses a dist/ that is a link out of the book, unless --out names it', async () => {
    const elsewhere = path.join(path.dirname(attack.root), 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(attack.root, 'dist'));
    const { code, err } = await cli(['build', '--root', attack.root, ...site], attack.root);
    expect(code).toBe(1);
    expect(err[0]).toBe(`dist: error: Cannot write the output here: ${attack.root}/dist is a link to ${elsewhere}, which the book folder chose; to build there, say so with --out ${elsewhere} [output-folder]`);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('never follows a planted journal or staging link out of the output folder', async () => {
    const victim = path.join(path.dirname(attack.root), 'victim');
    await plant(victim, 'keep.txt', 'keep');
    await plant(attack.root, 'dist/.staging-1-1-planted/.publishing', JSON.stringify({ names: ['../../victim', '/etc', 'site'], hadManifest: true }));
    await plant(attack.root, 'dist/.staging-1-1-planted/.old-../../victim/x', 'x');
    await symlink(victim, path.join(attack.root, 'dist/.staging-1-1-linked'));
    const { code } = await cli(['build', '--root', attack.root, ...site], attack.root);
    expect(code).toBe(0);
    expect(await hashes(victim)).toEqual({ 'keep.txt': expect.any(String) });
    expect((await readdir(path.join(attack.root, 'dist'))).sort()).toEqual(['.bilingual-book-manifest.json', 'site']);
  });
});

describe('an output folder holding files we did not write', () => {
  it('refuses to replace a site/ someone else made, naming the file; nothing is lost', async () => {
    await mkdir(path.join(attack.out, 'site'), { recursive: true });
    await writeFile(path.join(attack.out, 'site/notes.txt'), 'my own notes');
    const { code, err } = await buildAttack(attack, site);
    expect(code).toBe(1);
    const shown = path.join(attack.out, 'site');
    expect(err).toContain(`../dist: error: Refusing to replace ${shown}: it holds ${shown}/notes.txt, which bilingual-book did not write, and a build replaces the whole folder; move that out of ${shown}, or build into another --out (if it is the output of a bilingual-book older than .bilingual-book-manifest.json, delete ${shown}) [output-folder]`);
    expect(await hashes(attack.out)).toEqual({ 'site/notes.txt': expect.any(String) });
    expect(await readFile(path.join(attack.out, 'site/notes.txt'), 'utf8')).toBe('my own notes');
  });

  it('refuses when a file was added to a site/ we built, and builds again once it is moved out', async () => {
    expect((await buildAttack(attack, site)).code).toBe(0);
    await writeFile(path.join(attack.out, 'site/en/notes.txt'), 'added by hand');
    const built = await hashes(attack.out);
    const refused = await buildAttack(attack, site);
    expect(refused.code).toBe(1);
    expect(refused.err.at(-2)).toContain(`it holds ${attack.out}/site/en/notes.txt, which bilingual-book did not write`);
    expect(await hashes(attack.out)).toEqual(built);
    await cp(path.join(attack.out, 'site/en/notes.txt'), path.join(attack.root, 'notes.txt'));
    const { rm } = await import('node:fs/promises');
    await rm(path.join(attack.out, 'site/en/notes.txt'));
    expect((await buildAttack(attack, site)).code).toBe(0);
  });

  it('leaves the user’s other files in the output folder alone', async () => {
    await mkdir(attack.out, { recursive: true });
    await writeFile(path.join(attack.out, 'README.txt'), 'mine');
    expect((await buildAttack(attack, site)).code).toBe(0);
    expect((await buildAttack(attack, site)).code).toBe(0);
    expect(await readFile(path.join(attack.out, 'README.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a format folder that is a link to elsewhere, and leaves what it points to alone', async () => {
    const elsewhere = path.join(path.dirname(attack.out), 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'keep.txt'), 'keep');
    await mkdir(attack.out);
    await symlink(elsewhere, path.join(attack.out, 'site'));
    const { code, err } = await buildAttack(attack, site);
    expect(code).toBe(1);
    expect(err.at(-2)).toContain(`it holds ${attack.out}/site, which bilingual-book did not write`);
    expect(await readFile(path.join(elsewhere, 'keep.txt'), 'utf8')).toBe('keep');
  });
});

describe('an output folder that cannot be written (even by root)', () => {
  it('says so where no folder can be made (under /proc), rather than retrying for ever', async () => {
    const { code, err } = await buildAttack({ ...attack, out: '/proc/bilingual-book-out' }, site);
    expect(code).toBe(1);
    expect(err[0]).toBe(`${path.relative(attack.root, '/proc/bilingual-book-out')}: error: Cannot write into /proc/bilingual-book-out: the folder cannot be made here (/proc/bilingual-book-out); choose another --out [output-folder]`);
  }, 20_000);

  it('says so with a rule id, no stack trace, and loses nothing', async () => {
    expect((await buildAttack(attack, site)).code).toBe(0);
    const before = await hashes(attack.out);
    await immutable(attack.out, true);
    try {
      const { code, err } = await buildAttack(attack, site);
      expect(code).toBe(1);
      expect(err[0]).toMatch(/^\.\.\/dist: error: Cannot write into .*\/dist: permission denied \(.*\/dist\/\.build\.lock\.[0-9a-f-]+\); make the folder writable, or choose another --out \[output-folder\]$/);
      expect(err.join('\n')).not.toMatch(/\n\s+at .+:\d+:\d+/);
    } finally {
      await immutable(attack.out, false);
    }
    expect(await hashes(attack.out)).toEqual(before);
  });
});
