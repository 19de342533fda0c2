#!/usr/bin/env node
// `npm run compile` (run by `npm run setup`): bundles the generator's TypeScript into plain JavaScript in
// .cache/compiled/, so the CLI and its worker threads start without compiling TypeScript on every run
// (about half a second a process). bin.js uses the bundle only while src/ is what it was compiled from;
// otherwise it runs the sources through tsx, so a stale bundle is never run.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compiledDir, sourceHash } from '../cache/code-hash.js';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = compiledDir(packageDir);
const hash = sourceHash(packageDir);
const staging = `${target}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
await build({
  entryPoints: { 'cli/main': path.join(packageDir, 'src/cli/main.ts'), 'content/compile-worker-main': path.join(packageDir, 'src/content/compile-worker-main.ts') },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { BILINGUAL_BOOK_COMPILED: 'true' },
  logLevel: 'warning',
});
writeFileSync(path.join(staging, 'source-hash'), hash);
rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`compile: bundled src/ into ${path.relative(packageDir, target)}/`);
