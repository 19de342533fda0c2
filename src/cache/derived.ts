import { createHash } from 'node:crypto';
import type { CacheStore } from './store.ts';

/**
 * Derived output kept between builds beside the chapter cache, in the book's signed store under
 * `<kind>/`: an EPUB cover, the facts the output checks read off each page, the parsed lock. Each is a
 * pure function of what its key hashes (always with the generator's own code), so reusing it is the same
 * as computing it again. The store is best effort: an entry that cannot be read, written or trusted is
 * computed, never an error.
 */
export function derivedKey(store: CacheStore, ...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify([store.code, ...parts])).digest('hex');
}

export function contentHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readDerived(store: CacheStore, kind: string, name: string): Buffer | undefined {
  return store.read(`${kind}/${name}`);
}

/** Writes an entry and removes the entries of the same kind that `supersedes` says this one replaces. */
export function writeDerived(store: CacheStore, kind: string, name: string, bytes: string | Uint8Array, supersedes: (other: string) => boolean = () => false): void {
  store.write(`${kind}/${name}`, bytes);
  for (const other of store.list(kind)) {
    if (other !== name && supersedes(other)) store.remove(`${kind}/${other}`);
  }
}

/** A stored JSON entry, when it parses and `valid` accepts it; anything else is a miss. */
export function readDerivedJson<T>(store: CacheStore, kind: string, name: string, valid: (value: unknown) => value is T): T | undefined {
  const bytes = readDerived(store, kind, name);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
