import { type ChildProcess, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * What the output-folder tests share: hashes of what a reader sees, per format, `chattr` for a folder
 * even root cannot change, and the lines a child build prints.
 */

/** Every visible file under `dir` (hidden staging folders, lock and manifest left out) and its SHA-256. */
export async function hashes(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    found[relative] = createHash('sha256').update(await readFile(path.join(dir, relative))).digest('hex');
  }
  return found;
}

/** The hashes of one format's files (`site/…`), or an empty record when the format is absent. */
export function formatPart(all: Record<string, string>, format: string): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([file]) => file.startsWith(`${format}/`)));
}

const run = promisify(execFile);

/** Sets or clears the immutable attribute: then not even root may add, remove or rename in `target`. */
export async function immutable(target: string, on: boolean): Promise<void> {
  await run('chattr', [on ? '+i' : '-i', target]);
}

/** The lines a child process prints on stdout, as they come, and a promise for a given line. */
export function stdoutLines(spawned: ChildProcess): { all: string[]; seen: (line: string) => Promise<void> } {
  const all: string[] = [];
  const waiting: Array<{ line: string; resolve: () => void }> = [];
  let buffer = '';
  spawned.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      all.push(line);
      for (const wait of waiting.filter((candidate) => candidate.line === line)) wait.resolve();
    }
  });
  return { all, seen: (line) => (all.includes(line) ? Promise.resolve() : new Promise((resolve) => waiting.push({ line, resolve }))) };
}
