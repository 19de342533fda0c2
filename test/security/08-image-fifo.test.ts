import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Attack, buildAttack } from './attack.ts';
import { expectRefused, onEachAttack, seedPrevious } from './refused.ts';
import { edit } from '../helpers.ts';
import { readBookImage } from '../../src/pipeline/read-image.ts';

/**
 * Issue 11, item 8 (images): a FIFO in place of an image made the build wait forever for a writer. The
 * image is opened without blocking and refused by what it is, at its Markdown image, both on a first build
 * and when a kept chapter's image is swapped for a FIFO afterwards.
 */
const run = promisify(execFile);
let attack: Attack;
onEachAttack((fresh) => (attack = fresh));

const chapter = 'content/ja/02-second.md';
const message = `${chapter}:9:1-9:27: error: \`../images/fifo.png\` is not a regular file (a FIFO, socket or device), not an image file [not-an-image]`;

describe('a FIFO as an image', () => {
  it('is refused at its Markdown image instead of hanging', async () => {
    await run('mkfifo', [path.join(attack.root, 'content/images/fifo.png')]);
    await edit(attack.root, chapter, '../images/diagram.png', '../images/fifo.png');
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    await expectRefused(attack, result, [message]);
  }, 20_000);

  it('is refused when it replaces an image a kept chapter uses', async () => {
    await edit(attack.root, chapter, '../images/diagram.png', '../images/fifo.png');
    await run('cp', [path.join(attack.root, 'content/images/diagram.png'), path.join(attack.root, 'content/images/fifo.png')]);
    const first = await buildAttack(attack, ['--format', 'site']);
    expect(first.code).toBe(0);
    await rm(path.join(attack.out, 'site'), { recursive: true });
    await seedPrevious(attack);
    await rm(path.join(attack.root, 'content/images/fifo.png'));
    await run('mkfifo', [path.join(attack.root, 'content/images/fifo.png')]);
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    await expectRefused(attack, result, [message]);
  }, 30_000);

  it('is refused, not waited for, when it replaces an image between compiling and rendering', async () => {
    const fifo = path.join(attack.root, 'content/images/late.png');
    await run('mkfifo', [fifo]);
    await expect(readBookImage({ file: fifo, target: 'images/0123456789abcdef.png' })).rejects.toThrow(`image ${fifo} is not a regular file (a FIFO, socket or device)`);
    const png = path.join(attack.root, 'content/images/diagram.png');
    await expect(readBookImage({ file: png, target: 'images/0123456789abcdef.png' })).rejects.toThrow(`image ${png} changed while the book was being built; build again`);
  });
});
