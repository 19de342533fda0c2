import type { BuildProgress } from '../build.ts';

/** A progress event and when it came, in milliseconds since the process started. */
export interface Timed {
  progress: BuildProgress;
  at: number;
}

/**
 * Where a build's time went, from its progress events alone (`build --timings`): starting Node and loading
 * the generator; reading the configuration, locales and lock; compiling or reading the chapters; checking
 * the book and assembling the editions; then each format's rendering and output check; publishing. Each
 * row is the time between two events, so the rows add up to the whole run.
 */
export function buildTimings(events: readonly Timed[], started: number, ended: number): Array<{ step: string; ms: number }> {
  const rows: Array<{ step: string; ms: number }> = [];
  let last = 0;
  const until = (step: string, at: number) => {
    rows.push({ step, ms: Math.max(0, at - last) });
    last = at;
  };
  until('start Node, load the generator', started);
  const chapters = events.filter((event) => event.progress.stage === 'chapters');
  if (chapters[0]) until('read config, locales, lock, templates', chapters[0].at);
  const compiled = chapters.at(-1);
  if (compiled && compiled.progress.stage === 'chapters') until(`compile ${compiled.progress.total - compiled.progress.cached} chapter(s), read ${compiled.progress.cached} from the cache`, compiled.at);
  let format: string | undefined;
  for (const { progress, at } of events) {
    if (progress.stage === 'format' && progress.step === 'render') {
      until(format === undefined ? 'check the book, build the editions, load the renderer' : `load the ${progress.format} renderer`, at);
      format = progress.format;
    } else if (progress.stage === 'format' && progress.step === 'check') until(`render ${progress.format}`, at);
    else if (progress.stage === 'format') until(`check ${progress.format} output`, at);
    else if (progress.stage === 'publish') until('compare and stage', at);
  }
  until(events.some((event) => event.progress.stage === 'publish') ? 'publish into the output folder' : 'finish', ended);
  return rows;
}

/** The rows as a plain table, milliseconds right-aligned, with the total. */
export function formatTimings(rows: ReadonlyArray<{ step: string; ms: number }>): string[] {
  const total = rows.reduce((sum, row) => sum + row.ms, 0);
  const width = Math.max(...rows.map((row) => row.step.length), 'total'.length);
  return [...rows, { step: 'total', ms: total }].map((row) => `${row.step.padEnd(width)}  ${String(Math.round(row.ms)).padStart(6)} ms`);
}
