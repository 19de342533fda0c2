import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers.ts';
import { type Attack, buildAttack, filesContaining, prepareAttack } from './attack.ts';

/** Issue 11, item 10: what used to end in a stack trace is a positioned message, or a usage error. */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

/** Nine aliases of nine aliases, nine levels deep: 9^10 strings once expanded. */
const laughs = `${['lol0: &a0 ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, level) => `lol${level + 1}: &a${level + 1} [${Array(9).fill(`*a${level}`).join(',')}]`)].join('\n')}\n`;

async function append(root: string, relative: string, text: string, before = false): Promise<void> {
  const file = path.join(root, relative);
  const old = await readFile(file, 'utf8');
  await writeFile(file, before ? text + old : old + text);
}

function noStackTrace(lines: string[]): void {
  expect(lines.join('\n')).not.toMatch(/\n\s+at .+:\d+:\d+|Error:/);
}

describe('stack traces (issue 11, item 10)', () => {
  it.each([
    ['content/book.yaml', 30, ''],
    ['content/citations.yaml', 20, ''],
    ['content/translations.lock.yaml', 38, ''],
  ])('refuses a YAML alias bomb in %s at its first alias', { timeout: 20_000 }, async (relative, line) => {
    attack = await prepareAttack();
    await append(attack.root, relative, laughs);
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${relative}:${line}:12-${line}:15: error: The YAML aliases (\`*name\`) here expand to too much data; write the values out instead [too-large]`);
    noStackTrace(result.err);
  });

  it('refuses a YAML alias bomb in front matter, at its line in the chapter', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await append(attack.root, 'content/ja/02-second.md', `---\n${laughs}---\n`, true);
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/ja/02-second.md:3:12-3:15: error: Front matter: The YAML aliases (`*name`) here expand to too much data; write the values out instead [front-matter]',
    );
    noStackTrace(result.err);
  });

  it('refuses a YAML file nested too deeply to read', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await append(attack.root, 'content/citations.yaml', `deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const result = await buildAttack(attack, ['--format', 'site']);
    expect(result.code).toBe(1);
    expect(result.err.some((line) => line.startsWith('content/citations.yaml:') && /\[(too-deep|syntax-error|config-invalid-value)\]$/.test(line))).toBe(true);
    noStackTrace(result.err);
  });

  it('reports links with malformed % escapes where they stand', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await append(attack.root, 'content/ja/02-second.md', '\n[壊れた](%E0%A4%A) と [もう一つ](foo%zz.html#a%)\n');
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err.filter((line) => line.includes('[unsafe-url]'))).toEqual([
      'content/ja/02-second.md:13:1-13:16: error: Link `%E0%A4%A` has a malformed `%` escape; write `%25` for a percent sign, or a whole UTF-8 escape such as `%E3%81%82` [unsafe-url]',
      'content/ja/02-second.md:13:19-13:41: error: Link `foo%zz.html#a%` has a malformed `%` escape; write `%25` for a percent sign, or a whole UTF-8 escape such as `%E3%81%82` [unsafe-url]',
    ]);
    noStackTrace(result.err);
  });

  it('builds a chapter named `constructor`', { timeout: 60_000 }, async () => {
    attack = await prepareAttack();
    const { root } = attack;
    for (const lang of ['ja', 'en']) await rename(path.join(root, `content/${lang}/02-second.md`), path.join(root, `content/${lang}/constructor.md`));
    await writeFile(path.join(root, 'content/book.yaml'), (await readFile(path.join(root, 'content/book.yaml'), 'utf8')).replace('- 02-second', '- constructor'));
    const lock = path.join(root, 'content/translations.lock.yaml');
    await writeFile(lock, (await readFile(lock, 'utf8')).replace('02-second:', 'constructor:'));
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    noStackTrace(result.err);
    expect(result.code).toBe(0);
    expect(await filesContaining(attack.out, '第二章')).toContain('site/ja/constructor.html');
    const accept = await cli(['translations', 'accept', '--root', root], root);
    expect(accept.code).toBe(0);
    expect(await readFile(lock, 'utf8')).toContain('constructor:');
  });

  it('`serve --root /nonexistent` is a usage error (exit 2)', async () => {
    const result = await cli(['serve', '--root', '/nonexistent', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      'bilingual-book: --root /nonexistent is not a folder; give the book folder, the one holding content/',
      'Run `bilingual-book --help` for usage.',
    ]);
  });
});
