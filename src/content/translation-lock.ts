import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { readTextFile } from '../config/load-book.ts';
import { loadYaml } from '../config/load-yaml.ts';
import type { Diagnostics } from '../diagnostics.ts';

export const lockFileName = 'content/translations.lock.yaml';

const hash = z.string().regex(/^[0-9a-f]{12}$/, 'expected a 12-digit hex fingerprint');

/** One accepted English block: its fingerprint, and that of the Japanese it translates, with that Japanese. */
const entrySchema = z.object({ en: hash, ja: hash, source: z.string() }).strict();
export type LockEntry = z.infer<typeof entrySchema>;

const lockSchema = z.object({ chapters: z.record(z.string(), z.array(entrySchema)).default({}) }).strict();
export type TranslationLock = z.infer<typeof lockSchema>;

/** The lock, or an empty one when the book has none yet; undefined when it exists but is broken. */
export async function loadLock(root: string, diagnostics: Diagnostics): Promise<TranslationLock | undefined> {
  const file = path.join(root, lockFileName);
  if (!existsSync(file)) return { chapters: {} };
  const vfile = await readTextFile(file, diagnostics, 'the translation lock');
  return vfile && loadYaml(vfile, lockSchema);
}

const header = `# Which Japanese text each English block was accepted as translating.
# Written by \`bilingual-book translations accept\` after a review of the English; do not edit by hand.
# en: fingerprint of the English block; ja: of the Japanese it translates; source: that Japanese.
`;

export async function saveLock(root: string, lock: TranslationLock): Promise<void> {
  const chapters = Object.fromEntries(Object.entries(lock.chapters).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(path.join(root, lockFileName), header + stringify({ chapters }, { lineWidth: 0 }));
}
