import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, readdir, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireBuildLock, removeDeadLockFiles } from '../../src/publish/build-lock.ts';
import { build } from '../../src/build.ts';
import { foreignEntries, readManifest } from '../../src/publish/manifest.ts';
import { recoverOutput } from '../../src/publish/publish.ts';
import { cli, edit, fixtureBooks, removeDir, suiteDir } from '../helpers.ts';
import { formatPart, hashes, immutable, stdoutLines } from './output-state.ts';

/**
 * Issue 11, item 12: a build killed (SIGKILL) at any instant of its publish leaves each format all old
 * or all new, and the next build finds the folder consistent; a failed rename rolls back; a full disk is
 * its own error and keeps only that format from publishing.
 */

const child = path.join(import.meta.dirname, 'publish-child.ts');
const formats = ['site', 'epub'] as const;
let base: string;
let original: string;
let changed: string;
let previousOut: string;
let previous: Record<string, string>;
let next: Record<string, string>;
let steps: string[];

beforeAll(async () => {
  base = await suiteDir('bilingual-book-publish-');
  original = path.join(base, 'original');
  changed = path.join(base, 'changed');
  await cp(path.join(fixtureBooks, 'small'), original, { recursive: true });
  await cp(path.join(fixtureBooks, 'small'), changed, { recursive: true });
  await edit(changed, 'content/en/01-first.md', 'The first paragraph.', 'The very first paragraph.');
  previousOut = path.join(base, 'previous');
  expect((await build({ root: original, outDir: previousOut, formats: [...formats] })).ok).toBe(true);
  const nextOut = path.join(base, 'next');
  expect((await build({ root: changed, outDir: nextOut, formats: [...formats] })).ok).toBe(true);
  previous = await hashes(previousOut);
  next = await hashes(nextOut);
  for (const format of formats) expect(formatPart(next, format)).not.toEqual(formatPart(previous, format));
  // One run to its end, to learn the steps a publish takes.
  const out = await previousOutput();
  const run = start(out, 'none');
  expect((await run.done).code).toBe(0);
  steps = run.lines.filter((line) => line.startsWith('step ')).map((line) => line.slice(5));
  expect(steps).toContain('move site');
}, 120_000);

afterAll(() => removeDir(base));

let count = 0;
async function previousOutput(): Promise<string> {
  const out = path.join(base, `out-${++count}`);
  await cp(previousOut, out, { recursive: true });
  return out;
}

function start(out: string, stopAt: string, slowMs = 0): { process: ChildProcess; lines: string[]; seen: (line: string) => Promise<void>; done: Promise<{ code: number | null }> } {
  const spawned = spawn(process.execPath, ['--import', 'tsx', child, changed, out, stopAt, String(slowMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { all: lines, seen } = stdoutLines(spawned);
  const done = new Promise<{ code: number | null }>((resolve) => spawned.on('exit', (code) => resolve({ code })));
  return { process: spawned, lines, seen, done };
}

/** After a kill: what the next build does first, then what a reader (and the next build) finds. */
async function expectConsistent(out: string): Promise<'previous' | 'next'> {
  const lock = await acquireBuildLock(out);
  await removeDeadLockFiles(out);
  await recoverOutput(out);
  await lock.release();
  const shown = await hashes(out);
  for (const format of formats) expect([formatPart(previous, format), formatPart(next, format)]).toContainEqual(formatPart(shown, format));
  // All formats come from one build, and the manifest says so: the next build is not refused.
  expect([previous, next]).toContainEqual(shown);
  const manifest = await readManifest(out);
  for (const format of formats) expect(await foreignEntries(out, format, manifest)).toEqual([]);
  expect((await readdir(out)).filter((entry) => entry.startsWith('.') && entry !== '.bilingual-book-manifest.json')).toEqual([]);
  return JSON.stringify(shown) === JSON.stringify(previous) ? 'previous' : 'next';
}

describe('publishing', () => {
  it('a build killed at each step of its publish leaves each format all old or all new', async () => {
    const outcomes: Record<string, string> = {};
    for (const step of steps) {
      const out = await previousOutput();
      const run = start(out, step);
      await Promise.race([run.seen(`step ${step}`), run.done]);
      run.process.kill('SIGKILL');
      await run.done;
      outcomes[step] = await expectConsistent(out);
    }
    // Until the `.done` mark is written the publish is rolled back; after it, it is complete.
    expect(outcomes).toEqual(Object.fromEntries(steps.map((step) => [step, step === 'clean' ? 'next' : 'previous'])));
  }, 240_000);

  it.each([0, 7, 20, 45, 80, 130, 200, 320])('a build killed %i ms into a slowed publish loses nothing', async (delay) => {
    const out = await previousOutput();
    const run = start(out, 'none', 25);
    await Promise.race([run.seen(`step ${steps[0]}`), run.done]);
    await new Promise((resolve) => setTimeout(resolve, delay));
    run.process.kill('SIGKILL');
    const { code } = await run.done;
    const outcome = await expectConsistent(out);
    if (code === 0) expect(outcome).toBe('next');
  });

  it('rolls back when a rename fails, keeping the previous output and saying why', async () => {
    const out = await previousOutput();
    await immutable(path.join(out, 'site'), true);
    let result;
    try {
      result = await cli(['build', '--root', changed, '--out', out, '--format', 'site,epub'], changed);
    } finally {
      await immutable(path.join(out, 'site'), false);
    }
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/: error: Could not write into .*: permission denied \(.*\/site\); make the folder writable, or choose another --out; nothing was replaced \[output-folder\]$/);
    expect(result.err.join('\n')).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(await hashes(out)).toEqual(previous);
    expect(await expectConsistent(out)).toBe('previous');
  });
});

describe('a full disk', () => {
  const run = promisify(execFile);
  let mount: string;
  let mounted = false;
  beforeAll(async () => {
    mount = path.join(base, 'small-disk');
    await mkdir(mount);
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
      mounted = true;
    } catch {
      // Not allowed here (not root, or no tmpfs): the test says so rather than passing.
    }
  });
  afterAll(async () => {
    if (mounted) await run('umount', [mount]);
  });

  it('is a disk-full error: that format keeps its previous output, the others are published', async () => {
    expect(mounted, 'mount -t tmpfs needs root').toBe(true);
    const out = path.join(mount, 'dist');
    await cp(previousOut, out, { recursive: true });
    // Room for the new EPUBs and a part of the site only (the site is rendered last).
    const epubBytes = Object.keys(formatPart(next, 'epub')).length * 80 * 1024;
    const { bavail, bsize } = await statfs(mount);
    await writeFile(path.join(mount, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - epubBytes - 120 * 1024)));
    const { code, err, out: printed } = await cli(['build', '--root', changed, '--out', out, '--format', 'site,epub'], changed);
    expect(code).toBe(1);
    expect(err.find((line) => line.includes('[disk-full]'))).toMatch(/error: Could not write the site output: the disk is full \(.*\); free some space and build again; .*\/dist\/site was left as it was \[disk-full\]$/);
    expect(err.join('\n')).not.toContain('[render-failed]');
    expect(printed[0]).toMatch(/^Built epub: 3 files in /);
    const shown = await hashes(out);
    expect(formatPart(shown, 'epub')).toEqual(formatPart(next, 'epub'));
    expect(formatPart(shown, 'site')).toEqual(formatPart(previous, 'site'));
    expect(await foreignEntries(out, 'site', await readManifest(out))).toEqual([]);
  });
});
