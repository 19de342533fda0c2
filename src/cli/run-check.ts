import path from 'node:path';
import { loadBook } from '../load-book.ts';
import { translationStatus } from '../content/translation-status.ts';
import { settingsFromEnvironment } from './settings.ts';
import { type CliIo, printMessages } from './io.ts';
import type { CliOptions } from './parse-options.ts';
import { showProgress } from './show-progress.ts';
import { printSettings } from './verbose.ts';

/** `check`: content problems as messages; with `--strict`, stale or missing translations fail too. */
export async function runCheck(options: CliOptions, cliIo: CliIo): Promise<number> {
  const progress = showProgress(cliIo);
  const { io } = progress;
  const settings = settingsFromEnvironment(process.env);
  printSettings(io, settings, { root: options.root });
  let loaded;
  try {
    loaded = await loadBook({ root: options.root, cwd: io.cwd, ...settings, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const { book, diagnostics } = loaded;
  printMessages(diagnostics, io);
  if (diagnostics.errorCount > 0 || !book) return 1;
  if (options.strict && strictFailure(translationStatus(book), io)) return 1;
  io.out(`Checked ${path.relative(io.cwd, options.root) || '.'}: no errors, ${diagnostics.warningCount} warning(s).`);
  return 0;
}

/** Reports and returns whether any block is stale or missing, which `--strict` refuses. */
export function strictFailure(rows: ReturnType<typeof translationStatus>, io: CliIo): boolean {
  const stale = rows.reduce((sum, row) => sum + row.stale, 0);
  const missing = rows.reduce((sum, row) => sum + row.missing, 0);
  if (stale + missing === 0) return false;
  io.err(`--strict: ${stale} stale and ${missing} missing translation block(s); update the English and run \`bilingual-book translations accept\``);
  return true;
}
