import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import { main } from '../src/cli/main.ts';

export const repoRoot = path.join(import.meta.dirname, '..');
export const fixtureBooks = path.join(import.meta.dirname, 'fixtures/books');

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Sets the day to `now` (an ISO date-time) until `vi.useRealTimers()`: only `Date` is faked, and it keeps
 * running, so timeouts and the build lock's waits stay real. The fixture book's sources turn stale with the calendar.
 */
export function setClock(now: string): void {
  vi.useFakeTimers({ now: new Date(now), toFake: ['Date'], shouldAdvanceTime: true });
}

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'bilingual-book-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh temp folder for a whole suite (made in `beforeAll`); the suite removes it with `removeDir`. */
export async function suiteDir(prefix = 'bilingual-book-suite-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** A copy of a fixture book in a temp folder, for tests that break it. */
export async function copyBook(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(path.join(fixtureBooks, name), dir, { recursive: true });
  return dir;
}

/** Replaces `from` by `to` in a file of `root`; fails loudly if `from` is absent. */
export async function edit(root: string, relative: string, from: string | RegExp, to: string): Promise<void> {
  const file = path.join(root, relative);
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${relative} has no ${String(from)}`);
  await writeFile(file, next);
}

/** Runs the CLI in this process, as a user would from `cwd`, and collects what it prints. */
export async function cli(argv: string[], cwd = repoRoot): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}
