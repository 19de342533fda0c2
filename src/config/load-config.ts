import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseSourceDateEpoch } from './source-date-epoch.ts';
import { VFile } from 'vfile';
import { type Diagnostics, messageFile, report, type RuleId, ruleIds } from '../diagnostics.ts';
import { decodeText } from './decode-text.ts';
import { type InputProblem, type ReadInputOptions, readInput } from './read-input.ts';
import { loadYaml, yamlKeyPlaces } from './load-yaml.ts';
import { type BookMeta, bookSchema, chapterList, citationsSchema, type Source, type WrittenBookMeta } from './schema.ts';

export interface BookConfig {
  root: string;
  meta: BookMeta;
  sources: Map<string, Source>;
  /** Kept so later stages can place messages on the citations file (stale sources). */
  citationsFile: VFile;
}

export const bookFileName = 'content/book.yaml';
export const citationsFileName = 'content/citations.yaml';

/** How much of each kind of input file is read: beyond it a file is refused unread. */
export const inputLimits = {
  /** `book.yaml` and a locale file: metadata and UI strings, a few kilobytes in a real book. */
  config: 1024 * 1024,
  /** `citations.yaml`: about 300 bytes a source. */
  citations: 10 * 1024 * 1024,
  /** The lock holds the accepted Japanese of every block of the book: it grows with the whole book. */
  lock: 256 * 1024 * 1024,
};

export interface TextFileLimits extends ReadInputOptions {
  /** What to do about a file over `maxBytes`, after the sentence saying its size. */
  advice?: string;
}

/**
 * Reads a UTF-8 text file of the book folder into a VFile, bounded and type-checked (see `readInput`),
 * or reports why it cannot and returns undefined.
 */
export async function readTextFile(filePath: string, diagnostics: Diagnostics, what: string, limits: TextFileLimits): Promise<VFile | undefined> {
  const read = await readInput(filePath, limits);
  if ('problem' in read) {
    const file = messageFile(filePath);
    diagnostics.add(file);
    const { reason, ruleId } = inputProblemMessage(read.problem, what, limits);
    report(file, reason, { ruleId });
    return undefined;
  }
  const bytes = read.bytes;
  const decoded = decodeText(bytes);
  if ('problem' in decoded) {
    const { kind, line, column, byte } = decoded.problem;
    const file = messageFile(filePath);
    diagnostics.add(file);
    const hex = `0x${byte.toString(16).padStart(2, '0')}`;
    const reason =
      kind === 'nul'
        ? 'Not a text file: a NUL byte stands here; save the file as UTF-8 text (Markdown or YAML)'
        : kind === 'control'
          ? `A control character (U+${byte.toString(16).toUpperCase().padStart(4, '0')}) stands here; delete it: no output format can carry it`
          : `Not UTF-8: the byte ${hex} here does not begin a UTF-8 character${byte >= 0x81 && byte <= 0xfc ? ' (Shift_JIS or EUC-JP text?)' : ''}; save the file as UTF-8`;
    report(file, reason, { ruleId: kind === 'utf8' ? ruleIds.encoding : ruleIds.binary, place: { line, column } });
    return undefined;
  }
  const file = new VFile({ path: filePath, value: decoded.text });
  diagnostics.add(file);
  warnBidiControls(file);
  return file;
}

/** Bidirectional embeddings, overrides and isolates: they make text display in another order than it reads. */
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/g;

/** Warns at each invisible bidirectional control (the first few): a heading could show reversed, or hide what it says. */
function warnBidiControls(file: VFile): void {
  const text = String(file.value);
  let count = 0;
  for (const match of text.matchAll(bidiControl)) {
    if (++count > 10) break;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase();
    report(file, `An invisible bidirectional control character (U+${code}) stands here: it changes the order text is shown in; delete it, or use \`<bdi>\` for mixed-direction text`, {
      ruleId: ruleIds.bidiControl,
      severity: 'warning',
      place: { line, column },
    });
  }
}

function inputProblemMessage(problem: InputProblem, what: string, limits: TextFileLimits): { reason: string; ruleId: RuleId } {
  const mb = (size: number) => `${(size / 1024 / 1024).toFixed(1)} MB`;
  switch (problem.kind) {
    case 'missing':
      return { reason: `Cannot find ${what}; create it`, ruleId: ruleIds.missingFile };
    case 'outside':
      return { reason: `Refused: ${what} leads outside the book folder (a symbolic link); put the file itself in the book folder`, ruleId: ruleIds.inputOutsideBook };
    case 'not-a-file':
      return { reason: `Refused: ${what} is ${problem.type}, not a regular file; replace it by a UTF-8 text file`, ruleId: ruleIds.unreadableFile };
    case 'too-large':
      return { reason: `${capitalize(what)} is ${mb(problem.bytes)}, over the ${mb(limits.maxBytes)} it may have; ${limits.advice ?? 'make it smaller'}`, ruleId: ruleIds.tooLarge };
    case 'unreadable':
      return { reason: `Cannot read ${what}: ${problem.code}`, ruleId: ruleIds.unreadableFile };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What dates a book whose book.yaml has none (see `withDefaults`). */
export interface DateDefaults {
  /** `SOURCE_DATE_EPOCH` as given, if any. */
  sourceDateEpoch?: string | undefined;
  now?: Date;
}

export async function loadBookConfig(root: string, diagnostics: Diagnostics, dates: DateDefaults = {}): Promise<BookConfig | undefined> {
  const bookFile = await readTextFile(path.join(root, bookFileName), diagnostics, 'the book metadata', { within: root, maxBytes: inputLimits.config });
  // A book that cites nothing needs no citations file: without one it has no sources.
  const citationsPath = path.join(root, citationsFileName);
  const citationsFile = existsSync(citationsPath)
    ? await readTextFile(citationsPath, diagnostics, 'the citations file', { within: root, maxBytes: inputLimits.citations })
    : new VFile({ path: citationsPath, value: '' });
  const written = bookFile && loadYaml(bookFile, bookSchema);
  const entries = citationsFile && (String(citationsFile.value) === '' ? {} : loadYaml(citationsFile, citationsSchema));
  if (!written || !entries || !citationsFile) return undefined;
  const sources = new Map(Object.entries(entries).map(([key, entry]) => [key, { ...entry, key }]));
  return { root, meta: withDefaults(written, dates), sources, citationsFile };
}

/**
 * Fills in the optional fields whose default depends on another one (the README lists them). The date
 * defaults to the day of `SOURCE_DATE_EPOCH`, or today (UTC): a book that wants the same outputs every
 * day sets one of the two.
 */
export function withDefaults(meta: WrittenBookMeta, { sourceDateEpoch, now = new Date() }: DateDefaults = {}): BookMeta {
  const day = parseSourceDateEpoch(sourceDateEpoch) ?? now;
  return {
    ...meta,
    ...chapterList(meta.chapters),
    identifier: meta.identifier ?? `urn:bilingual-book:${meta.id}`,
    description: meta.description ?? meta.subtitle ?? meta.title,
    date: meta.date ?? day.toISOString().slice(0, 10),
  };
}

/**
 * Warns about each source whose figures are older than `maxAgeYears` before `now` (by its access date, else
 * its "as of" date), naming the chapters that cite it; one whose age the editors acknowledged until a later day is let be.
 */
export function checkSourceAges(config: BookConfig, citedIn: Map<string, Set<string>>, now: Date): void {
  const { maxAgeYears } = config.meta.sources;
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - maxAgeYears);
  let placeOf: ReturnType<typeof yamlKeyPlaces> | undefined;
  for (const source of config.sources.values()) {
    const dated = source.accessed ?? source.asOf!;
    if (new Date(`${dated}T00:00:00Z`) >= limit) continue;
    const acknowledged = source.ageAcknowledged;
    if (acknowledged && new Date(`${acknowledged.until}T00:00:00Z`) > now) continue;
    const chapters = [...(citedIn.get(source.key) ?? [])];
    const where = chapters.length > 0 ? `cited in ${chapters.join(', ')}` : 'not cited in any chapter';
    // Parsed again only when a source is stale, which a maintained book's citations rarely are.
    placeOf ??= yamlKeyPlaces(config.citationsFile);
    const what = source.accessed ? `was accessed on ${source.accessed}` : `gives its figures as of ${dated}`;
    const advice = acknowledged
      ? `; the acknowledgement of its age ran out on ${acknowledged.until}: check its figures again, or move \`ageAcknowledged.until\` on`
      : `; check its figures again and update \`${source.accessed ? 'accessed' : 'asOf'}\`, or record why they stay in \`ageAcknowledged\``;
    report(config.citationsFile, `Source \`${source.key}\` ${what}, more than ${maxAgeYears} year(s) ago (${where})${advice}`, {
      ruleId: ruleIds.staleSource,
      severity: 'warning',
      place: placeOf([source.key]),
    });
  }
}
