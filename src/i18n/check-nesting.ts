import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Beyond these a UI string's `$t(…)` nesting is refused: i18next expands it on every use, without bound. */
export const nestingLimits = {
  /** `$t(a)` inside `a`'s text counts one level. */
  maxDepth: 5,
  /** Characters of one string once every nested string is expanded. */
  maxExpanded: 64 * 1024,
};

const nestedKey = /\$t\(\s*([^,)\s]+)/g;

/**
 * Refuses, at the key's line, a UI string whose `$t(key)` nesting loops, goes deeper than
 * `maxDepth` or expands past `maxExpanded` characters (two references a level double it: thirty
 * levels would be a gigabyte). Returns false when any string was refused.
 */
export function checkNesting(strings: ReadonlyMap<string, string>, file: VFile, lineOf: (key: string) => number, limits = nestingLimits): boolean {
  const sizes = new Map<string, number>();
  const measure = (key: string, depth: number): number => {
    const known = sizes.get(key);
    if (known !== undefined) return known;
    const text = strings.get(key) ?? '';
    if (depth > limits.maxDepth) return Infinity;
    let size = text.length;
    for (const match of text.matchAll(nestedKey)) {
      size += measure(match[1]!, depth + 1);
      if (size > limits.maxExpanded) break;
    }
    // Only a complete answer is kept: a key reached too deep here may be shallow from elsewhere.
    if (Number.isFinite(size)) sizes.set(key, size);
    return size;
  };
  let ok = true;
  for (const key of strings.keys()) {
    const size = measure(key, 0);
    if (size <= limits.maxExpanded) continue;
    ok = false;
    const reason = Number.isFinite(size)
      ? `UI string \`${key}\` expands, through its \`$t(…)\` references, to more than ${limits.maxExpanded.toLocaleString('en')} characters; write the text out instead`
      : `UI string \`${key}\` nests \`$t(…)\` references more than ${limits.maxDepth} levels deep (or in a loop); write the text out instead`;
    report(file, reason, { ruleId: Number.isFinite(size) ? ruleIds.tooLarge : ruleIds.tooDeep, place: { line: lineOf(key), column: 1 } });
  }
  return ok;
}
