import { homedir } from 'node:os';
import path from 'node:path';
import type { LoadOptions } from '../load-book.ts';

/**
 * The environment variables the CLI honours, read here and nowhere below: the library takes each as an
 * option, so tests and scripts set options, not `process.env`.
 * - `BILINGUAL_BOOK_CACHE=0` turns the book's cache off;
 * - `BILINGUAL_BOOK_THREADS=N` compiles on N worker threads whatever the book's size (1: none);
 * - `SOURCE_DATE_EPOCH` dates the outputs (the reproducible-builds convention);
 * - `PUPPETEER_EXECUTABLE_PATH` is the Chromium or Chrome to print with;
 * - `XDG_CACHE_HOME` is where the secret signing cache entries is kept.
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): Pick<LoadOptions, 'cache' | 'threads' | 'sourceDateEpoch'> & { browser?: string } {
  const threads = Number(env.BILINGUAL_BOOK_THREADS);
  return {
    cache: { ...userCacheOptions(env), enabled: env.BILINGUAL_BOOK_CACHE !== '0' },
    ...(Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    ...(env.SOURCE_DATE_EPOCH === undefined ? {} : { sourceDateEpoch: env.SOURCE_DATE_EPOCH }),
    ...(env.PUPPETEER_EXECUTABLE_PATH ? { browser: env.PUPPETEER_EXECUTABLE_PATH } : {}),
  };
}

/**
 * The secret that signs a book's cache entries lives in the user's own cache folder (XDG's, else
 * `~/.cache`), never in a book folder: a cache that comes with a book, or is copied from another
 * folder, is then never trusted (see cache/store.ts).
 */
export function userCacheOptions(env: NodeJS.ProcessEnv): { keyFile: string } {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return { keyFile: path.join(base, 'bilingual-book', 'cache-key') };
}
