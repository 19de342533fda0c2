import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { compiledDir, sourceHash } from '../src/cache/code-hash.js';
import { main } from '../src/cli/main.ts';
import { colorWanted, findBrowser } from '../src/cli/settings.ts';
import { listFiles } from '../src/output/site/verify.ts';
import { cli, copyBook, edit, repoRoot, setClock, tempDir } from './helpers.ts';

describe('bilingual-book CLI', () => {
  it('prints help and exits 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('bilingual-book build [--root DIR] [--out DIR] [--edition ja,en,bilingual] [--format site,epub,pdf]');
    expect(out.join('\n')).toContain('bilingual-book translations accept [--root DIR] [FILE…]');
    expect(out.join('\n')).toContain('bilingual-book serve [--root DIR] [--port N] [--edition ja,en,bilingual]');
  });

  it.each([
    [['buld'], 'bilingual-book: Unknown command `buld`; did you mean `build`?'],
    [[], 'bilingual-book: Missing command: use `init`, `build`, `check`, `serve` or `translations`'],
    [['build', '--edition', 'ja,fr'], 'bilingual-book: Unknown --edition `fr`; expected one of `ja`, `en`, `bilingual`'],
    [['build', '--format', 'sitee'], 'bilingual-book: Unknown --format `sitee`; did you mean `site`?'],
    [['build', '--rot', 'x'], 'bilingual-book: Unknown option `--rot`; did you mean `--root`?'],
    [['check', '--out', 'x'], 'bilingual-book: `check` does not take --out; it takes --root, --strict'],
    [['translations', 'stat'], 'bilingual-book: Unknown subcommand `translations stat`; did you mean `status`?'],
    [['translations', 'accept', '--json'], 'bilingual-book: `translations accept` does not take --json; it takes --root'],
    [['build', '--watch'], 'bilingual-book: `build` does not watch: `bilingual-book serve` rebuilds the site as you save and reloads the page; run `build` when you want the EPUB and PDF'],
    [['check', '--quiet', '--verbose'], 'bilingual-book: --quiet and --verbose ask for opposite things; give one of them'],
    [['help', 'bild'], 'bilingual-book: No help for `bild`; did you mean `build`?'],
    [['init', 'a', 'b'], 'bilingual-book: Unexpected argument `b`: init takes one folder; give the folders to start from as --from ja/ --from en/'],
    [['init', '--root', 'x'], 'bilingual-book: `init` does not take --root; it takes --from'],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const { code, err } = await cli(argv);
    expect(code).toBe(2);
    expect(err[0]).toBe(message);
  });

  it('shows one command\'s help for `help COMMAND` and `COMMAND --help`', async () => {
    const asked = await cli(['help', 'build']);
    expect(asked.code).toBe(0);
    expect(asked.out[0]).toMatch(/^Usage: bilingual-book build \[--root DIR\] \[--out DIR\]/);
    expect(asked.out[0]).toContain('--format LIST');
    expect(asked.out[0]).not.toContain('--strict');
    expect((await cli(['build', '--help'])).out).toEqual(asked.out);
    expect((await cli(['translations', 'accept', '-h'])).out[0]).toMatch(/^Usage: bilingual-book translations accept /);
    expect((await cli(['help', 'serve'])).out[0]).toContain('--open           Open the preview in the default web browser');
  });

  it('prints only errors with --quiet, and what it used with --verbose', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/en/01-first.md', 'The first paragraph. The figure is 42 [@report].\n\n', '');
    setClock('2025-06-01T00:00:00Z');
    const quiet = await cli(['check', '--root', root, '--quiet'], root);
    const verbose = await cli(['check', '--root', root, '--verbose'], root).finally(() => vi.useRealTimers());
    expect(quiet).toEqual({ code: 0, out: [], err: [] });
    expect(verbose.err.slice(0, 3)).toEqual(['Book: .', `Browser: ${findBrowser(process.env) ?? 'none found (the PDF cannot be printed); install Chromium or set PUPPETEER_EXECUTABLE_PATH'}`, 'Cache: .cache/bilingual-book']);
    expect(verbose.err.at(-1)).toMatch(/\[missing-translation\]$/);
  });

  it('colors messages only where asked: a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR decides anywhere', () => {
    const terminal = { isTTY: true, write: () => true };
    const pipe = { write: () => true };
    expect(colorWanted(terminal, {})).toBe(true);
    expect(colorWanted(pipe, {})).toBe(false);
    expect(colorWanted(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted(terminal, { TERM: 'dumb' })).toBe(false);
    expect(colorWanted(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted(terminal, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorWanted(pipe, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('prints colored messages through main when color is on', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '[@report]。', '[@reprot]。');
    const err: string[] = [];
    const code = await main(['check', '--root', root], { cwd: root, out: () => {}, err: (line) => err.push(line), color: true });
    expect(code).toBe(1);
    expect(err.find((line) => line.includes('reprot'))).toBe(
      'content/ja/01-first.md:3:17-3:24: \x1b[1;31merror\x1b[22;39m: Cannot find citation `reprot`; did you mean `report`? (keys are defined in content/citations.yaml) \x1b[2m[unknown-citation]\x1b[22m',
    );
  });

  it('says which Node.js it needs on one older than package.json\'s engines', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'src/cli'), { recursive: true });
    await copyFile(path.join(repoRoot, 'src/cli/bin.js'), path.join(dir, 'src/cli/bin.js'));
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ engines: { node: '>=99.1' } }));
    const failed = await promisify(execFile)(process.execPath, [path.join(dir, 'src/cli/bin.js'), '--version']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: `bilingual-book: needs Node.js 99.1 or newer, and this is ${process.versions.node}; install a newer Node.js (https://nodejs.org/) and run it again.\n` });
  });

  it('checks a book: its warnings and their count, exit 0, nothing written', async () => {
    const root = await copyBook('small');
    // One warning, so the summary is seen to count; on a fixed day, so no source turns stale meanwhile.
    await edit(root, 'content/en/01-first.md', 'The first paragraph. The figure is 42 [@report].\n\n', '');
    setClock('2025-06-01T00:00:00Z');
    const { code, out, err } = await cli(['check', '--root', root], root).finally(() => vi.useRealTimers());
    expect(code).toBe(0);
    expect(err).toEqual([
      'content/ja/01-first.md:3:1-3:26: warning: No English translation of this paragraph: the English editions show the Japanese; translate it in content/en/01-first.md (after content/en/01-first.md:1) [missing-translation]',
    ]);
    expect(out).toEqual(['Checked .: no errors, 1 warning(s).']);
    await expect(listFiles(path.join(root, 'dist'))).rejects.toThrow();
  });

  it('builds one edition into --out, and a broken book exits 1 leaving it untouched', async () => {
    const root = await copyBook('small');
    const out = await tempDir();
    const first = await cli(['build', '--root', root, '--out', out, '--edition', 'en'], root);
    expect(first.code).toBe(0);
    const before = await listFiles(out);
    expect(before).toContain('site/en/01-first.html');
    expect(before).not.toContain('site/ja/01-first.html');
    const page = await readFile(path.join(out, 'site/en/01-first.html'), 'utf8');

    await edit(root, 'content/ja/01-first.md', '[@report]。', '[@reprot]。');
    const second = await cli(['build', '--root', root, '--out', out], root);
    expect(second.code).toBe(1);
    expect(second.err.filter((line) => !line.endsWith('[stale-translation]'))).toEqual([
      'content/ja/01-first.md:3:17-3:24: error: Cannot find citation `reprot`; did you mean `report`? (keys are defined in content/citations.yaml) [unknown-citation]',
      'Build failed with 1 error(s); nothing was replaced.',
    ]);
    expect(await listFiles(out)).toEqual(before);
    expect(await readFile(path.join(out, 'site/en/01-first.html'), 'utf8')).toBe(page);
  });

  it('refuses to publish a site whose template drops the disclosure, keeping the previous output', async () => {
    const root = await copyBook('small');
    const out = await tempDir();
    expect((await cli(['build', '--root', root, '--out', out], root)).code).toBe(0);
    const before = await listFiles(out);
    const { cp } = await import('node:fs/promises');
    await cp(path.join(repoRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
    await edit(root, 'templates/site/page.html', '{{{disclosure}}}', '');
    const { code, err } = await cli(['build', '--root', root, '--out', out], root);
    expect(code).toBe(1);
    expect(err).toContain(`${path.relative(root, path.join(out, '.'))}: error: The output failed its checks; ${out} was left as it was [output-check]`);
    expect(err.some((line) => line.endsWith('ja/01-first.html: error: The ja sponsor disclosure is missing from the top of ja/01-first.html; a sponsored book must disclose it on every page [output-check]'))).toBe(true);
    expect(await listFiles(out)).toEqual(before);
  });

  it('refuses to publish a page that would run an inline script', async () => {
    const root = await copyBook('small');
    const out = await tempDir();
    const { cp } = await import('node:fs/promises');
    await cp(path.join(repoRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
    await edit(root, 'templates/site/page.html', '</body>', '<script>alert(1)</script>\n</body>');
    const { code, err } = await cli(['build', '--root', root, '--out', out, '--format', 'site'], root);
    expect(code).toBe(1);
    expect(err.some((line) => line.endsWith('site/index.html: error: index.html: an inline <script> would run [output-check]'))).toBe(true);
  });

  it('runs as the installed `bilingual-book` command', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('builds the same from its compiled bundle as from the TypeScript sources, worker threads included', async () => {
    const stamp = path.join(compiledDir(repoRoot), 'source-hash');
    const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(repoRoot);
    // CI compiles in `npm run setup`, so there the bundle must be the one that runs.
    if (process.env.CI) expect(fresh, 'the bundle is stale: npm run compile').toBe(true);
    const root = await copyBook('small');
    const outputs = [];
    for (const fromSource of ['1', '0']) {
      const out = await tempDir();
      const env = { ...process.env, BILINGUAL_BOOK_FROM_SOURCE: fromSource, BILINGUAL_BOOK_THREADS: '2', BILINGUAL_BOOK_CACHE: '0', SOURCE_DATE_EPOCH: '1700000000' };
      const { stderr } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), 'build', '--root', root, '--out', out, '--format', 'site,epub'], { env });
      const files = await listFiles(out);
      outputs.push({ stderr, files: Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(out, file), 'utf8')]))) });
    }
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
