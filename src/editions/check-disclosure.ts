import path from 'node:path';
import { bookOrPackageDir } from '../config/package-dir.ts';
import { languages } from '../config/schema.ts';
import { type Diagnostics, report, ruleIds } from '../diagnostics.ts';
import { type BookStrings, disclosureRequired } from './matter.ts';
import { disclosureStringFault } from './disclosure-text.ts';

/**
 * A sponsored book's disclosure strings, as every output check will measure them: a book's own locale
 * whose label is blank or whose sentence leaves out `{{sponsor}}` is an error at that string, found by
 * `check` rather than by each format's output check. (book.yaml's schema refuses an invisible sponsor.)
 */
export function checkDisclosureStrings(book: BookStrings & { root: string }, diagnostics: Diagnostics): void {
  if (!disclosureRequired(book)) return;
  const dir = bookOrPackageDir(book.root, 'locales');
  for (const lang of languages) {
    const fault = disclosureStringFault(book, lang);
    if (!fault || fault.key === 'sponsor') continue;
    const file = [...diagnostics.files].find((candidate) => candidate.path === path.join(dir, `${lang}.json`));
    if (!file) continue;
    report(file, fault.reason, { ruleId: ruleIds.configValue, place: placeOfNestedKey(String(file.value), fault.key) });
  }
}

/** Where `a.b`'s `"b"` is written after its `"a"`, or the file's start. */
function placeOfNestedKey(text: string, key: string): { line: number; column: number } {
  const lines = text.split('\n');
  let index = 0;
  let column = 1;
  for (const part of key.split('.')) {
    const found = lines.findIndex((line, at) => at >= index && line.includes(`"${part}":`));
    if (found < 0) return { line: 1, column: 1 };
    index = found;
    column = lines[found]!.indexOf(`"${part}":`) + 1;
  }
  return { line: index + 1, column };
}
