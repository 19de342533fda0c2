import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Root as HastRoot } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Lang } from '../config/schema.ts';
import { type CacheStore, isObject } from '../cache/store.ts';
import type { Chapter } from './compile-chapters.ts';
import type { ChapterSource } from './read-chapters.ts';
import { defaultMaxImageBytes, readImage } from '../pipeline/read-image.ts';

/**
 * A content-addressed cache of compiled chapters: a chapter whose Markdown (both languages), lock
 * entries, sources, UI strings and generator code are unchanged is not parsed again. Entries live in
 * the book's signed store (cache/store.ts), `<book>/.cache/bilingual-book/<key>.json`.
 */

export interface CachedMessage {
  reason: string;
  place: VFileMessage['place'];
  ruleId: string | undefined;
  fatal: boolean | null | undefined;
}

interface CachedSide {
  title: string;
  tree: HastRoot;
  data: VFile['data'];
  messages: CachedMessage[];
}

/** A compiled chapter as stored, and as sent between worker threads. */
export interface CachedChapter {
  name: string;
  translated: boolean;
  pairs: Chapter['pairs'];
  acceptable: Chapter['acceptable'];
  ja: CachedSide;
  en: CachedSide;
}

export { cacheDir } from '../cache/store.ts';

/** The key of a chapter's compiled form: everything that can change its trees or messages (the generator's `code` too). */
export function cacheKey(source: ChapterSource, context: { code: string; shared: string; lock: unknown; cwd: string }): string {
  const hash = createHash('sha256').update(
    JSON.stringify([context.code, context.shared, context.cwd, context.lock, source.name, source.translated, source.files.ja.data.listedTitle, source.files.en.data.listedTitle]),
  );
  // The Markdown goes in as it is, each after its length (so no two inputs give the same bytes): through
  // JSON.stringify, escaping a thousand chapters' text cost a warm build a tenth of a second.
  for (const lang of ['ja', 'en'] as const) {
    const text = String(source.files[lang].value);
    hash.update(`\0${text.length}\0`).update(text);
  }
  return hash.digest('hex');
}

export function toCached(chapter: Chapter): CachedChapter {
  const side = (lang: Lang): CachedSide => {
    const { file, title, tree } = chapter[lang];
    return {
      title,
      tree: withoutPositions(tree),
      data: file.data,
      messages: storedMessages(file),
    };
  };
  return { name: chapter.name, translated: chapter.translated, pairs: chapter.pairs, acceptable: chapter.acceptable, ja: side('ja'), en: side('en') };
}

export function storedMessages(file: VFile): CachedMessage[] {
  return file.messages.map((message) => ({ reason: message.reason, place: message.place, ruleId: message.ruleId, fatal: message.fatal }));
}

/** Messages reported elsewhere (the cache, a worker thread) put back on the file they are about. */
export function restoreMessages(file: VFile, messages: readonly CachedMessage[]): void {
  for (const message of messages) {
    const restored = file.message(message.reason, { ...(message.place ? { place: message.place } : {}), ...(message.ruleId ? { ruleId: message.ruleId } : {}), source: 'bilingual-book' });
    restored.fatal = message.fatal;
  }
}

/** A stored chapter back on the source's files: their data, and every message the compile reported. */
export function fromCached(cached: CachedChapter, source: ChapterSource, key: string): Chapter {
  const side = (lang: Lang) => {
    const file = source.files[lang];
    Object.assign(file.data, cached[lang].data);
    restoreMessages(file, cached[lang].messages);
    return { name: source.name, lang, file, title: cached[lang].title, tree: cached[lang].tree };
  };
  return { name: source.name, key, translated: cached.translated, pairs: cached.pairs, acceptable: cached.acceptable, ja: side('ja'), en: side('en') };
}

/** Positions only served the compile's own messages; dropping them halves what is stored. */
function withoutPositions(tree: HastRoot): HastRoot {
  const copy = structuredClone(tree);
  visit(copy, (node) => {
    delete node.position;
  });
  return copy;
}

/** Puts a chapter compiled elsewhere (a worker thread, which stored it on disk) in the store's memory too. */
export function remember(store: CacheStore, key: string, chapter: CachedChapter): void {
  store.memory?.set(key, chapter);
}

/** A stored chapter, if there is one, it is signed and well formed, and the images it uses are still the same files. */
export async function readCached(store: CacheStore, key: string): Promise<CachedChapter | undefined> {
  try {
    // The trees are shared between builds, which is safe because nothing changes a compiled tree in place
    // (every adaptation copies what it changes).
    let cached = store.memory?.get(key) as CachedChapter | undefined;
    if (!cached) {
      const bytes = await store.readAsync(`${key}.json`);
      const parsed: unknown = bytes ? JSON.parse(bytes.toString('utf8')) : undefined;
      if (!isCachedChapter(parsed)) return undefined;
      cached = parsed;
    }
    store.memory?.set(key, cached);
    for (const image of [...(cached.ja.data.images ?? []), ...(cached.en.data.images ?? [])]) {
      const read = existsSync(image.file) ? await readImage(image.file, defaultMaxImageBytes) : undefined;
      const bytes = read && 'bytes' in read ? read.bytes : undefined;
      if (!bytes || !image.target.includes(createHash('sha256').update(bytes).digest('hex').slice(0, 16))) return undefined;
    }
    return cached;
  } catch {
    return undefined;
  }
}

export async function writeCached(store: CacheStore, key: string, chapter: CachedChapter): Promise<void> {
  remember(store, key, chapter);
  await store.writeAsync(`${key}.json`, JSON.stringify(chapter));
}

/** Removes entries no chapter of this build used, so the cache does not grow without end. */
export async function pruneCache(store: CacheStore, used: Set<string>): Promise<void> {
  for (const key of store.memory?.keys() ?? []) if (!used.has(key)) store.memory!.delete(key);
  for (const entry of store.list('')) {
    if (entry.endsWith('.json') && !used.has(entry.slice(0, -5))) store.remove(entry);
  }
}

/**
 * The shape `fromCached` and the editions rely on, checked before use. A signed entry was written by
 * this tool, yet a bug or an older layout must still be a miss, never a crash in a renderer.
 */
function isCachedChapter(value: unknown): value is CachedChapter {
  if (!isObject(value)) return false;
  const { name, translated, pairs, acceptable, ja, en } = value;
  return typeof name === 'string' && typeof translated === 'boolean' && Array.isArray(pairs) && Array.isArray(acceptable) && isSide(ja) && isSide(en);
}

function isSide(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { title, tree, data, messages } = value;
  if (typeof title !== 'string' || !isObject(tree) || tree.type !== 'root' || !Array.isArray(tree.children)) return false;
  if (!isObject(data) || !Array.isArray(messages) || !messages.every((message) => isObject(message) && typeof message.reason === 'string')) return false;
  const images = data.images;
  return images === undefined || (Array.isArray(images) && images.every((image) => isObject(image) && typeof image.file === 'string' && typeof image.target === 'string'));
}
