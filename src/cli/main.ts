import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../config/package-dir.ts';
import { type CliIo, processIo } from './io.ts';
import { type CommandName, parseOptions } from './parse-options.ts';
import type { CliOptions } from './parse-options.ts';
import { colorWanted } from './settings.ts';
import { commandHelpText, helpText, UsageError } from './usage.ts';

export type { CliIo } from './io.ts';

type Runner = (options: CliOptions, io: CliIo) => Promise<number>;

/** Each command's code is loaded when it runs: `--help` should not wait for the whole pipeline to load. */
const runners: Record<Exclude<CommandName, 'help' | 'version'>, () => Promise<Runner>> = {
  init: async () => (await import('./run-init.ts')).runInit,
  build: async () => (await import('./run-build.ts')).runBuild,
  check: async () => (await import('./run-check.ts')).runCheck,
  serve: async () => (await import('./run-serve.ts')).runServe,
  'translations status': async () => (await import('./run-translations.ts')).runTranslationsStatus,
  'translations accept': async () => (await import('./run-translations.ts')).runTranslationsAccept,
};

/** Runs one command and returns the exit code: 0 success, 1 content errors, 2 usage errors. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
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
    io.out(options.topic ? commandHelpText(options.topic) : helpText);
    return 0;
  }
  if (options.command === 'version') {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    io.out(manifest.version);
    return 0;
  }
  return (await runners[options.command]())(options, commandIo(io, options));
}

/**
 * The command's io: `--quiet` drops what it prints on stdout but the product a command prints there
 * (`translations status`'s table or JSON); messages are in color where `colorWanted` says so.
 */
function commandIo(io: CliIo, options: CliOptions): CliIo {
  const quiet = options.verbosity === 'quiet' && options.command !== 'translations status';
  return {
    ...io,
    ...(quiet ? { out: () => {} } : {}),
    verbosity: options.verbosity,
    color: io.color ?? (io.terminal ? colorWanted(io.terminal.stream, io.terminal.env) : false),
  };
}
