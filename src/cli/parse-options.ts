import path from 'node:path';
import { parseArgs } from 'node:util';
import { suggestion } from '../config/nearest.ts';
import { type EditionName, editionNames, type FormatName, formatNames } from '../config/schema.ts';
import { outDirProblem } from '../publish/output-folder.ts';
import { commandHelp, type HelpTopic, UsageError } from './usage.ts';

export type CommandName = 'init' | 'build' | 'check' | 'serve' | 'translations status' | 'translations accept' | 'help' | 'version';

export interface CliOptions {
  command: CommandName;
  root: string;
  outDir: string | undefined;
  editions: EditionName[];
  formats: FormatName[];
  json: boolean;
  strict: boolean;
  /** build: print where the time went. */
  timings: boolean;
  /** `serve --port`; undefined when not given (the preview's default). */
  port: number | undefined;
  /** Chapter files named after `translations accept`. */
  files: string[];
  /** `init`: the folder to make the book in (the current one when not given). */
  dir: string;
  /** `init --from`: the folders to start from, as given (resolved against the current folder). */
  from: string[];
  /** `serve --open`: open the preview in the default browser. */
  open: boolean;
  /** `--quiet`: only errors; `--verbose`: also what was used. */
  verbosity: 'quiet' | 'normal' | 'verbose';
  /** `help COMMAND`, `COMMAND --help`: the command whose help to show; none for the whole help. */
  topic: HelpTopic | undefined;
}

const commands = ['init', 'build', 'check', 'serve', 'translations', 'help'] as const;
const subcommands = ['status', 'accept'] as const;
const optionNames = ['--root', '--out', '--edition', '--format', '--port', '--json', '--strict', '--timings', '--open', '--from', '--quiet', '--verbose', '--help', '--version'];

/** Which options each command takes; any other is a usage error. */
const allowed: Record<string, readonly string[]> = {
  init: ['from'],
  build: ['root', 'out', 'edition', 'format', 'timings'],
  check: ['root', 'strict'],
  serve: ['root', 'port', 'edition', 'open'],
  'translations status': ['root', 'json', 'strict'],
  'translations accept': ['root'],
};

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
        port: { type: 'string' },
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        timings: { type: 'boolean' },
        open: { type: 'boolean' },
        from: { type: 'string', multiple: true },
        watch: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean' },
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
  const base = {
    root: path.resolve(cwd, values.root ?? '.'),
    outDir: values.out === undefined ? undefined : path.resolve(cwd, values.out),
    editions: list(values.edition, editionNames, '--edition'),
    formats: list(values.format, formatNames, '--format'),
    json: values.json ?? false,
    strict: values.strict ?? false,
    timings: values.timings ?? false,
    port: undefined as number | undefined,
    files: [] as string[],
    dir: cwd,
    from: values.from ?? [],
    open: values.open ?? false,
    verbosity: verbosity(values.quiet, values.verbose),
    topic: undefined as HelpTopic | undefined,
  };
  if (values.version && !values.help) return { command: 'version', ...base };

  const [name, ...rest] = positionals;
  if (name === undefined) {
    if (values.help) return { command: 'help', ...base };
    throw new UsageError('Missing command: use `init`, `build`, `check`, `serve` or `translations`');
  }
  if (!(commands as readonly string[]).includes(name)) throw new UsageError(`Unknown command \`${name}\`${suggestion(name, commands)}`);
  // `help build` and `build --help` both show the command's own help.
  if (name === 'help' || values.help) return { command: 'help', ...base, topic: helpTopic(name === 'help' ? rest : [name, ...rest]) };
  if (name === 'build' && values.watch) {
    throw new UsageError('`build` does not watch: `bilingual-book serve` rebuilds the site as you save and reloads the page; run `build` when you want the EPUB and PDF');
  }
  let command = name as CommandName;
  if (name === 'init') {
    if (rest.length > 1) throw new UsageError(`Unexpected argument \`${rest[1]}\`: init takes one folder; give the folders to start from as --from ja/ --from en/`);
    if (rest[0] !== undefined) base.dir = path.resolve(cwd, rest[0]);
    if (base.from.length > 2) throw new UsageError('--from takes the Japanese folder and its English one (--from ja/ --from en/), or one folder holding ja/ and en/');
  } else if (name === 'translations') {
    const [sub, ...files] = rest;
    if (sub === undefined) throw new UsageError('Missing subcommand: use `translations status` or `translations accept`');
    if (!(subcommands as readonly string[]).includes(sub)) throw new UsageError(`Unknown subcommand \`translations ${sub}\`${suggestion(sub, subcommands)}`);
    command = `translations ${sub}` as CommandName;
    if (sub === 'status' && files.length > 0) throw new UsageError(`Unexpected argument \`${files[0]}\``);
    base.files = files;
  } else if (rest.length > 0) {
    throw new UsageError(`Unexpected argument \`${rest[0]}\``);
  }
  const given = Object.keys(values).filter((key) => !['help', 'version', 'quiet', 'verbose'].includes(key));
  const wrong = given.find((key) => !allowed[command]!.includes(key));
  if (wrong) {
    const takes = allowed[command]!.map((key) => `--${key}`).join(', ');
    throw new UsageError(`\`${command}\` does not take --${wrong}; it takes ${takes}`);
  }
  if (values.port !== undefined) base.port = portNumber(values.port);
  if (values.out !== undefined) outFolder(values.out, path.resolve(cwd, values.out), base.root);
  return { command, ...base };
}

function verbosity(quiet: boolean | undefined, verbose: boolean | undefined): CliOptions['verbosity'] {
  if (quiet && verbose) throw new UsageError('--quiet and --verbose ask for opposite things; give one of them');
  return quiet ? 'quiet' : verbose ? 'verbose' : 'normal';
}

/** `help`'s words (`build`, `translations status`) as a command with its own help; none: the whole help. */
function helpTopic(words: readonly string[]): HelpTopic | undefined {
  if (words.length === 0) return undefined;
  const topics = Object.keys(commandHelp) as HelpTopic[];
  const asked = words.slice(0, 2).join(' ');
  const topic = topics.find((name) => name === asked || name === words[0]);
  if (topic) return topic;
  if (words[0] === 'translations') return 'translations status';
  throw new UsageError(`No help for \`${words[0]}\`${suggestion(words[0]!, topics)}`);
}

function list<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T[] {
  if (value === undefined) return [...choices];
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`${flag} needs at least one of ${choices.join(', ')}`);
  for (const item of items) {
    if (!(choices as readonly string[]).includes(item)) throw new UsageError(`Unknown ${flag} \`${item}\`${suggestion(item, choices)}`);
  }
  return [...new Set(items)] as T[];
}

/** `--out`: not empty (that would be the current folder), and a folder the build may write (see `outDirProblem`). */
function outFolder(value: string, resolved: string, root: string): void {
  if (value.trim() === '') throw new UsageError('--out needs a folder; an empty one would mean the current folder');
  const problem = outDirProblem(resolved, root);
  if (problem) throw new UsageError(`Invalid --out \`${value}\`: ${problem}`);
}

/** A TCP port; 0 asks the system for a free one. */
function portNumber(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`Invalid --port \`${value}\`; expected a whole number from 0 to 65535 (0 picks a free port)`);
  }
  return Number(value);
}
