import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder bilingual-book is installed in: its own `locales/` and `templates/` live there. Found by
 * walking up to its package.json, as this module runs from `src/config/` or from the compiled bundle.
 */
export const packageDir = findPackageDir(path.dirname(fileURLToPath(import.meta.url)));

function findPackageDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.join(start, '../..');
  }
}

declare const BILINGUAL_BOOK_COMPILED: boolean | undefined;

/** True in the bundle `npm run compile` makes (which defines the constant), false when running the sources. */
export const compiled = typeof BILINGUAL_BOOK_COMPILED !== 'undefined' && BILINGUAL_BOOK_COMPILED;

/** A file of the generator's, beside the running code: the bundle's copy when compiled, else the source. */
export function codeFile(source: string, bundled: string): string {
  return compiled ? path.join(packageDir, 'lib', bundled) : path.join(packageDir, 'src', source);
}

/** `root/name` when the book folder has its own (to override the tool's), else the tool's. */
export function bookOrPackageDir(root: string, name: 'locales' | 'templates'): string {
  const own = path.join(root, name);
  return existsSync(own) ? own : path.join(packageDir, name);
}

/** The tool's own copy of a file under `templates/`. */
export function packageTemplate(relative: string): string {
  return path.join(packageDir, 'templates', relative);
}

/** A book's own `templates/<relative>` when it has one (a stylesheet it may override), else the tool's. */
export function bookOrPackageTemplate(root: string, relative: string): string {
  const own = path.join(root, 'templates', relative);
  return existsSync(own) ? own : packageTemplate(relative);
}
