import { execFileSync } from 'node:child_process';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Attack, buildAttack, filesContaining, plant, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 8, for templates: a book's page shells and style sheets are read like every other input file,
 * within bounds, file by file. A shell linked to a file elsewhere must not print that file into the site, a
 * FIFO must not hang the build, and a book that overrides one file keeps the tool's others.
 */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

describe('book templates (issue 11, item 8)', () => {
  it('never prints a file outside the book through a page shell linked to it', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    await mkdir(path.join(attack.root, 'templates/site'), { recursive: true });
    await symlink(attack.secretFile, path.join(attack.root, 'templates/site/page.html'));
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.\.\/dist: error: Could not build the site output: The book's templates\/site\/page\.html cannot be used: it resolves to .*secret\.txt, outside the book folder; replace it with a plain file in the book folder, or remove it to use the tool's own \[render-failed\]$/),
      ]),
    );
    expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
    // The EPUBs do not use the site's shell: they are published.
    expect((await readdir(path.join(attack.out, 'epub'))).filter((name) => name.endsWith('.epub'))).toHaveLength(3);
    expect(attack.requests).toEqual([]);
  });

  it('refuses a FIFO style sheet at once, instead of waiting for a writer', { timeout: 30_000 }, async () => {
    attack = await prepareAttack();
    await mkdir(path.join(attack.root, 'templates/pdf'), { recursive: true });
    execFileSync('mkfifo', [path.join(attack.root, 'templates/pdf/book.css')]);
    const result = await buildAttack(attack, ['--format', 'pdf']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      "../dist: error: Could not build the pdf output: The book's templates/pdf/book.css cannot be used: it is a named pipe (FIFO), not a file; replace it with a plain file in the book folder, or remove it to use the tool's own [render-failed]",
    );
  });

  it('keeps the tool’s own site and PDF shells when a book overrides only its EPUB style sheet', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    await plant(attack.root, 'templates/epub/style.css', 'body { margin: 0 1em; }\n');
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.err.filter((line) => line.includes('error'))).toEqual([]);
    expect(result.code).toBe(0);
  });
});
