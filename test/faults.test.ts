import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverOutput } from '../src/publish/publish.ts';
import { listFiles } from '../src/output/site/verify.ts';
import { edit, fixtureBooks, removeDir, repoRoot, suiteDir } from './helpers.ts';

const bin = path.join(repoRoot, 'src/cli/bin.js');
let dirs: string[] = [];
let original: string;
let changed: string;
let previous: Record<string, string>;
let next: Record<string, string>;

/** What a reader of the output folder sees: every file outside the hidden staging folders and lock. */
async function visible(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    if (file.split('/').some((part) => part.startsWith('.'))) continue;
    hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  }
  return hashes;
}

/** The files of one format's folder. */
function part(files: Record<string, string>, format: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([file]) => file.startsWith(`${format}/`)));
}

function start(root: string, out: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, 'build', '--root', root, '--out', out, '--format', 'site,epub'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

async function buildInto(root: string, out: string): Promise<void> {
  const { done } = start(root, out);
  const { code, stderr } = await done;
  expect(code, stderr).toBe(0);
}

beforeAll(async () => {
  original = await suiteDir('bilingual-book-faults-');
  changed = await suiteDir('bilingual-book-faults-');
  dirs.push(original, changed);
  await cp(path.join(fixtureBooks, 'small'), original, { recursive: true });
  await cp(path.join(fixtureBooks, 'small'), changed, { recursive: true });
  await edit(changed, 'content/en/01-first.md', 'The first paragraph.', 'The very first paragraph.');
  await buildInto(original, path.join(original, 'dist'));
  await buildInto(changed, path.join(changed, 'dist'));
  previous = await visible(path.join(original, 'dist'));
  next = await visible(path.join(changed, 'dist'));
  expect(next).not.toEqual(previous);
}, 120_000);

afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
  dirs = [];
});

/** Resolves when the build starts writing (its staging folder appears), or soon after it ended. */
async function stagingAppears(out: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if ((await readdir(out)).some((entry) => entry.startsWith('.staging-'))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A fresh output folder holding the original book's build. */
async function previousOutput(): Promise<string> {
  const out = await suiteDir('bilingual-book-out-');
  dirs.push(out);
  await cp(path.join(original, 'dist'), out, { recursive: true });
  return out;
}

describe('faults', () => {
  it.each([-1000, 0, 30, 100, 200, 350, 500, 700, 1000])('a build killed (SIGKILL) %i ms into writing loses nothing', async (delay) => {
    const out = await previousOutput();
    const { child, done } = start(changed, out);
    if (delay < 0) await new Promise((resolve) => setTimeout(resolve, -delay));
    else await stagingAppears(out);
    setTimeout(() => child.kill('SIGKILL'), Math.max(0, delay));
    const { code } = await done;
    // The next build starts by undoing whatever the killed one left half done. A kill that lands after the
    // publish finished (it is a few renames, then the process exits) rightly leaves the new output: what must
    // never be seen is a mix of the two, or the new output missing after a build that exited 0.
    await recoverOutput(out);
    const shown = await visible(out);
    if (code === 0) expect(shown).toEqual(next);
    else expect([previous, next]).toContainEqual(shown);
    expect((await readdir(out)).filter((entry) => entry.startsWith('.staging-'))).toEqual([]);
  });

  it.each([0, 50, 150, 300, 600])('a build interrupted (SIGINT) %i ms into writing keeps the previous output', async (delay) => {
    const out = await previousOutput();
    const { child, done } = start(changed, out);
    await stagingAppears(out);
    setTimeout(() => child.kill('SIGINT'), delay);
    const { code, signal, stderr } = await done;
    // Before the build is under way the default handler ends the process: nothing was written yet.
    if (code === null) expect(signal).toBe('SIGINT');
    else expect([0, 130]).toContain(code);
    const shown = await visible(out);
    if (code === 0) expect(shown).toEqual(next);
    // Each format publishes on its own: one already published when the interrupt came stays new, the others
    // stay as they were; no format is ever a mix of the two builds.
    else for (const format of ['site', 'epub']) expect([part(previous, format), part(next, format)]).toContainEqual(part(shown, format));
    if (code === 130) expect(stderr).toContain('The build was interrupted');
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('runs two builds into one folder one after the other, never mixing them', async () => {
    const out = await previousOutput();
    const [a, b] = [start(original, out), start(changed, out)];
    const results = await Promise.all([a.done, b.done]);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect(results.some((result) => result.stderr.includes('Waiting for another build'))).toBe(true);
    const final = await visible(out);
    expect([previous, next]).toContainEqual(final);
    expect((await readdir(out)).filter((entry) => entry.startsWith('.'))).toEqual(['.bilingual-book-manifest.json']);
  });

  it('still builds the site and EPUB when Chromium is missing, and says what to install', async () => {
    const out = await previousOutput();
    const child = spawn(process.execPath, [bin, 'build', '--root', changed, '--out', out], {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('error: Could not build the pdf output: The PDF output needs Chromium, and there is none at /nonexistent/chromium: install Debian\'s with `apt-get install -y chromium`');
    expect(stderr).toContain('Build failed with 1 error(s); only epub, site replaced.');
    expect(stdout).toContain('Built site:');
    expect(await visible(out)).toEqual(next);
  });
});
