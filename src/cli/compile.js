#!/usr/bin/env node
// `npm run compile` (run by `npm run setup`, and by `prepack` with `--types`): bundles the generator's
// TypeScript into plain JavaScript in lib/, so the CLI, its worker threads and the library start without
// compiling TypeScript (about half a second a process), and writes the JSON Schemas of book.yaml and
// citations.yaml into lib/schema/ from the loader's own zod schemas. bin.js uses the bundle only while
// src/ is what it was compiled from; otherwise it runs the sources through tsx, so a stale bundle is never
// run. `--types` also writes the library's declarations (lib/types/), which the package ships.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { compiledDir, sourceHash } from '../cache/code-hash.js';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = compiledDir(packageDir);
const hash = sourceHash(packageDir);
const withTypes = process.argv.includes('--types');
const stamp = path.join(target, 'source-hash');
// A fresh bundle is left in place and only the declarations are added (`npm pack` after `npm run setup`):
// swapping lib/ would pull files from under a CLI running from it, as the tests that pack the package do.
if (withTypes && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  const types = `${target}/types.${process.pid}.tmp`;
  rmSync(types, { recursive: true, force: true });
  writeTypes(types);
  rmSync(path.join(target, 'types'), { recursive: true, force: true });
  renameSync(types, path.join(target, 'types'));
  console.log(`compile: wrote the declarations into ${path.relative(packageDir, target)}/types/`);
  process.exit(0);
}
const staging = `${target}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const entry = (name) => path.join(packageDir, 'src', `${name}.ts`);
await build({
  entryPoints: {
    index: entry('index'),
    'cli/main': entry('cli/main'),
    'content/compile-worker-main': entry('content/compile-worker-main'),
    'init/json-schema': entry('init/json-schema'),
  },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // puppeteer-core is puppeteer without its install script, which downloads a browser into every project
  // that installs it; bilingual-book always names the browser it launches, so the core is all it needs.
  alias: { puppeteer: 'puppeteer-core' },
  chunkNames: 'chunks/[name]-[hash]',
  define: { BILINGUAL_BOOK_COMPILED: 'true' },
  logLevel: 'warning',
});
const { bookJsonSchema, citationsJsonSchema } = await import(pathToFileURL(path.join(staging, 'init/json-schema.js')).href);
mkdirSync(path.join(staging, 'schema'));
writeFileSync(path.join(staging, 'schema/book.schema.json'), `${JSON.stringify(bookJsonSchema(), null, 2)}\n`);
writeFileSync(path.join(staging, 'schema/citations.schema.json'), `${JSON.stringify(citationsJsonSchema(), null, 2)}\n`);
if (withTypes) writeTypes(path.join(staging, 'types'));
writeFileSync(path.join(staging, 'source-hash'), hash);
rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`compile: bundled src/ into ${path.relative(packageDir, target)}/`);

/**
 * The declarations of src/, for the library's users. tsc keeps the sources' `.ts` import specifiers and the
 * `puppeteer` the sources import, so both are rewritten to what the package holds: `.js`, and puppeteer-core.
 */
function writeTypes(outDir) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const options = ['--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--rootDir', 'src', '--outDir', outDir];
  execFileSync(process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.types.json'), ...options], { cwd: packageDir, stdio: 'inherit' });
  for (const file of readdirSync(outDir, { recursive: true })) {
    if (!file.endsWith('.d.ts')) continue;
    const full = path.join(outDir, file);
    const text = readFileSync(full, 'utf8')
      .replace(/(from\s+|import\()'(\.{1,2}\/[^']+)\.ts'/g, "$1'$2.js'")
      .replace(/(from\s+|import\()'puppeteer'/g, "$1'puppeteer-core'");
    writeFileSync(full, text);
  }
  // Hand-written declarations of the sources' few JavaScript modules, which tsc reads but does not copy.
  for (const file of readdirSync(path.join(packageDir, 'src'), { recursive: true })) {
    if (file.endsWith('.d.ts')) writeFileSync(path.join(outDir, file), readFileSync(path.join(packageDir, 'src', file)));
  }
}
