import path from 'node:path';
import { parseArgs } from 'node:util';
import { type FormatName, formatNames } from '../build.ts';
import { suggestion } from '../config/nearest.ts';
import { type EditionName, editionNames } from '../config/schema.ts';
import { UsageError } from './usage.ts';

export interface CliOptions {
  command: 'build' | 'check' | 'help' | 'version';
  root: string;
  outDir: string | undefined;
  editions: EditionName[];
  formats: FormatName[];
}

const commands = ['build', 'check'] as const;
const optionNames = ['--root', '--out', '--edition', '--format', '--help', '--version'];

/** argv → options; every mistake is a UsageError naming what was wrong and what is allowed. */
export function parseOptions(argv: readonly string[], cwd: string): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        edition: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const option = /'(-[^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
      throw new UsageError(`Unknown option \`${option}\`${suggestion(option, optionNames)}`);
    }
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  const base = {
    root: path.resolve(cwd, values.root ?? '.'),
    outDir: values.out === undefined ? undefined : path.resolve(cwd, values.out),
    editions: list(values.edition, editionNames, '--edition'),
    formats: list(values.format, formatNames, '--format'),
  };
  if (values.help) return { command: 'help', ...base };
  if (values.version) return { command: 'version', ...base };
  if (name === undefined) throw new UsageError('Missing command: use `build` or `check`');
  if (!(commands as readonly string[]).includes(name)) {
    throw new UsageError(`Unknown command \`${name}\`${suggestion(name, commands)}`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument \`${extra[0]}\``);
  if (name === 'check' && (values.out !== undefined || values.format !== undefined || values.edition !== undefined)) {
    throw new UsageError('`check` writes nothing: it takes only --root');
  }
  return { command: name as 'build' | 'check', ...base };
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`${flag} needs at least one of ${allowed.join(', ')}`);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new UsageError(`Unknown ${flag} \`${item}\`${suggestion(item, allowed)}`);
  }
  return [...new Set(items)] as T[];
}
