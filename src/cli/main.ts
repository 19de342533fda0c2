import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, check } from '../build.ts';
import { packageDir } from '../config/package-dir.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { parseOptions } from './parse-options.ts';
import { helpText, UsageError } from './usage.ts';

export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs one command and returns the exit code: 0 success, 1 content errors, 2 usage errors. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`bilingual-book: ${error.message}`);
    io.err('Run `bilingual-book --help` for usage.');
    return 2;
  }
  if (options.command === 'help') {
    io.out(helpText);
    return 0;
  }
  if (options.command === 'version') {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    io.out(manifest.version);
    return 0;
  }

  const started = performance.now();
  if (options.command === 'check') {
    const diagnostics = await check({ root: options.root, cwd: io.cwd });
    printMessages(diagnostics, io);
    if (diagnostics.errorCount > 0) return 1;
    io.out(`Checked ${path.relative(io.cwd, options.root) || '.'}: no errors, ${diagnostics.warningCount} warning(s).`);
    return 0;
  }

  const result = await build({
    root: options.root,
    editions: options.editions,
    formats: options.formats,
    cwd: io.cwd,
    ...(options.outDir ? { outDir: options.outDir } : {}),
  });
  printMessages(result.diagnostics, io);
  if (!result.ok) {
    io.err(`Build failed with ${result.diagnostics.errorCount} error(s); nothing was replaced.`);
    return 1;
  }
  const outDir = options.outDir ?? path.join(options.root, 'dist');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const [format, files] of Object.entries(result.written)) {
    io.out(`Built ${format}: ${files.length} files in ${path.relative(io.cwd, path.join(outDir, format)) || '.'}`);
  }
  io.out(`Editions ${options.editions.join(', ')} done in ${seconds} s.`);
  return 0;
}

function printMessages(diagnostics: Diagnostics, io: CliIo): void {
  for (const line of diagnostics.format(io.cwd)) io.err(line);
}
