import type { Diagnostics } from '../diagnostics.ts';
import type { ProgressStream } from './progress-line.ts';

/** Where a command writes, and which folder paths are shown relative to; tests pass their own. */
export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where a long command may draw its progress line; without it (as in tests comparing output) it draws none. */
  terminal?: Terminal;
}

/** The terminal behind stderr, and what decides whether a progress line is drawn on it. */
export interface Terminal {
  stream: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Milliseconds, for the redraw throttle; tests pass a fake clock. */
  now?: () => number;
}

export const processIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  terminal: { stream: process.stderr, env: process.env },
};

export function printMessages(diagnostics: Diagnostics, io: CliIo): void {
  for (const line of diagnostics.format(io.cwd)) io.err(line);
}
