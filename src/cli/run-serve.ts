import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type PreviewStatus, startPreview } from '../serve/preview-server.ts';
import { settingsFromEnvironment } from './settings.ts';
import type { CliIo } from './io.ts';
import type { CliOptions } from './parse-options.ts';
import { openUrl } from './open-url.ts';
import { showProgress } from './show-progress.ts';
import { printSettings } from './verbose.ts';

/** `serve`: the live preview until Ctrl-C; one line a build, its messages when it fails. */
export async function runServe(options: CliOptions, terminalIo: CliIo): Promise<number> {
  // Each build's progress on the terminal; the line each build ends with erases it.
  const progress = showProgress(terminalIo);
  const io = progress.io;
  let shownWarnings = '';
  const onBuild = (status: PreviewStatus, trigger: string[]) => {
    const after = trigger.length > 0 ? ` after ${trigger.map((file) => path.relative(io.cwd, file)).join(', ')} changed` : '';
    if (!status.ok) {
      for (const line of status.errors) io.err(line);
      const serving = status.version > 0 ? 'the last good build is still served' : 'nothing to serve until it builds';
      io.err(`Build failed${after} with ${status.errors.length} error(s); ${serving}.`);
      return;
    }
    // Warnings are the same on most rebuilds: repeating them would bury the one line that matters.
    if (status.warnings.join('\n') !== shownWarnings) for (const line of status.warnings) io.err(line);
    shownWarnings = status.warnings.join('\n');
    const pages = trigger.length > 0 ? `: ${status.changed.length} file(s) changed` : '';
    io.out(`${trigger.length > 0 ? 'Rebuilt' : 'Built'} the site in ${status.seconds.toFixed(1)} s${after}${pages}.`);
  };

  // The preview watches the folder: one that is not there is a mistake in the command, not in the book.
  if (!(await stat(options.root).catch(() => undefined))?.isDirectory()) {
    progress.stop();
    io.err(`bilingual-book: --root ${options.root} is not a folder; give the book folder, the one holding content/`);
    io.err('Run `bilingual-book --help` for usage.');
    return 2;
  }
  const settings = settingsFromEnvironment(process.env);
  printSettings(io, settings, { root: options.root });
  let preview;
  try {
    preview = await startPreview({ root: options.root, editions: options.editions, cwd: io.cwd, ...settings, onBuild, onProgress: progress.onProgress, ...(options.port === undefined ? {} : { port: options.port }) });
  } catch (error) {
    progress.stop();
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    io.err(`bilingual-book: Cannot listen: ${message}; choose another port with --port N, or --port 0 for any free one`);
    return 2;
  }
  io.out(`Serving ${preview.url} (watching content/, locales/ and templates/; Ctrl-C stops).`);
  if (options.open && !(await openUrl(preview.url))) io.err(`Could not open a web browser here: open ${preview.url} in one.`);

  // The first Ctrl-C closes cleanly; the handler is gone by then, so a second one quits at once.
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await preview.close();
  progress.stop();
  io.out('Stopped.');
  return 0;
}
