import type { BuildProgress } from '../build.ts';
import type { CliIo } from './io.ts';
import { createProgressLine, progressWanted } from './progress-line.ts';

export interface ShownProgress {
  /** Print through this: each line first erases the progress line, so none is left between messages. */
  io: CliIo;
  onProgress: (progress: BuildProgress) => void;
  /** Erases the line and ignores later progress: call it before the command's own output, and on every way out. */
  stop(): void;
}

/**
 * A long command's progress as one line rewritten in place on the terminal (`io.terminal`), when
 * `progressWanted` says one is watched; otherwise `onProgress` does nothing and `io` is returned as it
 * is, so piped and CI output stays byte for byte what it was.
 */
export function showProgress(io: CliIo): ShownProgress {
  const terminal = io.terminal;
  if (!terminal || io.verbosity === 'quiet' || !progressWanted(terminal.stream, terminal.env)) return { io, onProgress: () => {}, stop: () => {} };
  const line = createProgressLine(terminal.stream, terminal.now);
  let stopped = false;
  let step = '';
  const through = (print: (text: string) => void) => (text: string) => {
    line.clear();
    print(text);
  };
  return {
    io: { ...io, out: through(io.out), err: through(io.err) },
    onProgress: (progress) => {
      if (stopped) return;
      // A new step, and the last chapter, are always drawn: a held-back count could stay on screen for seconds.
      const key = progress.stage === 'format' ? `${progress.format} ${progress.step}` : progress.stage;
      const last = progress.stage === 'chapters' && progress.done === progress.total;
      line.show(describeProgress(progress), key !== step || last);
      step = key;
    },
    stop: () => {
      stopped = true;
      line.clear();
    },
  };
}

const barWidth = 20;
const formatSteps = { render: 'Rendering', check: 'Checking', done: 'Checked', failed: 'Could not render' } as const;

/** The progress line's text: `Chapters [=======>            ] 37/100, 12 from the cache`, `Rendering epub (1/2)…`. */
export function describeProgress(progress: BuildProgress): string {
  switch (progress.stage) {
    case 'chapters': {
      const { done, total, cached } = progress;
      const filled = total === 0 ? barWidth : Math.floor((done / total) * barWidth);
      const bar = filled >= barWidth ? '='.repeat(barWidth) : `${'='.repeat(filled)}>${' '.repeat(barWidth - filled - 1)}`;
      return `Chapters [${bar}] ${done}/${total}${cached > 0 ? `, ${cached} from the cache` : ''}`;
    }
    case 'format': {
      const ongoing = progress.step === 'render' || progress.step === 'check' ? '…' : '';
      return `${formatSteps[progress.step]} ${progress.format} (${progress.position}/${progress.count})${ongoing}`;
    }
    case 'publish':
      return 'Publishing…';
  }
}
