import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBook } from '../src/load-book.ts';
import type { BuildProgress } from '../src/build.ts';
import { type CliIo, main } from '../src/cli/main.ts';
import { createProgressLine, eraseLine, progressWanted, type ProgressStream } from '../src/cli/progress-line.ts';
import { describeProgress } from '../src/cli/show-progress.ts';
import { copyBook, tempDir } from './helpers.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A terminal that records what is written to it. */
function fakeTerminal(isTTY = true, columns = 80): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

/** The CLI run in this process with a fake terminal behind stderr; `log` interleaves its writes with the printed lines. */
async function buildOn(stream: ProgressStream & { writes: string[] }, env: NodeJS.ProcessEnv) {
  const root = await copyBook('small');
  const out = await tempDir();
  const log: string[] = [];
  const printed = { out: [] as string[], err: [] as string[] };
  const terminal = {
    ...stream,
    write: (text: string) => {
      log.push(`tty ${JSON.stringify(text)}`);
      return stream.write(text);
    },
  };
  // Every redraw is a second after the one before, so none is held back and the writes are the same on every run.
  let time = 0;
  const io: CliIo = {
    cwd: root,
    out: (line) => {
      log.push(`out ${line}`);
      printed.out.push(line);
    },
    err: (line) => {
      log.push(`err ${line}`);
      printed.err.push(line);
    },
    terminal: { stream: terminal, env, now: () => (time += 1000) },
  };
  const code = await main(['build', '--root', root, '--out', out, '--format', 'site'], io);
  return { code, log, printed };
}

describe('the progress line', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
    [{ isTTY: true }, { CI: 'true' }, false],
    [{ isTTY: true }, { CI: '1' }, false],
    [{ isTTY: true }, { CI: '' }, true],
    [{ isTTY: true }, { CI: 'false' }, true],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: true }, { TERM: 'xterm-256color' }, true],
  ])('is drawn on %j with %j: %s', (stream, env, wanted) => {
    expect(progressWanted({ ...stream, write: () => true }, env)).toBe(wanted);
  });

  it('redraws at most ten times a second, except for urgent text, and erases only what it drew', () => {
    const stream = fakeTerminal(true, 20);
    let time = 0;
    const line = createProgressLine(stream, () => time);
    line.clear();
    line.show('one');
    time = 50;
    line.show('two');
    line.show('three', true);
    line.show('three', true);
    time = 160;
    line.show('four');
    line.show('a line longer than the terminal is wide', true);
    line.clear();
    line.clear();
    expect(stream.writes).toEqual([
      `${eraseLine}one`,
      `${eraseLine}three`,
      `${eraseLine}four`,
      `${eraseLine}a line longer than…`,
      eraseLine,
    ]);
  });

  it.each<[BuildProgress, string]>([
    [{ stage: 'chapters', done: 0, total: 100, cached: 0 }, 'Chapters [>                   ] 0/100'],
    [{ stage: 'chapters', done: 37, total: 100, cached: 12 }, 'Chapters [=======>            ] 37/100, 12 from the cache'],
    [{ stage: 'chapters', done: 100, total: 100, cached: 0 }, 'Chapters [====================] 100/100'],
    [{ stage: 'chapters', done: 0, total: 0, cached: 0 }, 'Chapters [====================] 0/0'],
    [{ stage: 'format', format: 'epub', step: 'render', position: 1, count: 2 }, 'Rendering epub (1/2)…'],
    [{ stage: 'format', format: 'pdf', step: 'failed', position: 2, count: 3 }, 'Could not render pdf (2/3)'],
    [{ stage: 'publish' }, 'Publishing…'],
  ])('describes %j', (progress, text) => {
    expect(describeProgress(progress)).toBe(text);
  });
});

describe('build progress on a terminal', () => {
  it('shows each chapter and format step while a book builds, and erases the line before printing', async () => {
    vi.stubEnv('BILINGUAL_BOOK_THREADS', '1');
    const { code, log, printed } = await buildOn(fakeTerminal(), {});
    expect(code).toBe(0);
    const firstPrinted = log.findIndex((entry) => !entry.startsWith('tty '));
    expect(log.slice(0, firstPrinted)).toEqual(
      [
        'Chapters [>                   ] 0/2',
        'Chapters [==========>         ] 1/2',
        'Chapters [====================] 2/2',
        'Rendering site (1/1)…',
        'Checking site (1/1)…',
        'Checked site (1/1)',
        'Publishing…',
        '',
      ].map((text) => `tty ${JSON.stringify(`${eraseLine}${text}`)}`),
    );
    expect(log.slice(firstPrinted).every((entry) => !entry.startsWith('tty '))).toBe(true);
    expect(printed.out[0]).toMatch(/^Built site: \d+ files in /);
  });

  it.each([
    ['not a terminal', false, {}],
    ['CI', true, { CI: 'true' }],
    ['a dumb terminal', true, { TERM: 'dumb' }],
  ])('writes nothing to %s, and prints what it printed before', async (_name, isTTY, env) => {
    const stream = fakeTerminal(isTTY);
    const { code, printed } = await buildOn(stream, env);
    expect(code).toBe(0);
    expect(stream.writes).toEqual([]);
    expect(printed.out).toEqual([expect.stringMatching(/^Built site: \d+ files in /), expect.stringMatching(/^Editions ja, en, bilingual done in [\d.]+ s\.$/)]);
  });
});

describe('chapter progress', () => {
  it('counts chapters as the worker threads finish them, then as they are read from the cache', async () => {
    const root = await copyBook('small');
    const settings = { threads: 2, cache: { key: randomBytes(32) } };
    const compiled: BuildProgress[] = [];
    await loadBook({ root, ...settings, onProgress: (progress) => compiled.push(progress) });
    expect(compiled).toEqual([0, 1, 2].map((done) => ({ stage: 'chapters', done, total: 2, cached: 0 })));

    const cached: BuildProgress[] = [];
    await loadBook({ root, ...settings, onProgress: (progress) => cached.push(progress) });
    expect(cached).toEqual([0, 1, 2].map((done) => ({ stage: 'chapters', done, total: 2, cached: done })));
  });
});
