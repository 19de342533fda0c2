import { createHash } from 'node:crypto';
import { cp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/index.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { fixtureBooks, removeDir, setClock, suiteDir } from '../helpers.ts';
import { afterAll } from 'vitest';

/**
 * One folder a bad input: its files are laid over a copy of the small fixture book (case.json may ask
 * for a generated file instead), then `build` (site and EPUB) runs into an output folder holding a previous build.
 * messages.txt holds the exact messages; a refused build exits 1 and leaves the previous output as it was.
 * Builds run on a fixed day (case.json's `now`, else `today`): with the real one, the fixture book's sources
 * would turn stale on their own.
 */
const casesDir = path.join(import.meta.dirname, 'cases');
const cases = (await readdir(casesDir)).sort();

interface CaseSpec {
  exit?: number;
  generate?: 'symlink-outside' | 'deep-quotes' | 'deep-lists' | 'long-line' | 'huge-chapter';
  /** Strings no output file may contain. */
  absent?: string[];
  /** The day the build runs, as an ISO date-time. */
  now?: string;
}

const today = '2025-06-01T00:00:00Z';

const generators: Record<NonNullable<CaseSpec['generate']>, (root: string) => Promise<void>> = {
  'symlink-outside': async (root) => {
    await symlink('/etc/passwd', path.join(root, 'content/images/link.png'));
    const file = path.join(root, 'content/ja/02-second.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('../images/diagram.png', '../images/link.png'));
  },
  'deep-quotes': (root) => writeFile(path.join(root, 'content/ja/02-second.md'), `# 第二章\n\n${'>'.repeat(10_000)} 深い引用\n`),
  'deep-lists': (root) => writeFile(path.join(root, 'content/ja/02-second.md'), `# 第二章\n\n${'- '.repeat(10_000)}深いリスト\n`),
  'long-line': async (root) => {
    const line = '長い一行の段落です。'.repeat(35_000);
    await writeFile(path.join(root, 'content/ja/02-second.md'), `# 第二章\n\n${line}\n`);
    await writeFile(path.join(root, 'content/en/02-second.md'), `# Chapter Two\n\n${'A long single line. '.repeat(5_000)}\n`);
  },
  'huge-chapter': (root) => writeFile(path.join(root, 'content/ja/02-second.md'), `# 第二章\n\n${'大きな章の段落です。\n\n'.repeat(1_800_000)}`),
};

let previous: string;
let dirs: string[] = [];

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  const hashes: Record<string, string> = {};
  for (const file of files) hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return hashes;
}

afterEach(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  previous = await suiteDir('bilingual-book-previous-');
  dirs.push(previous);
  // Built from a copy: a build writes its cache into the book folder, never into the repository.
  const book = await suiteDir('bilingual-book-previous-book-');
  dirs.push(book);
  await cp(path.join(fixtureBooks, 'small'), book, { recursive: true });
  setClock(today);
  const code = await main(['build', '--root', book, '--out', previous, '--format', 'site'], {
    cwd: previous,
    out: () => {},
    err: () => {},
  }).finally(() => vi.useRealTimers());
  expect(code).toBe(0);
});

afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
  dirs = [];
});

describe('bad input', () => {
  it.each(cases)('%s', async (name) => {
    const dir = path.join(casesDir, name);
    const spec: CaseSpec = existsSync(path.join(dir, 'case.json')) ? JSON.parse(await readFile(path.join(dir, 'case.json'), 'utf8')) : {};
    const root = await suiteDir(`bilingual-book-${name}-`);
    dirs.push(root);
    await cp(path.join(fixtureBooks, 'small'), root, { recursive: true });
    for (const entry of await readdir(dir)) {
      if (!['case.json', 'messages.txt'].includes(entry)) await cp(path.join(dir, entry), path.join(root, entry), { recursive: true, force: true });
    }
    if (spec.generate) await generators[spec.generate](root);
    const out = path.join(root, 'out');
    await cp(previous, out, { recursive: true });
    const before = await snapshot(out);
    setClock(spec.now ?? today);

    const err: string[] = [];
    // Site and EPUB: the PDF's own failure modes (no browser, a hang) are tested in test/e2e/pdf.test.ts.
    const code = await main(['build', '--root', root, '--out', out, '--format', 'site,epub'], { cwd: root, out: () => {}, err: (line) => err.push(line) });
    const messages = err.filter((line) => !line.startsWith('Build failed'));
    const expectedFile = path.join(dir, 'messages.txt');
    if (process.env.UPDATE_FIXTURES) await writeFile(expectedFile, messages.length > 0 ? `${messages.join('\n')}\n` : '');
    const expected = (await readFile(expectedFile, 'utf8')).split('\n').filter(Boolean);
    expect(messages).toEqual(expected);
    expect(code).toBe(spec.exit ?? 1);
    expect(err.join('\n')).not.toMatch(/\n\s+at .+:\d+:\d+/);
    if ((spec.exit ?? 1) !== 0) {
      expect(err.at(-1)).toMatch(/^Build failed with \d+ error\(s\); nothing was replaced\.$/);
      expect(await snapshot(out)).toEqual(before);
    }
    for (const text of spec.absent ?? []) {
      for (const file of await listFiles(out)) {
        if (/\.(html|xhtml|xml)$/.test(file)) expect(await readFile(path.join(out, file), 'utf8'), `${file} contains ${text}`).not.toContain(text);
      }
    }
  });
});
