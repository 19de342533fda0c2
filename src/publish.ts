import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outputs are written to a staging folder inside `outDir` and moved into place only after every check
 * passed, so a failed or interrupted build leaves the previous `dist/` as it was.
 */
export async function createStaging(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(path.join(outDir, '.staging-'));
}

/** Replaces `outDir/<name>` with `staging/<name>` for each name, each by a rename on the same disk. */
export async function publish(staging: string, outDir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const target = path.join(outDir, name);
    const old = path.join(staging, `.old-${name}`);
    const previous = await exists(target);
    if (previous) await rename(target, old);
    await rename(path.join(staging, name), target);
  }
  await discard(staging);
}

export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
