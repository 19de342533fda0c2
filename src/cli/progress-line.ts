/** The part of a stream a progress line needs: `process.stderr`, or a fake terminal in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  /** The terminal's width: a longer line would wrap, and `\r` would then rewrite only its last row. */
  columns?: number;
  write(text: string): unknown;
}

/**
 * Whether to draw a progress line at all: only on a terminal someone watches, as cargo and npm decide.
 * A CI log keeps every rewrite as a line of its own, a `TERM=dumb` terminal (an editor's shell) cannot
 * erase a line, and `NO_COLOR` asks for plain output; a pipe gets nothing, so what it reads is unchanged.
 */
export function progressWanted(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  if (stream.isTTY !== true) return false;
  if (env.CI !== undefined && env.CI !== '' && env.CI.toLowerCase() !== 'false') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export interface ProgressLine {
  /** Shows `text` in place of the line shown before; `urgent` text (a new step) is never held back. */
  show(text: string, urgent?: boolean): void;
  /** Erases the line if one is shown: call it before printing anything else on the terminal. */
  clear(): void;
}

/** At most one redraw in this many milliseconds: ten a second reads as live and costs the build nothing. */
export const redrawInterval = 100;

/** Carriage return, then erase to the end of the line (ECMA-48 EL). */
export const eraseLine = '\r\x1b[K';

/** One line rewritten in place on `stream`, throttled by the clock `now` (milliseconds). */
export function createProgressLine(stream: ProgressStream, now: () => number = () => performance.now()): ProgressLine {
  let shown: string | undefined;
  let drawnAt = -Infinity;
  return {
    show(text, urgent = false) {
      const line = fit(text, stream.columns);
      if (line === shown) return;
      const time = now();
      if (!urgent && time - drawnAt < redrawInterval) return;
      drawnAt = time;
      shown = line;
      stream.write(`${eraseLine}${line}`);
    },
    clear() {
      if (shown === undefined) return;
      shown = undefined;
      stream.write(eraseLine);
    },
  };
}

/**
 * Cut to one column less than the terminal, so that writing the last column cannot wrap the cursor. A
 * terminal that does not tell its width (0, as under `script` or some CI runners' ptys) counts as 80.
 */
function fit(text: string, columns: number | undefined): string {
  const width = columns !== undefined && columns > 0 ? columns : 80;
  const characters = [...text];
  return characters.length < width ? text : `${characters.slice(0, Math.max(0, width - 2)).join('')}…`;
}
