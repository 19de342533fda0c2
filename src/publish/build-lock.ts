import { createHash, randomUUID } from 'node:crypto';
import { link, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readInput } from '../config/read-input.ts';
import { isAlive, ownIdentity, parseIdentity, type ProcessIdentity } from './process-identity.ts';

/** How long a build waits for another one writing to the same output folder. */
const waitLimitMs = 15 * 60 * 1000;

const lockName = '.build.lock';

export interface BuildLock {
  /** Who holds it: staging folders carry it, so a live build's staging is never removed. */
  owner: ProcessIdentity;
  /** True while the lock file is still this build's (checked before publishing). */
  holds(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Two builds into one output folder take turns: each holds `.build.lock` while it writes. The lock is
 * made whole by `link`ing a file already holding the owner's pid, start time and a random nonce, so no
 * reader ever sees it half written. A lock whose owner is gone (a killed build) is taken over, and the
 * takeover is atomic: only the build that creates `.build.lock.takeover-<hash of that stale lock>` may
 * replace it, after checking it is still that stale lock. A takeover cut short by a kill is itself
 * taken over the same way.
 */
export async function acquireBuildLock(outDir: string, onWait: (pid: number) => void = () => {}): Promise<BuildLock> {
  await makeFolder(outDir);
  const lockFile = path.join(outDir, lockName);
  const owner = ownIdentity();
  const text = JSON.stringify({ ...owner, nonce: randomUUID() });
  // The owner is in the name too: another build may read this file before it is written.
  const mine = path.join(outDir, `${lockName}.${owner.pid}-${owner.start}-${randomUUID()}`);
  await writeFile(mine, text);
  const lock: BuildLock = {
    owner,
    holds: async () => (await readText(lockFile)) === text,
    release: async () => {
      if (await lock.holds()) await rm(lockFile, { force: true });
    },
  };
  const started = Date.now();
  let announced = false;
  try {
    for (;;) {
      if (await created(mine, lockFile)) return lock;
      const current = await readText(lockFile);
      if (current === undefined) continue;
      const holder = holderOf(current);
      if (!holder || !isAlive(holder)) {
        if (await takeOver(lockFile, current, mine)) return lock;
      } else {
        if (Date.now() - started > waitLimitMs) {
          throw new Error(`Another build (pid ${holder.pid}) has been writing to ${outDir} for over ${waitLimitMs / 60000} minutes; stop it, or delete ${lockFile} if no build runs`);
        }
        if (!announced) onWait(holder.pid);
        announced = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  } finally {
    await rm(mine, { force: true });
  }
}

/**
 * Replaces `file`, found holding `stale` (its owner gone), by the content of `mine`; false when another
 * build is doing it or has done it. Holding the claim, nobody else can change `file` while it is `stale`.
 */
async function takeOver(file: string, stale: string, mine: string): Promise<boolean> {
  const claim = `${file}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  if (!(await created(mine, claim))) {
    const claimText = await readText(claim);
    if (claimText === undefined) return false;
    const claimer = holderOf(claimText);
    if (claimer && isAlive(claimer)) return false;
    if (!(await takeOver(claim, claimText, mine))) return false;
  }
  const text = await readFile(mine, 'utf8');
  try {
    if ((await readText(file)) !== stale) return false;
    const fresh = `${mine}.${path.basename(claim)}`;
    await link(mine, fresh);
    await rename(fresh, file);
    return true;
  } finally {
    if ((await readText(claim)) === text) await rm(claim, { force: true });
  }
}

/**
 * Removes the temporary and claim files of builds that are gone (a kill during a takeover leaves one):
 * a temporary file's owner is in its name, a claim's (made whole by `link`) in its content. Call it
 * holding the lock.
 */
export async function removeDeadLockFiles(outDir: string): Promise<void> {
  for (const entry of await readdir(outDir)) {
    if (!entry.startsWith(`${lockName}.`)) continue;
    const file = path.join(outDir, entry);
    // Another build waiting for the lock may remove its own claim between the listing and this look.
    const stats = await lstat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stats?.isFile()) continue;
    const named = /^(\d+)-(\d+)-/.exec(entry.slice(lockName.length + 1));
    const text = named ? undefined : await readText(file);
    const owner = named ? { pid: Number(named[1]), start: Number(named[2]) } : text === undefined ? undefined : holderOf(text);
    if (!owner || !isAlive(owner)) await rm(file, { force: true });
  }
}

/**
 * `mkdir -p`, one folder at a time: Node's own recursive mkdir retries for ever where a folder can never
 * be made (`/proc/x` fails with ENOENT under an existing parent); here that error is thrown.
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || path.dirname(dir) === dir) throw error;
    await makeFolder(path.dirname(dir));
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw Object.assign(again, { cannotMake: true });
    });
  }
}

/** Creates `target` as a link to `source`, whole or not at all; false when `target` exists. */
async function created(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * A lock or claim file's text, undefined when it is missing. Read within bounds: the output folder may be the
 * book's own `dist/`, where a FIFO could be planted; anything but a small plain file reads as empty, a lock
 * of nobody's, which a build takes over by renaming its own over it.
 */
async function readText(file: string): Promise<string | undefined> {
  const read = await readInput(file, { within: path.dirname(file), maxBytes: 64 * 1024 });
  if ('bytes' in read) return read.bytes.toString('utf8');
  return read.problem.kind === 'missing' ? undefined : '';
}

/** The owner a lock names; a lock from an older version holds the pid alone. */
function holderOf(text: string): ProcessIdentity | undefined {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), start: 0 };
  return parseIdentity(text);
}
