import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root, Text } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { z } from 'zod';
import { inputLimits, readTextFile } from '../config/load-config.ts';
import { loadYaml, yamlKeyPlaces } from '../config/load-yaml.ts';
import { type Diagnostics, report, ruleIds } from '../diagnostics.ts';
import type { Chapter } from './compile-chapters.ts';

/**
 * `content/glossary.yaml`: the terms a book translates one way, keyed by the Japanese term. `check` warns
 * where the English uses a rejected variant. Optional: a book without one is not checked.
 */
export const glossaryFileName = 'content/glossary.yaml';

const phrase = z.string({ error: 'expected a word or phrase' }).trim().min(1, 'must not be empty');

const glossaryEntry = z
  .object({
    /** The English the book uses for the term. */
    en: phrase,
    /** Translations the book has decided against; each is flagged wherever the English uses it. */
    rejected: z.array(phrase, { error: 'expected a list of words or phrases' }).min(1, 'must list at least one rejected variant'),
    /** Compare letter case too: for names whose variants differ only in case (`job tag`, not `Job Tag`). */
    matchCase: z.boolean({ error: 'expected true or false' }).default(false),
  })
  .strict();

export const glossarySchema = z.record(z.string().trim().min(1, 'a Japanese term must not be empty'), glossaryEntry);
export type Glossary = z.infer<typeof glossarySchema>;

interface Variant {
  term: string;
  preferred: string;
  rejected: string;
  pattern: RegExp;
}

/**
 * Reads the book's glossary, if it has one, and warns at each rejected variant in the English chapters'
 * prose (not in code, URLs or citation keys). A broken glossary is an error at its key, like book.yaml.
 */
export async function checkGlossary(root: string, chapters: readonly Chapter[], diagnostics: Diagnostics): Promise<void> {
  const filePath = path.join(root, glossaryFileName);
  if (!existsSync(filePath)) return;
  const file = await readTextFile(filePath, diagnostics, 'the glossary', { within: root, maxBytes: inputLimits.config });
  const glossary = file && loadYaml(file, glossarySchema);
  if (!file || !glossary) return;
  const variants = glossaryVariants(glossary, file);
  if (variants.length === 0) return;
  for (const chapter of chapters) {
    const en = chapter.en.file;
    if (!chapter.translated || en.data.absent) continue;
    checkText(en, variants);
  }
}

/** Each rejected variant as a whole-word pattern; one that would also match the preferred English is a glossary error. */
function glossaryVariants(glossary: Glossary, file: VFile): Variant[] {
  const variants: Variant[] = [];
  let placeOf: ReturnType<typeof yamlKeyPlaces> | undefined;
  for (const [term, entry] of Object.entries(glossary)) {
    for (const [index, rejected] of entry.rejected.entries()) {
      const pattern = wordPattern(rejected, entry.matchCase);
      if (hits(pattern, entry.en).length > 0) {
        placeOf ??= yamlKeyPlaces(file);
        const hint = entry.matchCase ? 'remove it' : 'remove it, or set `matchCase: true` when only the letter case differs';
        report(file, `\`${term}.rejected.${index}\` \`${rejected}\` matches the preferred \`${entry.en}\` itself, so every use would be flagged; ${hint}`, {
          ruleId: ruleIds.configValue,
          ...(placeOf([term]) ? { place: placeOf([term])! } : {}),
        });
        continue;
      }
      variants.push({ term, preferred: entry.en, rejected, pattern });
    }
  }
  return variants;
}

/** The phrase as a regular expression: whole words, any run of spaces between them. */
function wordPattern(phrase: string, matchCase: boolean): RegExp {
  const words = phrase.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A letter or digit on either side makes it part of a longer word; `@` before it makes it a citation key.
  return new RegExp(`(?<![\\p{L}\\p{N}@])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, matchCase ? 'gu' : 'giu');
}

function checkText(file: VFile, variants: readonly Variant[]): void {
  const text = String(file.value);
  // Most files use no rejected variant: only those that do are parsed, to tell prose from code and URLs.
  // The chapter pipeline keeps no Markdown tree (cached chapters are hast without positions), so the
  // syntax is read again here, with the same parser and extensions the pipeline starts with.
  if (!variants.some((variant) => hits(variant.pattern, text).length > 0)) return;
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  visit(tree, 'text', (node: Text) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // The source of the text node, escapes and all, so the column is where the author typed it.
    const written = text.slice(start, end);
    for (const variant of variants) {
      for (const at of hits(variant.pattern, written)) {
        const offset = start + at.index;
        report(file, `\`${at.found.replace(/\s+/g, ' ')}\` is a rejected translation of ${variant.term}; use \`${variant.preferred}\` (${glossaryFileName})`, {
          ruleId: ruleIds.glossary,
          severity: 'warning',
          place: { start: placeAt(text, offset), end: placeAt(text, offset + at.found.length) },
        });
      }
    }
  });
}

/** Line and column (1-based) of an offset in the text. */
function placeAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

function hits(pattern: RegExp, text: string): Array<{ index: number; found: string }> {
  return [...text.matchAll(pattern)].map((match) => ({ index: match.index, found: match[0] }));
}
