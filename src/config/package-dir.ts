import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder bilingual-book is installed in: its own `locales/` and `templates/` live there. */
export const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `root/name` when the book folder has its own (to override the tool's), else the tool's. */
export function bookOrPackageDir(root: string, name: 'locales' | 'templates'): string {
  const own = path.join(root, name);
  return existsSync(own) ? own : path.join(packageDir, name);
}
