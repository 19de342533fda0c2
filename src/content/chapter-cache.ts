import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { sourceHash } from '../cli/source-hash.js';
import { packageDir } from '../config/package-dir.ts';
import type { Lang } from '../config/schema.ts';
import type { Chapter } from './compile-chapters.ts';
import type { ChapterSource } from './read-chapters.ts';
import { defaultMaxImageBytes, readImage } from '../pipeline/read-image.ts';

/**
 * A content-addressed cache of compiled chapters: a chapter whose Markdown (both languages), lock
 * entries, sources, UI strings and generator code are unchanged is not parsed again. Entries live in
 * `<book>/.cache/bilingual-book/`; `BILINGUAL_BOOK_CACHE=0` turns the cache off.
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

export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BILINGUAL_BOOK_CACHE !== '0';
}

export function cacheDir(root: string): string {
  return path.join(root, '.cache', 'bilingual-book');
}

let codeHash: string | undefined;

/** The generator's own code and dependencies: a change to either makes every entry stale. */
export function generatorHash(): string {
  codeHash ??= sourceHash(packageDir);
  return codeHash;
}

/** The key of a chapter's compiled form: everything that can change its trees or messages. */
export function cacheKey(source: ChapterSource, context: { shared: string; lock: unknown; cwd: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([generatorHash(), context.shared, context.cwd, context.lock, source.name, source.translated, String(source.files.ja.value), String(source.files.en.value)]))
    .digest('hex');
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
export function fromCached(cached: CachedChapter, source: ChapterSource): Chapter {
  const side = (lang: Lang) => {
    const file = source.files[lang];
    Object.assign(file.data, cached[lang].data);
    restoreMessages(file, cached[lang].messages);
    return { name: source.name, lang, file, title: cached[lang].title, tree: cached[lang].tree };
  };
  return { name: source.name, translated: cached.translated, pairs: cached.pairs, acceptable: cached.acceptable, ja: side('ja'), en: side('en') };
}

/** Positions only served the compile's own messages; dropping them halves what is stored. */
function withoutPositions(tree: HastRoot): HastRoot {
  const copy = structuredClone(tree);
  visit(copy, (node) => {
    delete node.position;
  });
  return copy;
}

/**
 * Chapters kept in this process as well, by key, once `keepInMemory` is called: the live preview rebuilds
 * in one long-running process, and reading a thousand entries back from disk took it seconds a rebuild.
 * The trees are shared between builds, which is safe because nothing changes a compiled tree in place
 * (every adaptation copies what it changes).
 */
let memory: Map<string, CachedChapter> | undefined;

export function keepInMemory(): void {
  memory ??= new Map();
}

/** Puts a chapter compiled elsewhere (a worker thread, which stored it on disk) in memory too. */
export function remember(key: string, chapter: CachedChapter): void {
  memory?.set(key, chapter);
}

/** A stored chapter, if there is one and the images it uses are still the same files. */
export async function readCached(root: string, key: string): Promise<CachedChapter | undefined> {
  const file = path.join(cacheDir(root), `${key}.json`);
  const kept = memory?.get(key);
  if (!kept && !existsSync(file)) return undefined;
  try {
    const cached = kept ?? (JSON.parse(await readFile(file, 'utf8')) as CachedChapter);
    memory?.set(key, cached);
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

export async function writeCached(root: string, key: string, chapter: CachedChapter): Promise<void> {
  remember(key, chapter);
  await mkdir(cacheDir(root), { recursive: true });
  await writeFile(path.join(cacheDir(root), `${key}.json`), JSON.stringify(chapter));
}

/** Removes entries no chapter of this build used, so the cache does not grow without end. */
export async function pruneCache(root: string, used: Set<string>): Promise<void> {
  for (const key of memory?.keys() ?? []) if (!used.has(key)) memory!.delete(key);
  const dir = cacheDir(root);
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir)) {
    if (entry.endsWith('.json') && !used.has(entry.slice(0, -5))) await rm(path.join(dir, entry), { force: true });
  }
}
