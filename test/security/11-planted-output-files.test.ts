import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyBook } from '../helpers.ts';

/**
 * Issue 11, items 8 and 10, in the output folder: the default `dist/` comes with the untrusted book, so its
 * manifest, lock and a dead build's publish journal may be planted as FIFOs or garbage. A build must neither
 * hang on them nor end in a stack trace.
 */
async function buildWith(plant: (out: string) => Promise<void> | void): Promise<{ code: number; err: string[] }> {
  const root = await copyBook('small');
  const out = path.join(root, 'dist');
  await mkdir(out, { recursive: true });
  await plant(out);
  return cli(['build', '--root', root, '--format', 'site'], root);
}

describe('files planted in the output folder', () => {
  it('a FIFO lock is taken over, not waited on', { timeout: 60_000 }, async () => {
    const { code, err } = await buildWith((out) => {
      execFileSync('mkfifo', [path.join(out, '.build.lock')]);
    });
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });

  it('a FIFO manifest reads as no manifest', { timeout: 60_000 }, async () => {
    const { code, err } = await buildWith((out) => {
      execFileSync('mkfifo', [path.join(out, '.bilingual-book-manifest.json')]);
    });
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });

  it('a dead build’s journal holding `null`, or a FIFO, rolls back nothing and is removed', { timeout: 60_000 }, async () => {
    for (const journal of ['null', 'fifo']) {
      const { code, err } = await buildWith(async (out) => {
        const staging = path.join(out, '.staging-999999-5-a');
        await mkdir(staging);
        if (journal === 'fifo') execFileSync('mkfifo', [path.join(staging, '.publishing')]);
        else await writeFile(path.join(staging, '.publishing'), journal);
      });
      expect(err.join('\n')).not.toMatch(/\n\s+at /);
      expect(code).toBe(0);
    }
  });
});
