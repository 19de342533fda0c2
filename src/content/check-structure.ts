import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Beyond these a chapter is refused before parsing: the parser's time and stack grow with them. */
export const structureLimits = {
  /** Bytes of Markdown in one chapter: split a longer one into chapters. */
  maxBytes: 10 * 1024 * 1024,
  /** Quotes and lists nested in one another. */
  maxDepth: 100,
  /** Cells of one table: every cell becomes several nodes in each language and edition. */
  maxTableCells: 50_000,
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
  const table = largeTable(lines, limits.maxTableCells);
  if (table) {
    report(file, `This table has more than ${limits.maxTableCells.toLocaleString('en')} cells; split it into several tables or move the data to a download`, {
      ruleId: ruleIds.tooLarge,
      place: table,
    });
    return false;
  }
  const deep = deepInline(lines, limits.maxDepth);
  if (deep) {
    report(file, `Emphasis or links are nested more than ${limits.maxDepth} levels deep here; flatten the structure`, { ruleId: ruleIds.tooDeep, place: deep });
    return false;
  }
  return true;
}

/** A GFM table's delimiter row, `| --- | :-: |`. */
const delimiterRow = /^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Where a table with more than `maxCells` cells starts (its header row), or undefined. */
function largeTable(lines: readonly string[], maxCells: number): { line: number; column: number } | undefined {
  for (let index = 1; index < lines.length; index++) {
    if (!lines[index]!.includes('-') || !delimiterRow.test(lines[index]!) || !lines[index - 1]!.includes('|')) continue;
    const columns = lines[index]!.split('|').filter((cell) => cell.trim() !== '').length;
    let rows = 1;
    while (index + rows < lines.length && lines[index + rows]!.trim() !== '') rows++;
    if (rows * columns > maxCells) return { line: index, column: 1 };
    index += rows - 1;
  }
  return undefined;
}

const space = /\s/;
const mark = /[\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Where emphasis (`*`, `_`, `~`) or brackets, within one paragraph, first close more than `maxDepth`
 * openers deep, or undefined. The parser's time grows with the square of that depth and its later stages
 * recurse on it. One pass: a run that can only open is pushed, one that can only close pops; code is skipped.
 */
function deepInline(lines: readonly string[], maxDepth: number): { line: number; column: number } | undefined {
  const open: Array<{ line: number; column: number }> = [];
  let fence = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence ? marker?.startsWith(fence) : marker) {
      fence = fence ? '' : marker!.slice(0, 3);
      continue;
    }
    if (fence) continue;
    if (line.trim() === '') open.length = 0;
    for (let at = 0; at < line.length; at++) {
      const char = line[at]!;
      if (char === '\\') {
        at++;
        continue;
      }
      let end = at;
      if (char === '`') {
        while (line[end + 1] === '`') end++;
        const close = line.indexOf(line.slice(at, end + 1), end + 1);
        at = close < 0 ? end : close + end - at;
        continue;
      }
      if (char === '*' || char === '_' || char === '~') while (line[end + 1] === char) end++;
      else if (char !== '[' && char !== ']') continue;
      const before = line[at - 1] ?? ' ';
      const after = line[end + 1] ?? ' ';
      // CommonMark's flanking rules, with CJK letters counted as punctuation as remark-cjk-friendly does.
      const left = !space.test(after) && (!mark.test(after) || space.test(before) || mark.test(before));
      const right = !space.test(before) && (!mark.test(before) || space.test(after) || mark.test(after));
      // A run that could both open and close (inside a word) pairs with its neighbour: it does not nest.
      const opens = char === '[' || (char !== ']' && left && !right);
      const closes = char === ']' || (char !== '[' && right && !left);
      if (opens) open.push({ line: index + 1, column: at + 1 });
      else if (closes && open.length > 0) {
        if (open.length > maxDepth) return open[maxDepth];
        open.pop();
      }
      at = end;
    }
  }
  return undefined;
}

/** Deeper than this a parsed tree is refused: the later stages recurse on it and would overflow the stack. */
export const maxTreeDepth = 500;

/**
 * Refuses, at its deepest node, a parsed tree deeper than `maxTreeDepth` (what the text check above could
 * not foresee). Iterative, so it cannot overflow itself. Returns false when refused.
 */
export function checkTreeDepth(tree: Node, file: VFile): boolean {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxTreeDepth) {
      report(file, `The text is nested more than ${maxTreeDepth} levels deep here (emphasis, links or HTML within one another); flatten the structure`, {
        ruleId: ruleIds.tooDeep,
        ...(node.position ? { place: node.position.start } : {}),
      });
      return false;
    }
    for (const child of (node as Parent).children ?? []) stack.push([child, depth + 1]);
  }
  return true;
}
