import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkBookTemplates } from './config/book-templates.ts';
import { bookOrPackageDir } from './config/package-dir.ts';
import { fileConcurrency, mapLimit } from './config/map-limit.ts';
import { type CacheOptions, CacheStore } from './cache/store.ts';
import { cacheKey, fromCached, pruneCache, readCached, remember, restoreMessages, toCached, writeCached } from './content/chapter-cache.ts';
import { compileInPool, poolSize, poolThreshold } from './content/compile-pool.ts';
import { type BookConfig, checkSourceAges, loadBookConfig } from './config/load-config.ts';
import type { Chapter } from './content/compile-chapters.ts';
import { readChapters } from './content/read-chapters.ts';
import { loadLock } from './content/translation-lock.ts';
import type { Book } from './content/book.ts';
import { Diagnostics } from './diagnostics.ts';
import { loadTranslators } from './i18n/create-i18n.ts';
import { checkChapterLinks } from './content/check-chapter-links.ts';
import { checkSharedIds } from './content/check-shared-ids.ts';
import { checkGlossary } from './content/check-glossary.ts';
import { checkDisclosureStrings } from './editions/check-disclosure.ts';

export interface LoadOptions {
  root: string;
  /** Paths in messages are relative to this folder. */
  cwd?: string;
  /** "Today", for the source-age check; tests pin it. */
  now?: Date;
  /** Told as each chapter is read from the cache or compiled, for a progress display: keep it cheap. */
  onProgress?: (progress: ChapterProgress) => void;
  /** The book's cache: where the secret that signs its entries is kept, whether it is on (see cache/store.ts). */
  cache?: CacheOptions;
  /**
   * Worker threads that compile the chapters. Unset: none for a few chapters, about one a core for many;
   * a number forces that many (1: none), whatever the book's size.
   */
  threads?: number;
  /**
   * `SOURCE_DATE_EPOCH` as the environment gave it (the reproducible-builds convention), dating a book whose
   * book.yaml has no date; the CLI passes it.
   */
  sourceDateEpoch?: string;
}

/** `done` of the book's `total` chapters are compiled or were read from the cache (`cached` of them). */
export interface ChapterProgress {
  stage: 'chapters';
  done: number;
  total: number;
  cached: number;
}

export interface LoadResult {
  book: Book | undefined;
  diagnostics: Diagnostics;
}

export type { Book } from './content/book.ts';

/** Loads and compiles the book; `book` is undefined when any error was reported. */
export async function loadBook(options: LoadOptions): Promise<LoadResult> {
  const { root, cwd = root, now = new Date(), onProgress = () => {} } = options;
  const diagnostics = new Diagnostics();
  const cache = CacheStore.open(root, options.cache);
  const config = await loadBookConfig(root, diagnostics, { sourceDateEpoch: options.sourceDateEpoch, now });
  const t = await loadTranslators(root, diagnostics);
  const lock = await loadLock(root, diagnostics, cache);
  await checkBookTemplates(root, diagnostics);
  if (!config || !t || !lock) return { book: undefined, diagnostics };
  checkDisclosureStrings({ meta: config.meta, t, root: config.root }, diagnostics);

  const chapters: Chapter[] = [];
  const useCache = cache.enabled;
  const shared = await sharedInputs(config);
  const used = new Set<string>();
  const sources = await readChapters(config, diagnostics);
  const slots: Array<Chapter | undefined> = [];
  const misses: number[] = [];
  const storedByWorker = new Set<number>();
  const keys = sources.map((source) => cacheKey(source, { code: cache.code, shared, lock: lock.chapters[source.name] ?? [], cwd }));
  const progress: ChapterProgress = { stage: 'chapters', done: 0, total: sources.length, cached: 0 };
  const advance = (fromCache: boolean) => {
    progress.done += 1;
    if (fromCache) progress.cached += 1;
    onProgress({ ...progress });
  };
  onProgress({ ...progress });
  const stored = useCache ? await mapLimit(keys, fileConcurrency, (key) => readCached(cache, key)) : [];
  for (const [index, source] of sources.entries()) {
    used.add(keys[index]!);
    const cached = stored[index];
    if (cached) {
      slots[index] = fromCached(cached, source, keys[index]!);
      advance(true);
    } else misses.push(index);
  }
  // Many chapters to compile go to worker threads; a few are quicker here than starting threads.
  if ((misses.length >= poolThreshold || options.threads !== undefined) && poolSize(misses.length, options.threads) > 1) {
    const outcomes = await compileInPool(
      misses.map((index) => sources[index]!),
      misses.map((index) => lock.chapters[sources[index]!.name] ?? []),
      misses.map((index) => (useCache ? keys[index] : undefined)),
      { root, cwd, cache: cache.seal, sourceDateEpoch: options.sourceDateEpoch },
      options.threads,
      () => advance(false),
    );
    outcomes.forEach((outcome, position) => {
      const source = sources[misses[position]!]!;
      if ('chapter' in outcome && outcome.stored) {
        storedByWorker.add(misses[position]!);
        remember(cache, keys[misses[position]!]!, outcome.chapter);
      }
      if ('chapter' in outcome) slots[misses[position]!] = fromCached(outcome.chapter, source, keys[misses[position]!]!);
      else for (const lang of ['ja', 'en'] as const) restoreMessages(source.files[lang], outcome.messages[lang]);
    });
  } else if (misses.length > 0) {
    // The pipeline is loaded only when a chapter must be compiled: a build whose chapters all come from the
    // cache never loads the Markdown parser and its plugins (about a tenth of a second).
    const [{ compileChapter }, { localizedProcessor }] = await Promise.all([import('./content/compile-chapters.ts'), import('./content/localized-processor.ts')]);
    const processors = { ja: localizedProcessor('ja', config, t), en: localizedProcessor('en', config, t) };
    for (const index of misses) {
      slots[index] = await compileChapter(sources[index]!, processors, lock.chapters[sources[index]!.name] ?? [], cwd, keys[index]!);
      advance(false);
    }
  }
  const missed = new Set(misses);
  const toStore: number[] = [];
  for (const [index, chapter] of slots.entries()) {
    if (!chapter) continue;
    chapters.push(chapter);
    const failed = [chapter.ja.file, chapter.en.file].some((file) => file.messages.some((message) => message.fatal));
    if (useCache && missed.has(index) && !failed && !storedByWorker.has(index)) toStore.push(index);
  }
  await mapLimit(toStore, fileConcurrency, (index) => writeCached(cache, keys[index]!, toCached(slots[index]!)));

  const citedIn = new Map<string, Set<string>>();
  for (const chapter of chapters) {
    for (const call of chapter.ja.file.data.citationCalls ?? []) {
      const chapters = citedIn.get(call.key) ?? new Set();
      chapters.add(`${chapter.name}.md`);
      citedIn.set(call.key, chapters);
    }
  }
  checkSourceAges(config, citedIn, now);
  checkChapterLinks(chapters, root);
  checkSharedIds(chapters, cwd);
  await checkGlossary(root, chapters, diagnostics);

  const book = diagnostics.errorCount === 0 ? { config, t, chapters, lock, cache } : undefined;
  if (book && useCache) await pruneCache(cache, used);
  return { book, diagnostics };
}

/** The inputs every chapter's compile reads besides its own files: the sources and the UI strings. */
async function sharedInputs(config: BookConfig): Promise<string> {
  const locales = bookOrPackageDir(config.root, 'locales');
  const texts = await Promise.all(['ja.json', 'en.json'].map((name) => readFile(path.join(locales, name), 'utf8').catch(() => '')));
  return createHash('sha256').update(String(config.citationsFile.value)).update(texts.join('\0')).digest('hex');
}
