import type { Diagnostics } from '../diagnostics.ts';

/** Where a command writes, and which folder paths are shown relative to; tests pass their own. */
export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processIo: CliIo = {
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function printMessages(diagnostics: Diagnostics, io: CliIo): void {
  for (const line of diagnostics.format(io.cwd)) io.err(line);
}
