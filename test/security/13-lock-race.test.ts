import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, fixtureBooks, removeDir, repoRoot, suiteDir } from '../helpers.ts';
import { hashes, stdoutLines } from './output-state.ts';

/**
 * Issue 11, item 13: builds racing to take over a stale lock (its build killed) never both hold it, and
 * none removes another's staging folder.
 */

let base: string;
beforeAll(async () => {
  base = await suiteDir('bilingual-book-lock-');
});
afterAll(() => removeDir(base));

/** The pid of a process that has exited: what a killed build leaves in its lock. */
async function deadPid(): Promise<number> {
  const gone = spawn('true');
  await new Promise((resolve) => gone.on('exit', resolve));
  return gone.pid!;
}

describe('taking over a stale lock', () => {
  it('three processes racing, 40 rounds: never two inside, no staging folder lost', async () => {
    const rounds = 40;
    const dir = path.join(base, 'race');
    for (let round = 0; round < rounds; round++) {
      const out = path.join(dir, `out-${round}`);
      await mkdir(out, { recursive: true });
      const pid = await deadPid();
      // Half the rounds hold a lock from this version, half one from before it (the pid alone).
      await writeFile(path.join(out, '.build.lock'), round % 2 ? String(pid) : JSON.stringify({ pid, start: 1, nonce: `stale-${round}` }));
      // And the killed build's staging folder, which the next build removes.
      await mkdir(path.join(out, `.staging-${pid}-1-dead`));
    }
    const racers = [0, 1, 2].map(() => spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lock-child.ts'), dir, String(rounds), '30'], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const outputs = racers.map(stdoutLines);
    const exits = racers.map((racer) => new Promise((resolve) => racer.on('exit', resolve)));
    const early = Promise.race(exits).then((code) => {
      throw new Error(`a racer exited early (${String(code)})`);
    });
    for (let round = 0; round < rounds; round++) {
      await Promise.race([Promise.all(outputs.map((output) => output.seen(`ready ${round}`))), early]);
      await writeFile(path.join(dir, `go-${round}`), '');
    }
    early.catch(() => {});
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
    const reports = outputs.flatMap((output) => output.all.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { round: number; overlap: boolean; stagingKept: boolean }));
    expect(reports).toHaveLength(rounds * 3);
    expect(reports.filter((report) => report.overlap)).toEqual([]);
    expect(reports.filter((report) => !report.stagingKept)).toEqual([]);
    for (let round = 0; round < rounds; round++) expect(await readdir(path.join(dir, `out-${round}`))).toEqual([]);
  }, 120_000);

  it('two real builds racing for a killed build’s lock both finish, one after the other, and lose nothing', async () => {
    const original = path.join(base, 'original');
    const changed = path.join(base, 'changed');
    await cp(path.join(fixtureBooks, 'small'), original, { recursive: true });
    await cp(path.join(fixtureBooks, 'small'), changed, { recursive: true });
    await edit(changed, 'content/en/01-first.md', 'The first paragraph.', 'The very first paragraph.');
    const bin = path.join(repoRoot, 'src/cli/bin.js');
    const run = (root: string, out: string) => {
      const spawned = spawn(process.execPath, [bin, 'build', '--root', root, '--out', out, '--format', 'site'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      spawned.stderr!.on('data', (chunk) => (stderr += chunk));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => spawned.on('exit', (code) => resolve({ code, stderr })));
    };
    const reference: Record<string, string>[] = [];
    for (const root of [original, changed]) {
      const out = path.join(base, `reference-${reference.length}`);
      expect((await run(root, out)).code).toBe(0);
      reference.push(await hashes(out));
    }
    for (let round = 0; round < 3; round++) {
      const out = path.join(base, `builds-${round}`);
      await cp(path.join(base, 'reference-0'), out, { recursive: true });
      const pid = await deadPid();
      await writeFile(path.join(out, '.build.lock'), JSON.stringify({ pid, start: 1, nonce: 'killed' }));
      const results = await Promise.all([run(original, out), run(changed, out)]);
      expect(results.map((result) => result.code), results.map((result) => result.stderr).join('\n')).toEqual([0, 0]);
      expect(reference).toContainEqual(await hashes(out));
      expect((await readdir(out)).filter((entry) => entry.startsWith('.'))).toEqual(['.bilingual-book-manifest.json']);
    }
  }, 180_000);
});
