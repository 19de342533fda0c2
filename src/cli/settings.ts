import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { LoadOptions } from '../load-book.ts';
import type { ProgressStream } from './progress-line.ts';

/**
 * The environment variables the CLI honours, read here and nowhere below: the library takes each as an
 * option, so tests and scripts set options, not `process.env`.
 * - `BILINGUAL_BOOK_CACHE=0` turns the book's cache off;
 * - `BILINGUAL_BOOK_THREADS=N` compiles on N worker threads whatever the book's size (1: none);
 * - `SOURCE_DATE_EPOCH` dates the outputs (the reproducible-builds convention);
 * - `PUPPETEER_EXECUTABLE_PATH` is the Chromium or Chrome to print with, `PUPPETEER_CACHE_DIR` where
 *   puppeteer keeps the browsers it downloads (see `findBrowser`);
 * - `XDG_CACHE_HOME` is where the secret signing cache entries is kept;
 * - `NO_COLOR`, `FORCE_COLOR` and `TERM` decide whether messages are in color (see `colorWanted`).
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): Pick<LoadOptions, 'cache' | 'threads' | 'sourceDateEpoch'> & { browser?: string } {
  const threads = Number(env.BILINGUAL_BOOK_THREADS);
  return {
    cache: { ...userCacheOptions(env), enabled: env.BILINGUAL_BOOK_CACHE !== '0' },
    ...(Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    ...(env.SOURCE_DATE_EPOCH === undefined ? {} : { sourceDateEpoch: env.SOURCE_DATE_EPOCH }),
    ...browserOption(findBrowser(env)),
  };
}

const browserOption = (browser: string | undefined) => (browser ? { browser } : {});

/** Where Chromium or Chrome is installed as a package: Debian's and Ubuntu's, Google's, and on a Mac. */
const installedBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The executable inside each browser folder puppeteer downloads (`npx puppeteer browsers install chrome`). */
const managedExecutables = [
  ['chrome', 'chrome-linux64/chrome'],
  ['chrome-headless-shell', 'chrome-headless-shell-linux64/chrome-headless-shell'],
  ['chrome', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'],
  ['chrome', 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'],
] as const;

/**
 * The browser that prints the PDF: `PUPPETEER_EXECUTABLE_PATH` when set, else an installed Chromium or
 * Chrome, else the newest one puppeteer downloaded into its cache. None found: the build's PDF step says
 * what to install, and the other formats are still built.
 */
export function findBrowser(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PUPPETEER_EXECUTABLE_PATH) return env.PUPPETEER_EXECUTABLE_PATH;
  const installed = installedBrowsers.find((file) => existsSync(file));
  if (installed) return installed;
  const cache = env.PUPPETEER_CACHE_DIR || path.join(homedir(), '.cache', 'puppeteer');
  const collator = new Intl.Collator('en', { numeric: true });
  for (const [browser, executable] of managedExecutables) {
    let builds: string[];
    try {
      builds = readdirSync(path.join(cache, browser)).sort(collator.compare).reverse();
    } catch {
      continue;
    }
    for (const build of builds) {
      const file = path.join(cache, browser, build, executable);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/**
 * Whether messages are in color: `FORCE_COLOR` forces it on (or off, as `0` or `false`), `NO_COLOR` (https://no-color.org/)
 * and `TERM=dumb` turn it off, and otherwise only a terminal gets it, so a pipe or a log reads plain text.
 */
export function colorWanted(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return !['0', 'false'].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
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
