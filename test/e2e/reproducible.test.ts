import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/output/site/verify.ts';
import { removeDir, repoRoot, suiteDir } from '../helpers.ts';

const run = promisify(execFile);
let dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
  dirs = [];
});

/** Builds the real book in a separate process with the given environment; returns each output file's hash. */
async function buildWith(env: Record<string, string>): Promise<Record<string, string>> {
  const out = await suiteDir('bilingual-book-repro-');
  dirs.push(out);
  await run(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), 'build', '--root', repoRoot, '--out', out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...env },
    maxBuffer: 16 << 20,
  });
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(out)) hashes[file] = createHash('sha256').update(await readFile(path.join(out, file))).digest('hex');
  return hashes;
}

describe('reproducible builds', () => {
  it('give byte-identical site files, EPUBs and PDFs across time zones and locales', async () => {
    const tokyo = await buildWith({ TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' });
    const losAngeles = await buildWith({ TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' });
    const files = Object.keys(tokyo);
    expect(files.filter((file) => file.startsWith('pdf/'))).toHaveLength(3);
    expect(files.filter((file) => file.startsWith('epub/'))).toHaveLength(3);
    expect(files.filter((file) => file.endsWith('.html')).length).toBeGreaterThan(30);
    const differing = files.filter((file) => tokyo[file] !== losAngeles[file]);
    expect(differing).toEqual([]);
    expect(Object.keys(losAngeles)).toEqual(files);
  });
});
