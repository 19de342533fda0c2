import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/build.ts';
import { cli } from '../helpers.ts';
import { type Attack, buildAttack, filesContaining, prepareAttack } from './attack.ts';

/** Issue 11, "Smaller": configuration and content messages that named the wrong thing, or none. */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

const now = new Date('2025-02-01T00:00:00Z');

async function replace(root: string, relative: string, from: string | RegExp, to: string): Promise<void> {
  const file = path.join(root, relative);
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${relative} has no ${String(from)}`);
  await writeFile(file, next);
}

async function messages(root: string): Promise<string[]> {
  return (await check({ root, now })).format(root);
}

describe('smaller (issue 11)', () => {
  it('names a wrong type with its real position and what it is, not "required" at 1:1', async () => {
    attack = await prepareAttack();
    await replace(attack.root, 'content/book.yaml', /^title:\n  ja: 小さな本\n  en: A Small Book\n/m, 'title: 5\n');
    await replace(attack.root, 'content/book.yaml', 'date: 2025-01-15', 'date: [2025]');
    await replace(attack.root, 'content/book.yaml', '  en: Test Publishing Ltd.\neditor', '  en: true\neditor');
    expect(await messages(attack.root)).toEqual([
      'content/book.yaml:3:8-3:9: error: `title` expected object, not the number 5 [config-invalid-value]',
      'content/book.yaml:9:7-9:11: error: `publisher.en` expected text, not `true` [config-invalid-value]',
      'content/book.yaml:22:7-22:13: error: `date` expected a date written as YYYY-MM-DD, not a list [config-invalid-value]',
    ]);
  });

  it('refuses `maxAgeYears: 1e11` at its line instead of flagging every source', async () => {
    attack = await prepareAttack();
    await writeFile(path.join(attack.root, 'content/book.yaml'), `${await readFile(path.join(attack.root, 'content/book.yaml'), 'utf8')}sources:\n  maxAgeYears: 1e11\n`);
    const lines = await messages(attack.root);
    expect(lines).toEqual(['content/book.yaml:30:16-30:20: error: `sources.maxAgeYears` must be at most 1000 years [config-invalid-value]']);
  });

  it("supports Pandoc's locator `[@key, p. 3]`: a note call, the locator on the note's back-link", { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    await replace(attack.root, 'content/ja/01-first.md', '[@report]', '[@report, p. 3]');
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.code).toBe(0);
    expect(await filesContaining(attack.out, '[@report')).toEqual([]);
    const page = await readFile(path.join(attack.out, 'site/ja/01-first.html'), 'utf8');
    expect(page).toMatch(/<a href="#ja-noteref-1" class="backref" role="doc-backlink" aria-label="↩ p\. 3 [^"]+">↩ p\. 3<\/a>/);
  });

  it('`translations accept` matches a chapter by its path, not its base name', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    const lock = await readFile(path.join(attack.root, 'content/translations.lock.yaml'), 'utf8');
    const result = await cli(['translations', 'accept', '--root', attack.root, '/nonexistent/01-first.md'], attack.root);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['bilingual-book: not a chapter of the book: /nonexistent/01-first.md; name a chapter file such as content/en/01-first.md']);
    expect(await readFile(path.join(attack.root, 'content/translations.lock.yaml'), 'utf8')).toBe(lock);
    const named = await cli(['translations', 'accept', '--root', attack.root, 'content/en/01-first.md'], attack.root);
    expect(named.code).toBe(0);
  });

  it('warns about a right-to-left override (U+202E) in a heading, where it stands', async () => {
    attack = await prepareAttack();
    await replace(attack.root, 'content/ja/02-second.md', '# 第二章', '# 第二\u202Eabc章');
    expect(await messages(attack.root)).toContain(
      'content/ja/02-second.md:1:5: warning: An invisible bidirectional control character (U+202E) stands here: it changes the order text is shown in; delete it, or use `<bdi>` for mixed-direction text [bidi-control]',
    );
  });
});
