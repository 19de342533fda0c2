import { lstat, open, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readInput } from '../config/read-input.ts';

/**
 * `<out>/.bilingual-book-manifest.json` lists every file a build of ours published, per format. A
 * format's folder is replaced only when all it holds is in that list: a folder bilingual-book did not
 * make, or a file someone added to one it did, is never deleted. It holds no date or build id, so two
 * builds of the same book give the same bytes.
 */
export const manifestName = '.bilingual-book-manifest.json';

export interface Manifest {
  formats: Record<string, string[]>;
}

/**
 * A small file of ours in the output folder (the manifest, a journal, the lock), read within bounds: the
 * output folder may be the book's own `dist/`, so a FIFO or a link may have been planted there. Undefined
 * when it is missing, or is not a plain file of at most 64 KiB inside `outDir`.
 */
export async function readOutputFile(file: string, outDir: string): Promise<string | undefined> {
  const read = await readInput(file, { within: outDir, maxBytes: 64 * 1024 });
  return 'bytes' in read ? read.bytes.toString('utf8') : undefined;
}

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse((await readOutputFile(path.join(outDir, manifestName), outDir)) ?? '') as Partial<Manifest>;
    const formats: Manifest['formats'] = {};
    for (const [name, files] of Object.entries(parsed.formats ?? {})) {
      if (Array.isArray(files)) formats[name] = files.filter((file): file is string => typeof file === 'string');
    }
    return { formats };
  } catch {
    return { formats: {} };
  }
}

/** Writes the manifest into `dir`, flushed to disk, and returns its path: publish renames it into place. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<string> {
  const file = path.join(dir, manifestName);
  await writeFile(file, `${JSON.stringify(manifest, null, 1)}\n`);
  await flush(file);
  return file;
}

/** fsync of a file or a folder, so a rename or a write survives a crash of the machine, not only of the build. */
export async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The entries of `<out>/<format>` that are not ours (relative to `<out>`), at most `limit`: the folder
 * itself when it is a file or a link, else each file, link or other non-folder the manifest does not list.
 */
export async function foreignEntries(outDir: string, format: string, manifest: Manifest, limit = 3): Promise<string[]> {
  const dir = path.join(outDir, format);
  let stats;
  try {
    stats = await lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (!stats.isDirectory()) return [format];
  const ours = new Set(manifest.formats[format] ?? []);
  const foreign: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!ours.has(relative)) foreign.push(`${format}/${relative}`);
    if (foreign.length >= limit) break;
  }
  return foreign.sort();
}

/** Every file and link under `dir`, relative with `/`: what a manifest lists for a format. */
export async function listOurs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Why a format's folder in `outDir` must not be replaced (it holds files we did not write), or undefined. */
export async function foreignFormats(outDir: string, names: readonly string[]): Promise<string | undefined> {
  const manifest = await readManifest(outDir);
  for (const name of names) {
    const foreign = await foreignEntries(outDir, name, manifest);
    if (foreign.length === 0) continue;
    const shown = foreign.map((entry) => path.join(outDir, entry)).join(', ');
    // An output folder from before the manifest existed is refused too: only its owner can tell it is ours.
    const older = manifest.formats[name] ? '' : ` (if it is the output of a bilingual-book older than ${manifestName}, delete ${path.join(outDir, name)})`;
    return `Refusing to replace ${path.join(outDir, name)}: it holds ${shown}, which bilingual-book did not write, and a build replaces the whole folder; move that out of ${path.join(outDir, name)}, or build into another --out${older}`;
  }
  return undefined;
}
