import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Beyond these a chapter is refused before parsing: the parser's time and stack grow with them. */
export const structureLimits = {
  /** Bytes of Markdown in one chapter: split a longer one into chapters. */
  maxBytes: 10 * 1024 * 1024,
  /** Quotes and lists nested in one another. */
  maxDepth: 100,
};

/** One container opener at the start of a line (after what came before it): a quote marker or a list marker. */
const opener = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/**
 * Refuses, with a positioned message, a chapter too large or nested too deeply to process safely
 * (ten thousand nested quotes would overflow the parser's stack). Returns false when refused.
 */
export function checkStructure(file: VFile, limits = structureLimits): boolean {
  const text = String(file.value);
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes) {
    const mb = (size: number) => `${(size / 1024 / 1024).toFixed(1)} MB`;
    report(file, `The chapter is ${mb(bytes)}, over the ${mb(limits.maxBytes)} a chapter may have; split it into several chapters`, {
      ruleId: ruleIds.tooLarge,
    });
    return false;
  }
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let rest = lines[index]!;
    const indent = /^[ \t]*/.exec(rest)![0].replace(/\t/g, '    ').length;
    // Nested list items are indented two or more columns a level.
    let depth = Math.floor(indent / 2);
    for (let match = opener.exec(rest); match && depth <= limits.maxDepth; match = opener.exec(rest)) {
      depth++;
      rest = rest.slice(match[0].length);
    }
    if (depth > limits.maxDepth) {
      report(file, `Quotes or lists are nested more than ${limits.maxDepth} levels deep here; flatten the structure`, {
        ruleId: ruleIds.tooDeep,
        place: { line: index + 1, column: 1 },
      });
      return false;
    }
  }
  return true;
}
