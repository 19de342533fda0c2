#!/usr/bin/env node
// Runs the compiled bundle in lib/ (`npm run compile`, part of `npm run setup` and of `npm pack`) when it
// was compiled from the sources as they are now; otherwise the TypeScript itself, through tsx's loader, so
// an edit to src/ is never shadowed by a stale bundle. BILINGUAL_BOOK_FROM_SOURCE=1 always runs the sources.
// Only old syntax before the version check: a Node too old for the rest should still read this far.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const wanted = /^>=\s*(\d+)\.(\d+)/.exec(manifest.engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (wanted && (major < Number(wanted[1]) || (major === Number(wanted[1]) && minor < Number(wanted[2])))) {
  process.stderr.write(`bilingual-book: needs Node.js ${wanted[1]}.${wanted[2]} or newer, and this is ${process.versions.node}; install a newer Node.js (https://nodejs.org/) and run it again.\n`);
  process.exit(2);
}

const { existsSync } = await import('node:fs');
const path = await import('node:path');
const { fileURLToPath, pathToFileURL } = await import('node:url');
const { compiledDir, sourceHash } = await import('../cache/code-hash.js');

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiled = compiledDir(packageDir);
const stamp = path.join(compiled, 'source-hash');
const fresh = process.env.BILINGUAL_BOOK_FROM_SOURCE !== '1' && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(packageDir);

let main;
if (fresh) {
  ({ main } = await import(pathToFileURL(path.join(compiled, 'cli/main.js')).href));
} else {
  const tsx = await import('tsx/esm/api').catch((error) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return undefined;
  });
  if (tsx) {
    tsx.register();
    ({ main } = await import('./main.ts'));
  } else if (existsSync(path.join(compiled, 'cli/main.js'))) {
    // An installed package has no tsx, and its sources cannot have changed since it was packed: a package
    // manager that rewrote its package.json (and so its hash) must not keep it from running.
    ({ main } = await import(pathToFileURL(path.join(compiled, 'cli/main.js')).href));
  } else {
    process.stderr.write(`bilingual-book: there is no compiled bundle in ${compiled}, and tsx is not installed to run the sources: run \`npm run compile\` in ${packageDir}.\n`);
    process.exit(2);
  }
}
process.exitCode = await main(process.argv.slice(2));
