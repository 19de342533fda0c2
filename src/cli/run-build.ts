import path from 'node:path';
import { build, type BuildProgress } from '../build.ts';
import { settingsFromEnvironment } from './settings.ts';
import { type CliIo, printMessages } from './io.ts';
import type { CliOptions } from './parse-options.ts';
import { showProgress } from './show-progress.ts';
import { buildTimings, formatTimings, type Timed } from './timings.ts';
import { printSettings } from './verbose.ts';

export async function runBuild(options: CliOptions, cliIo: CliIo): Promise<number> {
  const started = performance.now();
  const progress = showProgress(cliIo);
  const timed: Timed[] = [];
  const onProgress = (event: BuildProgress) => {
    if (options.timings) timed.push({ progress: event, at: performance.now() });
    progress.onProgress(event);
  };
  const { io } = progress;
  // Ctrl-C stops the build where it stands and keeps the previous output; a second one quits at once.
  const interruption = new AbortController();
  const onInterrupt = () => {
    if (interruption.signal.aborted) {
      progress.stop();
      process.exit(130);
    }
    interruption.abort();
    io.err('Interrupted: stopping, and keeping the previous output…');
  };
  process.on('SIGINT', onInterrupt);
  const settings = settingsFromEnvironment(process.env);
  printSettings(io, settings, { root: options.root, outDir: options.outDir ?? path.join(options.root, 'dist') });
  let result;
  try {
    result = await build({
      root: options.root,
      editions: options.editions,
      formats: options.formats,
      cwd: io.cwd,
      ...settings,
      signal: interruption.signal,
      onWait: (pid) => io.err(`Waiting for another build (pid ${pid}) writing to the same folder…`),
      onProgress,
      ...(options.outDir ? { outDir: options.outDir } : {}),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.stop();
  }
  printMessages(result.diagnostics, io);
  // What was built otherwise than it could have been, though nothing is wrong (an EPUB without a page-list).
  if (io.verbosity === 'verbose') for (const note of result.notes) io.err(note);
  const outDir = options.outDir ?? path.join(options.root, 'dist');
  for (const format of result.published) {
    io.out(`Built ${format}: ${result.written[format]!.length} files in ${path.relative(io.cwd, path.join(outDir, format)) || '.'}`);
  }
  // Ctrl-C after the publish was done changes nothing: the new output is in place, and the build succeeded.
  if (interruption.signal.aborted && result.published.length === 0) return 130;
  if (!result.ok) {
    const what = result.published.length > 0 ? `only ${result.published.join(', ')} replaced` : 'nothing was replaced';
    io.err(`Build failed with ${result.diagnostics.errorCount} error(s); ${what}.`);
    return 1;
  }
  io.out(`Editions ${options.editions.join(', ')} done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  if (options.timings) for (const line of formatTimings(buildTimings(timed, started, performance.now()))) io.out(line);
  return 0;
}
