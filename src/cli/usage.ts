/** A usage error: exit code 2, with the help text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const helpText = `bilingual-book — build a Japanese book and its English translation into a site, EPUB and PDF, in three editions

Usage:
  bilingual-book build [--root DIR] [--out DIR] [--edition ja,en,bilingual] [--format site,epub,pdf] [--timings]
  bilingual-book check [--root DIR] [--strict]
  bilingual-book serve [--root DIR] [--port N] [--edition ja,en,bilingual]
  bilingual-book translations status [--root DIR] [--json] [--strict]
  bilingual-book translations accept [--root DIR] [FILE…]
  bilingual-book --help | --version

Commands:
  build                Check the content, then write each format into DIR/<format>/ (default: <root>/dist).
                       A format's folder is replaced only when it was built and passed its checks
                       (a missing sponsor disclosure keeps every format back), and only if a build
                       of ours made it: a folder holding other files is refused, never emptied.
  check                Check the content (config, citations, translations, locales) without writing.
  serve                Preview the site on http://localhost:4321/ while you write: rebuilds it when
                       content/, locales/ or templates/ change and reloads the open page; content
                       errors show in the page and here, and the last good build stays served.
  translations status  Per chapter: blocks, translated, unreviewed, stale, missing, orphaned, %.
  translations accept  Record the English of the named chapter files (default: all) as reviewed
                       translations of the current Japanese, in content/translations.lock.yaml.

Options:
  --root DIR       The book folder, holding content/ (default: the current folder)
  --out DIR        Where to write the outputs (default: <root>/dist)
  --edition LIST   Editions to build, comma-separated: ja, en, bilingual (default: all)
  --format LIST    Formats to build, comma-separated: site, epub, pdf (default: all)
  --timings        build: print where the time went, step by step
  --port N         serve: the port to listen on, 0 for any free one (default: 4321)
  --json           translations status: print JSON for tools
  --strict         Fail (exit 1) on any stale or missing translation: for CI
  -h, --help       Show this help
  -v, --version    Show the version

On a terminal, build and check show their progress on one line of stderr, erased before they print;
never when stderr is not a terminal, in CI (CI set), or with NO_COLOR or TERM=dumb.

Exit codes: 0 success (warnings allowed), 1 content errors (or --strict failures), 2 usage errors.
`;
