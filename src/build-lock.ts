import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** How long a build waits for another one writing to the same output folder. */
const waitLimitMs = 15 * 60 * 1000;

/**
 * Two builds into one output folder take turns: each holds `.build.lock` (its pid inside) while it
 * writes. A lock left by a process that no longer runs (a killed build) is taken over.
 * Returns the function that releases the lock.
 */
export async function acquireBuildLock(outDir: string, onWait: (pid: number) => void = () => {}): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const lockFile = path.join(outDir, '.build.lock');
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isRunning(holder)) {
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() - started > waitLimitMs) {
      throw new Error(`Another build (pid ${holder}) has been writing to ${outDir} for over ${waitLimitMs / 60000} minutes; stop it, or delete ${lockFile} if no build runs`);
    }
    if (!announced) onWait(holder);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
