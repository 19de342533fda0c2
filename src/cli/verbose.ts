import path from 'node:path';
import type { CliIo } from './io.ts';
import type { settingsFromEnvironment } from './settings.ts';

/**
 * `--verbose`: what a command is about to use, one line each on stderr, so that a surprising result
 * (no PDF, an old page) can be traced to the folder, browser or cache it came from.
 */
export function printSettings(io: CliIo, settings: ReturnType<typeof settingsFromEnvironment>, folders: { root: string; outDir?: string }): void {
  if (io.verbosity !== 'verbose') return;
  const shown = (dir: string) => path.relative(io.cwd, dir) || '.';
  io.err(`Book: ${shown(folders.root)}${folders.outDir ? `; output: ${shown(folders.outDir)}` : ''}`);
  io.err(`Browser: ${settings.browser ?? 'none found (the PDF cannot be printed); install Chromium or set PUPPETEER_EXECUTABLE_PATH'}`);
  io.err(`Cache: ${settings.cache?.enabled === false ? 'off (BILINGUAL_BOOK_CACHE=0)' : path.join(shown(folders.root), '.cache', 'bilingual-book')}`);
  if (settings.threads !== undefined) io.err(`Threads: ${settings.threads}`);
  if (settings.sourceDateEpoch !== undefined) io.err(`SOURCE_DATE_EPOCH: ${settings.sourceDateEpoch}`);
}
