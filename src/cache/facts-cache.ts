import { type CacheStore, isObject } from './store.ts';
import { derivedKey, readDerivedJson, writeDerived } from './derived.ts';

/**
 * Facts the output checks read off written files, kept between builds in one JSON file per kind
 * (`<book>/.cache/bilingual-book/checks/<kind>.json`, signed like every entry of the store), by the hash
 * of each file's content. Saving keeps only the entries this build used, so the file stays the size of
 * the book. A kept entry `valid` refuses is read again from the file.
 */
export class FactsCache<T> {
  private readonly used = new Map<string, T>();

  private constructor(
    private readonly store: CacheStore,
    private readonly kind: string,
    private readonly kept: Map<string, unknown>,
    private readonly valid: (value: unknown) => value is T,
  ) {}

  static open<T>(store: CacheStore, kind: string, valid: (value: unknown) => value is T): FactsCache<T> {
    const key = derivedKey(store, 'checks', kind);
    const isStored = (value: unknown): value is { key: string; entries: Record<string, unknown> } => isObject(value) && value.key === key && isObject(value.entries);
    const stored = readDerivedJson(store, 'checks', `${kind}.json`, isStored);
    return new FactsCache(store, kind, new Map(Object.entries(stored?.entries ?? {})), valid);
  }

  /** The facts of content with this hash: kept ones, or `read()`'s, remembered for saving. */
  get(hash: string, read: () => T): T {
    const kept = this.kept.get(hash);
    const facts = this.used.get(hash) ?? (this.valid(kept) ? kept : read());
    this.used.set(hash, facts);
    return facts;
  }

  save(): void {
    writeDerived(this.store, 'checks', `${this.kind}.json`, JSON.stringify({ key: derivedKey(this.store, 'checks', this.kind), entries: Object.fromEntries(this.used) }));
  }
}

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
