#!/usr/bin/env node
// Runs the compiled bundle (`npm run compile`, part of `npm run setup`) when it was compiled from the
// sources as they are now; otherwise the TypeScript itself, through tsx's loader, so an edit to src/ is
// never shadowed by a stale bundle. BILINGUAL_BOOK_FROM_SOURCE=1 always runs the sources.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledDir, sourceHash } from '../cache/code-hash.js';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiled = compiledDir(packageDir);
const stamp = path.join(compiled, 'source-hash');
const fresh = process.env.BILINGUAL_BOOK_FROM_SOURCE !== '1' && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(packageDir);

let main;
if (fresh) {
  ({ main } = await import(pathToFileURL(path.join(compiled, 'cli/main.js')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
