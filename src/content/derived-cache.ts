import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, cacheEnabled, generatorHash } from './chapter-cache.ts';

/**
 * Derived output kept between builds beside the chapter cache, in `<book>/.cache/bilingual-book/<kind>/`:
 * an EPUB cover, the facts the output checks read off each page. Each is a pure function of what its key
 * hashes (always with the generator's own code), so reusing it is the same as computing it again.
 * The store is best effort: an entry that cannot be read or written is computed, never an error.
 */
export function derivedKey(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify([generatorHash(), ...parts])).digest('hex');
}

export function contentHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function entryPath(root: string, kind: string, name: string): string {
  return path.join(cacheDir(root), kind, name);
}

export function readDerived(root: string, kind: string, name: string): Buffer | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    return readFileSync(entryPath(root, kind, name));
  } catch {
    return undefined;
  }
}

/**
 * Writes an entry (through a temporary file and a rename, so a killed build leaves no torn entry) and
 * removes the entries of the same kind that `supersedes` says this one replaces.
 */
export function writeDerived(root: string, kind: string, name: string, bytes: string | Uint8Array, supersedes: (other: string) => boolean = () => false): void {
  if (!cacheEnabled()) return;
  const file = entryPath(root, kind, name);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
    for (const other of existsSync(path.dirname(file)) ? readdirSync(path.dirname(file)) : []) {
      if (other !== name && supersedes(other)) rmSync(path.join(path.dirname(file), other), { force: true });
    }
  } catch {
    // A read-only or full disk costs speed, not the build.
  }
}
