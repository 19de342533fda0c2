import { type Diagnostics, formatMessage } from '../diagnostics.ts';
import type { ProgressStream } from './progress-line.ts';

/** Where a command writes, and which folder paths are shown relative to; tests pass their own. */
export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where a long command may draw its progress line; without it (as in tests comparing output) it draws none. */
  terminal?: Terminal;
  /** `--quiet`: errors only (main drops `out`, and warnings are not printed); `--verbose`: also what was used. */
  verbosity?: 'quiet' | 'normal' | 'verbose';
  /** Errors and warnings in color (see `colorWanted`); main sets it from the terminal. */
  color?: boolean;
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

/** SGR codes: bold red for an error's severity, yellow for a warning's, dim for the rule id. */
const styles = { error: ['\x1b[1;31m', '\x1b[22;39m'], warning: ['\x1b[33m', '\x1b[39m'], rule: ['\x1b[2m', '\x1b[22m'] } as const;

/** The build's messages on stderr, like a linter's: warnings left out under `--quiet`, in color on a terminal. */
export function printMessages(diagnostics: Diagnostics, io: CliIo): void {
  for (const file of diagnostics.files) {
    for (const message of file.messages) {
      const severity = message.fatal === true ? 'error' : 'warning';
      if (severity === 'warning' && io.verbosity === 'quiet') continue;
      const line = formatMessage(file, message, io.cwd);
      io.err(io.color ? colorize(line, severity, message.reason, message.ruleId ?? 'unknown') : line);
    }
  }
}

/** `file:line:col: error: reason [rule]` with its severity and rule id in color. */
function colorize(line: string, severity: 'error' | 'warning', reason: string, rule: string): string {
  const [open, close] = styles[severity];
  const [ruleOpen, ruleClose] = styles.rule;
  // Counted from the end, which formatMessage makes `: severity: reason [rule]`: the file's name may hold anything.
  const head = line.slice(0, line.length - `: ${severity}: ${reason} [${rule}]`.length);
  return `${head}: ${open}${severity}${close}: ${reason} ${ruleOpen}[${rule}]${ruleClose}`;
}
