import { derivedKey, readDerived, writeDerived } from '../content/derived-cache.ts';

/**
 * Facts the output checks read off written files, kept between builds in one JSON file per kind
 * (`<book>/.cache/bilingual-book/checks/<kind>.json`), by the hash of each file's content. Saving keeps
 * only the entries this build used, so the file stays the size of the book.
 */
export class FactsCache<T> {
  private readonly used = new Map<string, T>();

  private constructor(
    private readonly root: string,
    private readonly kind: string,
    private readonly kept: Map<string, T>,
  ) {}

  static open<T>(root: string, kind: string): FactsCache<T> {
    const bytes = readDerived(root, 'checks', `${kind}.json`);
    let kept = new Map<string, T>();
    try {
      const stored = bytes ? (JSON.parse(bytes.toString('utf8')) as { key: string; entries: Record<string, T> }) : undefined;
      if (stored?.key === derivedKey('checks', kind)) kept = new Map(Object.entries(stored.entries));
    } catch {
      // A torn or foreign file: start afresh.
    }
    return new FactsCache(root, kind, kept);
  }

  /** The facts of content with this hash: kept ones, or `read()`'s, remembered for saving. */
  get(hash: string, read: () => T): T {
    const facts = this.used.get(hash) ?? this.kept.get(hash) ?? read();
    this.used.set(hash, facts);
    return facts;
  }

  save(): void {
    writeDerived(this.root, 'checks', `${this.kind}.json`, JSON.stringify({ key: derivedKey('checks', this.kind), entries: Object.fromEntries(this.used) }));
  }
}
