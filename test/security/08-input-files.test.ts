import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Attack, buildAttack, filesContaining, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 8: every input file is type-checked and size-checked before it is read, and must resolve
 * inside the book folder. Each case must be refused at once: a hang would time the test out.
 */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

async function replaceWith(root: string, relative: string, make: (file: string) => Promise<void> | void): Promise<void> {
  const file = path.join(root, relative);
  await rm(file, { force: true });
  await make(file);
}

const mkfifo = (file: string) => {
  execFileSync('mkfifo', [file]);
};

describe('input files (issue 11, item 8)', () => {
  it('refuses a FIFO chapter at once', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await replaceWith(attack.root, 'content/ja/02-second.md', mkfifo);
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/ja/02-second.md: error: Refused: chapter `02-second` listed in content/book.yaml is a named pipe (FIFO), not a regular file; replace it by a UTF-8 text file [unreadable-file]',
    );
  });

  it('refuses a FIFO book.yaml at once', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await replaceWith(attack.root, 'content/book.yaml', mkfifo);
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/book.yaml: error: Refused: the book metadata is a named pipe (FIFO), not a regular file; replace it by a UTF-8 text file [unreadable-file]',
    );
  });

  it('refuses a chapter symlinked to /dev/zero without reading it', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await replaceWith(attack.root, 'content/ja/02-second.md', (file) => symlink('/dev/zero', file));
    const before = process.memoryUsage().rss;
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/ja/02-second.md: error: Refused: chapter `02-second` listed in content/book.yaml leads outside the book folder (a symbolic link); put the file itself in the book folder [input-outside-book]',
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses a device inside the book folder by its type', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    // A folder where a chapter should be: the same check as a device, and one a test can make without root.
    await replaceWith(attack.root, 'content/ja/02-second.md', (file) => mkdir(file));
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/ja/02-second.md: error: Refused: chapter `02-second` listed in content/book.yaml is a folder, not a regular file; replace it by a UTF-8 text file [unreadable-file]',
    );
  });

  it('refuses an English chapter symlinked to a secret outside the book, and publishes nothing of it', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    await replaceWith(attack.root, 'content/en/02-second.md', (file) => symlink(attack!.secretFile, file));
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/en/02-second.md: error: Refused: the English translation of chapter `02-second` leads outside the book folder (a symbolic link); put the file itself in the book folder [input-outside-book]',
    );
    expect(result.err.join('\n')).not.toContain(attack.secret);
    expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
    expect(attack.requests).toEqual([]);
  });

  it('still reads a chapter symlinked to another file inside the book', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    await replaceWith(attack.root, 'content/en/02-second.md', (file) => symlink('../ja/02-second.md', file));
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.err.join('\n')).not.toContain('input-outside-book');
  });
});
