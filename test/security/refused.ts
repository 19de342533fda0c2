import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { manifestName } from '../../src/publish/manifest.ts';
import { type Attack, filesContaining, plant, prepareAttack } from './attack.ts';

/**
 * What every refused attack must leave behind, checked the same way in each security test: the previous
 * output untouched, no request made, the secret nowhere in an output, nothing written outside `--out`
 * (and the book's own folder).
 */
const previous = '<!DOCTYPE html><title>previous</title>';

/** A fresh attack for each test (with a previous output seeded), handed to `set`; its listener closed after. */
export function onEachAttack(set: (attack: Attack) => void): void {
  let current: Attack | undefined;
  beforeEach(async () => {
    current = await prepareAttack();
    await seedPrevious(current);
    set(current);
  });
  afterEach(() => current?.close());
}

/**
 * Stands in for an earlier, good build: a page in `site/` and a file in `epub/` that a refused build must keep,
 * listed in the manifest as ours (a build replaces only folders whose every file it wrote).
 */
export async function seedPrevious(attack: Attack): Promise<void> {
  await plant(attack.out, 'site/index.html', previous);
  await plant(attack.out, 'epub/previous.txt', previous);
  await plant(attack.out, manifestName, `${JSON.stringify({ formats: { site: ['index.html'], epub: ['previous.txt'] } })}\n`);
}

/**
 * The build exited 1 with `messages`, nothing escaped, and the previous output of each refused format was kept
 * (a format whose own check failed is held back; the others are published, unless the disclosure failed).
 */
export async function expectRefused(attack: Attack, result: { code: number; err: string[] }, messages: string[], refused: Array<'site' | 'epub'> = ['site', 'epub']): Promise<void> {
  expect(result.err).toEqual(expect.arrayContaining(messages));
  expect(result.code).toBe(1);
  await expectNothingEscaped(attack);
  if (refused.includes('site')) expect(await readFile(path.join(attack.out, 'site/index.html'), 'utf8')).toBe(previous);
  if (refused.includes('epub')) expect(await readFile(path.join(attack.out, 'epub/previous.txt'), 'utf8')).toBe(previous);
}

/** No request reached the listener, the secret is in no output, and the folder above the book holds only what the test made. */
export async function expectNothingEscaped(attack: Attack): Promise<void> {
  expect(attack.requests).toEqual([]);
  expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
  expect((await readdir(path.dirname(attack.root))).sort()).toEqual(['book', 'dist', 'secret.txt']);
}
