/** A usage error: exit code 2, with the help text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Each command's usage line and its own help (`bilingual-book help build`, `build --help`). */
export const commandHelp = {
  init: {
    usage: 'bilingual-book init [DIR] [--from JA_DIR --from EN_DIR]',
    summary: 'Start a book in DIR (default: the current folder) that builds at once: a',
    more: [
      'book.yaml whose comments explain each key, citations.yaml with one source, a',
      'Japanese chapter and its English, a .gitignore. --from copies existing folders',
      'of Markdown instead and lists their chapters in file order. Never overwrites.',
    ],
    options: [['--from DIR', 'Start from existing chapters: --from ja/ --from en/, or --from DIR holding ja/ and en/']],
  },
  build: {
    usage: 'bilingual-book build [--root DIR] [--out DIR] [--edition ja,en,bilingual] [--format site,epub,pdf] [--timings]',
    summary: 'Check the content, then write each format into DIR/<format>/ (default: <root>/dist).',
    more: [
      'A format\'s folder is replaced only when it was built and passed its checks',
      '(a missing sponsor disclosure keeps every format back), and only if a build',
      'of ours made it: a folder holding other files is refused, never emptied.',
      'The PDF needs Chromium or Chrome (PUPPETEER_EXECUTABLE_PATH, an installed one,',
      'or one puppeteer downloaded); without one the site and EPUB are still built.',
      'To rebuild as you write, use serve.',
    ],
    options: [
      ['--out DIR', 'Where to write the outputs (default: <root>/dist)'],
      ['--edition LIST', 'Editions to build, comma-separated: ja, en, bilingual (default: all)'],
      ['--format LIST', 'Formats to build, comma-separated: site, epub, pdf (default: all)'],
      ['--timings', 'Print where the time went, step by step'],
    ],
  },
  check: {
    usage: 'bilingual-book check [--root DIR] [--strict]',
    summary: 'Check the content (config, citations, translations, locales) without writing.',
    more: [],
    options: [['--strict', 'Fail (exit 1) on any stale or missing translation: for CI']],
  },
  serve: {
    usage: 'bilingual-book serve [--root DIR] [--port N] [--edition ja,en,bilingual] [--open]',
    summary: 'Preview the site on http://localhost:4321/ while you write: rebuilds it when',
    more: [
      'content/, locales/ or templates/ change and reloads the open page; content',
      'errors show in the page and here, and the last good build stays served.',
    ],
    options: [
      ['--port N', 'The port to listen on, 0 for any free one (default: 4321)'],
      ['--edition LIST', 'Editions to preview, comma-separated: ja, en, bilingual (default: all)'],
      ['--open', 'Open the preview in the default web browser'],
    ],
  },
  'translations status': {
    usage: 'bilingual-book translations status [--root DIR] [--json] [--strict]',
    summary: 'Per chapter: blocks, translated, unreviewed, stale, missing, orphaned, %.',
    more: [],
    options: [
      ['--json', 'Print JSON for tools'],
      ['--strict', 'Fail (exit 1) on any stale or missing translation: for CI'],
    ],
  },
  'translations accept': {
    usage: 'bilingual-book translations accept [--root DIR] [FILE…]',
    summary: 'Record the English of the named chapter files (default: all) as reviewed',
    more: ['translations of the current Japanese, in content/translations.lock.yaml.'],
    options: [],
  },
} as const satisfies Record<string, { usage: string; summary: string; more: readonly string[]; options: readonly (readonly [string, string])[] }>;

export type HelpTopic = keyof typeof commandHelp;

const commonOptions = [
  ['--root DIR', 'The book folder, holding content/ (default: the current folder)'],
  ['-q, --quiet', 'Print only errors'],
  ['--verbose', 'Also print what was used: the book folder, the browser, the cache'],
] as const;

const optionLine = ([name, text]: readonly [string, string]) => `  ${name.padEnd(16)} ${text}`;

const commandList = (Object.entries(commandHelp) as [HelpTopic, (typeof commandHelp)[HelpTopic]][]).flatMap(([name, help]) => [
  `  ${name.padEnd(20)} ${help.summary}`,
  ...help.more.map((line) => `${' '.repeat(23)}${line}`),
]);

export const helpText = `bilingual-book — build a Japanese book and its English translation into a site, EPUB and PDF, in three editions

Usage:
${Object.values(commandHelp).map((help) => `  ${help.usage}`).join('\n')}
  bilingual-book help [COMMAND] | --help | --version

Commands:
${commandList.join('\n')}

Options:
  --root DIR       The book folder, holding content/ (default: the current folder)
  --out DIR        Where to write the outputs (default: <root>/dist)
  --edition LIST   Editions to build, comma-separated: ja, en, bilingual (default: all)
  --format LIST    Formats to build, comma-separated: site, epub, pdf (default: all)
  --timings        build: print where the time went, step by step
  --port N         serve: the port to listen on, 0 for any free one (default: 4321)
  --open           serve: open the preview in the default web browser
  --from DIR       init: start from existing folders of Markdown (--from ja/ --from en/)
  --json           translations status: print JSON for tools
  --strict         Fail (exit 1) on any stale or missing translation: for CI
  -q, --quiet      Print only errors
  --verbose        Also print what was used: the book folder, the browser, the cache
  -h, --help       Show this help; \`bilingual-book help COMMAND\` shows one command's
  -v, --version    Show the version

On a terminal, build and check show their progress on one line of stderr, erased before they print;
never when stderr is not a terminal, in CI (CI set), or with NO_COLOR or TERM=dumb. Errors and warnings
are in color on a terminal too, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR=1 colors them anywhere.

Exit codes: 0 success (warnings allowed), 1 content errors (or --strict failures), 2 usage errors.
`;

/** One command's help: its usage, what it does, its options. */
export function commandHelpText(topic: HelpTopic): string {
  const help = commandHelp[topic];
  const options = topic === 'init' ? commonOptions.slice(1) : commonOptions;
  return `Usage: ${help.usage}

${[help.summary, ...help.more].join('\n')}

Options:
${[...help.options, ...options].map(optionLine).join('\n')}
`;
}
