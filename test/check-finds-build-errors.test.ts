import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { check, type FormatName } from '../src/index.ts';
import { cli, copyBook, edit, repoRoot, tempDir } from './helpers.ts';

/**
 * Content problems that once reached only an output check (named by a built file, after rendering) or
 * no check at all: each is now found by `check` at the place in the book's files where it was written,
 * with a content rule id, and `build` stops on that same message before it writes anything. Each case
 * breaks a copy of the small fixture book; `format` is the one whose output check used to refuse it.
 */
interface Case {
  name: string;
  format: FormatName;
  breakBook: (root: string) => Promise<void>;
  /** The one error, as `check` and `build` print it from the book folder. */
  error: string;
}

const ja = 'content/ja/01-first.md';
const en = 'content/en/01-first.md';
const add = (root: string, file: string, text: string) => appendFile(path.join(root, file), `\n${text}\n`);

const cases: Case[] = [
  {
    name: 'a raw <a href> to a fragment no heading has',
    format: 'site',
    breakBook: (root) => add(root, ja, '<a href="#nope">どこ</a>'),
    error: `${ja}:12:1-12:17: error: Link \`#nope\` points to \`#nope\`, which no heading of this chapter has [broken-link]`,
  },
  {
    name: 'a raw <a href> to a page no chapter has',
    format: 'epub',
    breakBook: (root) => add(root, ja, 'こちら：<a href="zz.html">次</a>'),
    error: `${ja}:12:5-12:23: error: Link \`zz.html\` points to a page no chapter has; link to a chapter’s Markdown file listed in \`chapters\` [broken-link]`,
  },
  {
    name: 'a Markdown link whose host EPUB cannot parse',
    format: 'epub',
    breakBook: (root) => add(root, ja, '[リンク](https://ex_ample.com/)'),
    error: `${ja}:12:1-12:29: error: Link \`https://ex_ample.com/\` cannot be carried by an EPUB: its host \`ex_ample.com\` cannot be parsed (a host name has only letters, digits, \`-\` and \`.\`); correct the address [unsafe-url]`,
  },
  {
    name: 'a raw <a href> whose host EPUB cannot parse',
    format: 'epub',
    breakBook: (root) => add(root, ja, '<a href="https://ex_ample.com/">リンク</a>'),
    error: `${ja}:12:1-12:33: error: Link \`https://ex_ample.com/\` cannot be carried by an EPUB: its host \`ex_ample.com\` cannot be parsed (a host name has only letters, digits, \`-\` and \`.\`); correct the address [unsafe-url]`,
  },
  {
    name: 'a source whose host EPUB cannot parse',
    format: 'epub',
    breakBook: (root) => edit(root, 'content/citations.yaml', 'url: https://example.org/report', 'url: https://ex_ample.org/report'),
    error: 'content/citations.yaml:8:8-8:35: error: `report.url` is an address an EPUB cannot carry: its host `ex_ample.org` cannot be parsed (a host name has only letters, digits, `-` and `.`) [config-invalid-value]',
  },
  {
    name: 'an id raw HTML gives in both languages',
    format: 'epub',
    breakBook: async (root) => {
      await add(root, ja, '<span id="same">和</span>');
      await add(root, en, '<span id="same">en</span>');
    },
    error: `${en}:12:1-12:26: error: Duplicate id \`same\`: ${ja} has it too, and the bilingual edition sets both on one page; rename this one [duplicate-id]`,
  },
  {
    name: 'a raw id in Japanese that an English heading has',
    format: 'epub',
    breakBook: (root) => add(root, ja, '<span id="en-section">衝突</span>'),
    error: `${ja}:12:1-12:32: error: Duplicate id \`en-section\`: ${en} has it too, and the bilingual edition sets both on one page; rename this one [duplicate-id]`,
  },
  {
    name: 'an invisible sponsor name',
    format: 'site',
    breakBook: (root) => edit(root, 'content/book.yaml', '  ja: 株式会社スポンサー', '  ja: "\\u200b"'),
    error: 'content/book.yaml:16:7-16:15: error: `sponsor.ja` is empty or invisible; a sponsored book must name its sponsor [config-invalid-value]',
  },
  {
    name: 'a book’s disclosure sentence that leaves out the sponsor',
    format: 'site',
    breakBook: async (root) => {
      await mkdir(path.join(root, 'locales'));
      await cp(path.join(repoRoot, 'locales'), path.join(root, 'locales'), { recursive: true });
      await edit(root, 'locales/ja.json', '本書は、{{sponsor}}を', '本書は、某社を');
    },
    error: 'locales/ja.json:14:5: error: The ja disclosure sentence (`disclosure.text` in locales/ja.json) does not name the sponsor `株式会社スポンサー`; write `{{sponsor}}` in it [config-invalid-value]',
  },
];

const errorsOf = (lines: string[]) => lines.filter((line) => line.includes(': error: '));

describe('check finds what build would refuse, at its place', () => {
  it.each(cases)('$name', async ({ format, breakBook, error }) => {
    const root = await copyBook('small');
    await breakBook(root);

    expect(errorsOf((await check({ root })).format(root))).toEqual([error]);
    const checked = await cli(['check', '--root', root], root);
    expect({ code: checked.code, errors: errorsOf(checked.err) }).toEqual({ code: 1, errors: [error] });

    const out = path.join(await tempDir(), 'out');
    const built = await cli(['build', '--root', root, '--out', out, '--format', format], root);
    expect({ code: built.code, errors: errorsOf(built.err) }).toEqual({ code: 1, errors: [error] });
    // Refused before rendering: nothing was written, so no output check ran.
    expect(existsSync(out)).toBe(false);
  });

  it('reports the same from the command line', async () => {
    const root = await copyBook('small');
    await cases[0]!.breakBook(root);
    const env = { ...process.env, BILINGUAL_BOOK_FROM_SOURCE: '1' };
    const run = promisify(execFile)(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), 'check', '--root', '.'], { cwd: root, env });
    const failure = await run.then(() => undefined, (reason: { code: number; stderr: string }) => reason);
    expect(failure?.code).toBe(1);
    expect(errorsOf(failure?.stderr.split('\n') ?? [])).toEqual([cases[0]!.error]);
  });

  it('builds raw links to chapters and internationalized hosts, rewritten as Markdown links are', async () => {
    const root = await copyBook('small');
    await add(root, ja, '<a href="02-second.md">次の章</a>、[例え](https://例え.jp/ページ)');
    await add(root, en, '<a href="02-second.md">Next</a>, [example](https://例え.jp/ページ)');
    const out = path.join(await tempDir(), 'out');
    const built = await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root);
    expect(errorsOf(built.err)).toEqual([]);
    expect(built.code).toBe(0);
    const page = await readFile(path.join(out, 'site/ja/01-first.html'), 'utf8');
    expect(page).toContain('<a href="02-second.html">次の章</a>');
    expect(page).toContain('href="https://xn--r8jz45g.jp/%E3%83%9A%E3%83%BC%E3%82%B8"');
  });
});
