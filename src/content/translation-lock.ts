import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { inputLimits, readTextFile } from '../config/load-config.ts';
import { loadYaml } from '../config/load-yaml.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { type CacheStore, isObject } from '../cache/store.ts';
import { contentHash, derivedKey, readDerivedJson, writeDerived } from '../cache/derived.ts';

export const lockFileName = 'content/translations.lock.yaml';

const hash = z.string().regex(/^[0-9a-f]{12}$/, 'expected a 12-digit hex fingerprint');

/** One accepted English block: its fingerprint, and that of the Japanese it translates, with that Japanese. */
const entrySchema = z.object({ en: hash, ja: hash, source: z.string() }).strict();
export type LockEntry = z.infer<typeof entrySchema>;

const lockSchema = z.object({ chapters: z.record(z.string(), z.array(entrySchema)).default({}) }).strict();
export type TranslationLock = z.infer<typeof lockSchema>;

/** The lock, or an empty one when the book has none yet; undefined when it exists but is broken. */
export async function loadLock(root: string, diagnostics: Diagnostics, store: CacheStore): Promise<TranslationLock | undefined> {
  const lock = await readLock(root, diagnostics, store);
  // Chapters are looked up by name: a chapter named `constructor` must not find Object.prototype's.
  return lock && { chapters: Object.assign(Object.create(null) as TranslationLock['chapters'], lock.chapters) };
}

async function readLock(root: string, diagnostics: Diagnostics, store: CacheStore): Promise<TranslationLock | undefined> {
  const file = path.join(root, lockFileName);
  if (!existsSync(file)) return { chapters: {} };
  const vfile = await readTextFile(file, diagnostics, 'the translation lock', { within: root, maxBytes: inputLimits.lock });
  if (!vfile) return undefined;
  // A lock entry per English block makes a long book's lock tens of megabytes of YAML, seconds to parse:
  // the last valid parse is kept, as JSON, by the hash of the file.
  const text = String(vfile.value);
  const key = derivedKey(store, 'lock', contentHash(text));
  const kept = readDerivedJson(store, 'lock', 'lock.json', (value): value is { lock: TranslationLock } => isObject(value) && value.key === key && isLock(value.lock));
  if (kept) return kept.lock;
  const lock = loadYaml(vfile, lockSchema);
  if (lock) writeDerived(store, 'lock', 'lock.json', JSON.stringify({ key, lock }));
  return lock;
}


const header = `# Which Japanese text each English block was accepted as translating.
# Written by \`bilingual-book translations accept\` after a review of the English; do not edit by hand.
# en: fingerprint of the English block; ja: of the Japanese it translates; source: that Japanese.
`;

export async function saveLock(root: string, lock: TranslationLock): Promise<void> {
  const chapters = Object.fromEntries(Object.entries(lock.chapters).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(path.join(root, lockFileName), header + stringify({ chapters }, { lineWidth: 0 }));
}

/** A kept parse's outline (the schema accepted it when it was stored): chapters of entry lists. */
function isLock(value: unknown): value is TranslationLock {
  return isObject(value) && isObject(value.chapters) && Object.values(value.chapters).every((entries) => Array.isArray(entries) && entries.every((entry) => isObject(entry) && typeof entry.en === 'string' && typeof entry.ja === 'string' && typeof entry.source === 'string'));
}
