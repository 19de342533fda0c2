import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { type Diagnostics, messageFile, report, ruleIds } from '../diagnostics.ts';
import { decodeText } from './decode-text.ts';
import { loadYaml } from './load-yaml.ts';
import { type BookMeta, bookSchema, citationsSchema, type Source, type WrittenBookMeta } from './schema.ts';

export interface BookConfig {
  root: string;
  meta: BookMeta;
  sources: Map<string, Source>;
  /** Kept so later stages can place messages on the citations file (stale sources). */
  citationsFile: VFile;
}

export const bookFileName = 'content/book.yaml';
export const citationsFileName = 'content/citations.yaml';

/** Reads a UTF-8 text file into a VFile, or reports why it cannot and returns undefined. */
export async function readTextFile(filePath: string, diagnostics: Diagnostics, what: string): Promise<VFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    const file = messageFile(filePath);
    diagnostics.add(file);
    const code = (error as NodeJS.ErrnoException).code;
    report(file, code === 'ENOENT' ? `Cannot find ${what}; create it` : `Cannot read ${what}: ${code ?? String(error)}`, {
      ruleId: code === 'ENOENT' ? ruleIds.missingFile : ruleIds.unreadableFile,
    });
    return undefined;
  }
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
  return file;
}

export async function loadBookConfig(root: string, diagnostics: Diagnostics): Promise<BookConfig | undefined> {
  const bookFile = await readTextFile(path.join(root, bookFileName), diagnostics, 'the book metadata');
  const citationsFile = await readTextFile(path.join(root, citationsFileName), diagnostics, 'the citations file');
  const written = bookFile && loadYaml(bookFile, bookSchema);
  const entries = citationsFile && loadYaml(citationsFile, citationsSchema);
  if (!written || !entries || !citationsFile) return undefined;
  const sources = new Map(Object.entries(entries).map(([key, entry]) => [key, { ...entry, key }]));
  return { root, meta: withDefaults(written), sources, citationsFile };
}

/**
 * Fills in the optional fields whose default depends on another one (the README lists them). The date
 * defaults to the day of `SOURCE_DATE_EPOCH`, or today (UTC): a book that wants the same outputs every
 * day sets one of the two.
 */
export function withDefaults(meta: WrittenBookMeta, env: NodeJS.ProcessEnv = process.env, now = new Date()): BookMeta {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const day = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return {
    ...meta,
    identifier: meta.identifier ?? `urn:bilingual-book:${meta.id}`,
    description: meta.description ?? meta.subtitle ?? meta.title,
    date: meta.date ?? day.toISOString().slice(0, 10),
  };
}

/** Warns about each source accessed more than `maxAgeYears` before `now`, naming the chapters that cite it. */
export function checkSourceAges(config: BookConfig, citedIn: Map<string, Set<string>>, now: Date): void {
  const { maxAgeYears } = config.meta.sources;
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - maxAgeYears);
  for (const source of config.sources.values()) {
    if (new Date(`${source.accessed}T00:00:00Z`) >= limit) continue;
    const chapters = [...(citedIn.get(source.key) ?? [])];
    const where = chapters.length > 0 ? `cited in ${chapters.join(', ')}` : 'not cited in any chapter';
    report(
      config.citationsFile,
      `Source \`${source.key}\` was accessed on ${source.accessed}, more than ${maxAgeYears} year(s) ago (${where}); check its figures again and update \`accessed\``,
      { ruleId: ruleIds.staleSource, severity: 'warning', place: placeOfKey(config.citationsFile, source.key) },
    );
  }
}

function placeOfKey(file: VFile, key: string) {
  const lines = String(file.value).split('\n');
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index >= 0 ? { line: index + 1, column: 1 } : undefined;
}
