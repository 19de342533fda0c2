import { type CacheStore, isObject } from './store.ts';
import { derivedKey, readDerivedJson, writeDerived } from './derived.ts';

/**
 * Results kept between builds in one JSON file per kind (`<book>/.cache/bilingual-book/<folder>/<kind>.json`,
 * signed like every entry of the store), each by the hash of everything it is computed from: the facts the
 * output checks read off a written file (by the file's hash), a rendered page (by its inputs' hash).
 * Saving keeps only the entries this build used, so the file stays the size of the book. A kept entry
 * `valid` refuses is computed again.
 */
export class KeptResults<T> {
  private readonly used = new Map<string, T>();
  /** Whether any result was computed, not kept: only then (or when some kept ones went unused) is the file written. */
  private computed = false;

  private constructor(
    private readonly store: CacheStore,
    private readonly folder: string,
    private readonly kind: string,
    private readonly kept: Map<string, unknown>,
    private readonly valid: (value: unknown) => value is T,
  ) {}

  static open<T>(store: CacheStore, folder: string, kind: string, valid: (value: unknown) => value is T): KeptResults<T> {
    const key = derivedKey(store, folder, kind);
    const isStored = (value: unknown): value is { key: string; entries: Record<string, unknown> } => isObject(value) && value.key === key && isObject(value.entries);
    // A long-running caller (the live preview) keeps the parsed file in the store's memory.
    const name = `${folder}/${kind}.json`;
    const remembered = store.enabled ? store.memory?.get(name) : undefined;
    const kept = remembered instanceof Map ? remembered : new Map(Object.entries(readDerivedJson(store, folder, `${kind}.json`, isStored)?.entries ?? {}));
    return new KeptResults(store, folder, kind, kept, valid);
  }

  /** The result for this hash: a kept one, or `compute()`'s, remembered for saving. */
  get(hash: string, compute: () => T): T {
    const kept = this.kept.get(hash);
    let result = this.used.get(hash) ?? (this.valid(kept) ? kept : undefined);
    if (result === undefined) {
      result = compute();
      this.computed = true;
    }
    this.used.set(hash, result);
    return result;
  }

  save(): void {
    if (!this.store.enabled || (!this.computed && this.used.size === this.kept.size)) return;
    const name = `${this.folder}/${this.kind}.json`;
    this.store.memory?.set(name, this.used);
    writeDerived(this.store, this.folder, `${this.kind}.json`, JSON.stringify({ key: derivedKey(this.store, this.folder, this.kind), entries: Object.fromEntries(this.used) }));
  }
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/** A validator for facts that are an object of string, boolean and string-array fields, as `shape` lists them. */
export function factsShape<T>(shape: Record<string, 'string' | 'boolean' | 'strings' | 'optional-string' | 'optional-strings'>): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    if (!isObject(value)) return false;
    return Object.entries(shape).every(([field, kind]) => {
      const item = value[field];
      if (kind === 'strings') return Array.isArray(item) && item.every((entry) => typeof entry === 'string');
      if (kind === 'optional-string') return item === undefined || typeof item === 'string';
      if (kind === 'optional-strings') return item === undefined || (Array.isArray(item) && item.every((entry) => typeof entry === 'string'));
      return typeof item === kind;
    });
  };
}
