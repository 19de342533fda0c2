import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'vitest';
import { type Attack, buildAttack } from './attack.ts';
import { expectRefused, onEachAttack } from './refused.ts';
import { edit } from '../helpers.ts';

/**
 * Issue 11, item 10 (images): a folder, a file over 2 GB or a malformed `%` escape as an image printed a
 * stack trace. Each is now a message at the Markdown image, and nothing is published.
 */
let attack: Attack;
onEachAttack((fresh) => (attack = fresh));

const chapter = 'content/ja/02-second.md';
const linkTo = (target: string) => edit(attack.root, chapter, '../images/diagram.png', target);

describe('images that used to print a stack trace', () => {
  it('a folder', async () => {
    await mkdir(path.join(attack.root, 'content/images/folder.png'));
    await linkTo('../images/folder.png');
    await expectRefused(attack, await buildAttack(attack, ['--format', 'site,epub']), [
      `${chapter}:9:1-9:29: error: \`../images/folder.png\` is a folder, not an image file [not-an-image]`,
    ]);
  });

  it('a file over 2 GB (sparse: its size is checked before reading)', async () => {
    const handle = await open(path.join(attack.root, 'content/images/huge.png'), 'w');
    await handle.truncate(3 * 1024 ** 3);
    await handle.close();
    await linkTo('../images/huge.png');
    await expectRefused(attack, await buildAttack(attack, ['--format', 'site,epub']), [
      `${chapter}:9:1-9:27: error: Image \`../images/huge.png\` is too large (3072.0 MB; at most 20 MB); make it smaller [too-large]`,
    ]);
  });

  it('a malformed % escape', async () => {
    await linkTo('../images/100%25-%E0%A4%A.png');
    await expectRefused(attack, await buildAttack(attack, ['--format', 'site,epub']), [
      `${chapter}:9:1-9:38: error: Image \`../images/100%25-%E0%A4%A.png\` has a malformed %-escape; write \`%25\` for a percent sign, or the character itself [missing-image]`,
    ]);
  });
});
