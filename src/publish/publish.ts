import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatNames } from '../config/schema.ts';
import { flush, listOurs, manifestName, readManifest, readOutputFile, writeManifest } from './manifest.ts';
import { isAlive, type ProcessIdentity } from './process-identity.ts';

/**
 * Outputs are written to a staging folder inside `outDir` and moved into place only after every check
 * passed, so a failed or interrupted build leaves the previous `dist/` as it was.
 *
 * Moving several format folders into place is a few renames, not one: each format's folder is renamed
 * aside into the staging folder, then the new one renamed into place, and last the manifest the same
 * way. A journal written before the first rename (`.publishing`) and a mark written after the last
 * (`.done`), each flushed to disk, tell the next build whether a publish cut short by a kill must be
 * rolled back or was complete. A failed rename and SIGINT roll back at once. So each format is always
 * either all old or all new, and all formats are from the same build.
 */

const stagingPrefix = '.staging-';
const discardPrefix = '.discard-';
const journalName = '.publishing';
const doneName = '.done';

/** The staging folder's name carries its owner, so a build never removes a live build's staging. */
export async function createStaging(outDir: string, owner: ProcessIdentity): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(path.join(outDir, `${stagingPrefix}${owner.pid}-${owner.start}-`));
}

/**
 * Told before each step of a publish (`backup site`, `move site`, …, `commit`, `clean`) and awaited:
 * tests pause there to kill the build at each instant.
 */
export type PublishStep = (step: string) => void | Promise<void>;

/**
 * Replaces `outDir/<name>` with `staging/<name>` for each name and records them in the manifest.
 * Returns false when `signal` aborts it (everything put back; the CLI aborts on SIGINT). Throws when a step fails, after putting back
 * what it had replaced; if even that fails, the staging folder keeps the previous output and the next
 * build restores it.
 */
export async function publish(staging: string, outDir: string, names: readonly string[], onStep: PublishStep = () => {}, signal?: AbortSignal): Promise<boolean> {
  const interrupted = () => signal?.aborted === true;
  const manifest = await readManifest(outDir);
  const formats = { ...manifest.formats };
  for (const name of names) formats[name] = await listOurs(path.join(staging, name));
  const newManifest = await writeManifest(staging, { formats });
  const journal: Journal = { names: [...names], hadManifest: existsSync(path.join(outDir, manifestName)) };
  // Written whole or not at all: a kill while writing it must not leave a journal the next build cannot read.
  await writeFile(path.join(staging, `${journalName}.new`), JSON.stringify(journal));
  await flush(path.join(staging, `${journalName}.new`));
  await rename(path.join(staging, `${journalName}.new`), path.join(staging, journalName));
  await flush(staging);
  try {
    for (const name of [...names, manifestName]) {
      const target = path.join(outDir, name);
      await onStep(`backup ${name}`);
      if (interrupted()) break;
      if (existsSync(target)) await rename(target, path.join(staging, `.old-${name}`));
      await onStep(`move ${name}`);
      await rename(name === manifestName ? newManifest : path.join(staging, name), target);
    }
    if (!interrupted()) {
      await flush(outDir);
      await onStep('commit');
    }
    if (interrupted()) {
      await rollBack(staging, outDir);
      return false;
    }
    await writeFile(path.join(staging, doneName), '');
    await flush(staging);
  } catch (error) {
    await rollBack(staging, outDir).catch((rollBackError: Error) => {
      const kept = `the previous output could not be put back (${rollBackError.message}): it is kept in ${staging}, and the next build into ${outDir} restores it`;
      throw Object.assign(error as Error, { kept });
    });
    throw error;
  }
  await onStep('clean');
  await discard(staging);
  return true;
}

/**
 * Removes a staging folder, first renamed out of the way in one step: a kill halfway through removing
 * it must not leave a journal without its `.done` mark beside half-deleted previous output.
 */
export async function discard(staging: string): Promise<void> {
  if (!existsSync(staging)) return;
  const doomed = path.join(path.dirname(staging), `${discardPrefix}${path.basename(staging).slice(stagingPrefix.length)}`);
  await rename(staging, doomed);
  await rm(doomed, { recursive: true, force: true });
}

/**
 * Cleans up after builds that were killed: their staging folders are removed, and a publish that had
 * begun but not finished is undone, so `outDir` shows the last complete build. A live build's staging
 * folder is left alone. Call it holding the build lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  for (const entry of await readdir(outDir)) {
    const prefix = [stagingPrefix, discardPrefix].find((candidate) => entry.startsWith(candidate));
    if (!prefix) continue;
    const owner = /^(\d+)-(\d+)-/.exec(entry.slice(prefix.length));
    if (owner && isAlive({ pid: Number(owner[1]), start: Number(owner[2]) })) continue;
    const staging = path.join(outDir, entry);
    // A link or a file by that name was not made by a build: it is removed (the link, not what it points to).
    if (!(await lstat(staging)).isDirectory()) {
      await rm(staging, { force: true });
      continue;
    }
    if (prefix === discardPrefix) {
      await rm(staging, { recursive: true, force: true });
      continue;
    }
    if (existsSync(path.join(staging, journalName)) && !existsSync(path.join(staging, doneName))) await rollBack(staging, outDir);
    await discard(staging);
  }
}

/** Undoes the renames a publish made: new folders (and manifest) out, the previous ones back. */
async function rollBack(staging: string, outDir: string): Promise<void> {
  const journal = readJournal(await readOutputFile(path.join(staging, journalName), outDir));
  for (const name of journal.names) {
    const target = path.join(outDir, name);
    const old = path.join(staging, `.old-${name}`);
    const moved = !existsSync(path.join(staging, name));
    if (moved && existsSync(target)) await rename(target, path.join(staging, name));
    if (existsSync(old)) await rename(old, target);
  }
  const oldManifest = path.join(staging, `.old-${manifestName}`);
  if (existsSync(oldManifest)) await rename(oldManifest, path.join(outDir, manifestName));
  else if (journal.hadManifest === false) await rm(path.join(outDir, manifestName), { force: true });
  await flush(outDir);
  await discard(staging);
}

/** What the journal says a publish will do; a journal from an older version is the list of names alone. */
interface Journal {
  names: string[];
  /** False when there was no manifest before: rolling back removes the new one. Undefined: unknown, left as it is. */
  hadManifest?: boolean;
}

/**
 * The output folder may be inside an untrusted book (its `dist/`), so a journal may be planted: only
 * format names are ever renamed, never a path that leads out of the output folder.
 */
function readJournal(text: string | undefined): Journal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return { names: [] };
  }
  if (!Array.isArray(parsed) && (typeof parsed !== 'object' || parsed === null)) return { names: [] };
  const journal = (Array.isArray(parsed) ? { names: parsed } : parsed) as Journal;
  const names = Array.isArray(journal.names) ? journal.names.filter((name) => (formatNames as readonly unknown[]).includes(name)) : [];
  return typeof journal.hadManifest === 'boolean' ? { names, hadManifest: journal.hadManifest } : { names };
}
