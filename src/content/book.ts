import type { CacheStore } from '../cache/store.ts';
import type { BookConfig } from '../config/load-config.ts';
import type { Translators } from '../i18n/create-i18n.ts';
import type { BookImage } from '../pipeline/remark-images.ts';
import type { Chapter } from './compile-chapters.ts';
import type { TranslationLock } from './translation-lock.ts';

/** The whole book, loaded and compiled once; every edition and output renders from it. */
export interface Book {
  config: BookConfig;
  t: Translators;
  chapters: Chapter[];
  /** The translation lock as read: `translations accept` updates it. */
  lock: TranslationLock;
  /** The book's signed cache, for the renderers' and checks' kept results. */
  cache: CacheStore;
}

/** Every image the chapters use, once each, for the outputs to copy next to their pages. */
export function bookImages(book: Book): BookImage[] {
  const images = new Map<string, BookImage>();
  for (const chapter of book.chapters) {
    for (const image of [...(chapter.ja.file.data.images ?? []), ...(chapter.en.file.data.images ?? [])]) images.set(image.target, image);
  }
  return [...images.values()].sort((a, b) => a.target.localeCompare(b.target));
}
