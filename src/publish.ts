import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outputs are written to a staging folder inside `outDir` and moved into place only after every check
 * passed, so a failed or interrupted build leaves the previous `dist/` as it was.
 *
 * Moving several format folders into place is a few renames, not one: a journal in the staging
 * folder (`.publishing` before the first rename, `.done` after the last) lets the next build roll an
 * interrupted publish back, and SIGINT during the renames rolls back at once.
 */

const stagingPrefix = '.staging-';

export async function createStaging(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(path.join(outDir, stagingPrefix));
}

/** Set by the CLI's SIGINT handler: publish stops between renames and restores what it replaced. */
export const interruption = { requested: false };

/** Replaces `outDir/<name>` with `staging/<name>` for each name. */
export async function publish(staging: string, outDir: string, names: readonly string[]): Promise<void> {
  await writeFile(path.join(staging, '.publishing'), JSON.stringify(names));
  for (const name of names) {
    if (interruption.requested) break;
    const target = path.join(outDir, name);
    if (existsSync(target)) await rename(target, path.join(staging, `.old-${name}`));
    await rename(path.join(staging, name), target);
  }
  if (interruption.requested) {
    await rollBack(staging, outDir);
    return;
  }
  await writeFile(path.join(staging, '.done'), '');
  await discard(staging);
}

export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}

/**
 * Cleans up after builds that were killed: staging folders are removed, and a publish that had begun
 * but not finished is undone, so `outDir` shows the last complete build. Call it holding the build lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  for (const entry of await readdir(outDir)) {
    if (!entry.startsWith(stagingPrefix)) continue;
    const staging = path.join(outDir, entry);
    if (!existsSync(path.join(staging, '.done')) && existsSync(path.join(staging, '.publishing'))) await rollBack(staging, outDir);
    await discard(staging);
  }
}

/** Undoes the renames a publish made: new folders out, the previous ones back. */
async function rollBack(staging: string, outDir: string): Promise<void> {
  const names = JSON.parse(await readFile(path.join(staging, '.publishing'), 'utf8')) as string[];
  for (const name of names) {
    const target = path.join(outDir, name);
    const old = path.join(staging, `.old-${name}`);
    const moved = !existsSync(path.join(staging, name));
    if (moved && existsSync(target)) await rename(target, path.join(staging, name));
    if (existsSync(old)) await rename(old, target);
  }
  await discard(staging);
}
