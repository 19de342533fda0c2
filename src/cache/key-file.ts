import { homedir } from 'node:os';
import path from 'node:path';
import type { CacheOptions } from './store.ts';

/**
 * The secret that signs a book's cache entries lives in the user's own cache folder (XDG's, else
 * `~/.cache`), never in a book folder: a cache that comes with a book, or is copied from another
 * folder, is then never trusted (see cache/store.ts).
 */
export function userCacheOptions(env: NodeJS.ProcessEnv = process.env): CacheOptions {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return { keyFile: path.join(base, 'bilingual-book', 'cache-key') };
}
