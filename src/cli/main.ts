import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../config/package-dir.ts';
import { type CliIo, processIo } from './io.ts';
import { type CommandName, parseOptions } from './parse-options.ts';
import { runBuild } from './run-build.ts';
import { runCheck } from './run-check.ts';
import { runServe } from './run-serve.ts';
import { runTranslationsAccept, runTranslationsStatus } from './run-translations.ts';
import { helpText, UsageError } from './usage.ts';

export type { CliIo } from './io.ts';

const runners: Record<Exclude<CommandName, 'help' | 'version'>, typeof runBuild> = {
  build: runBuild,
  check: runCheck,
  serve: runServe,
  'translations status': runTranslationsStatus,
  'translations accept': runTranslationsAccept,
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
    io.out(helpText);
    return 0;
  }
  if (options.command === 'version') {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    io.out(manifest.version);
    return 0;
  }
  return runners[options.command](options, io);
}
