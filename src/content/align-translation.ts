import path from 'node:path';
import { diffArrays } from 'diff';
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { contentBlocks } from '../pipeline/content-blocks.ts';
import { blockShape } from './block-shape.ts';
import { blockSource, fingerprint } from './fingerprint.ts';
import type { LockEntry } from './translation-lock.ts';
import { diffLimits, wordDiff, words } from './word-diff.ts';

/**
 * How an English block stands to the Japanese it translates:
 * - `current`: accepted in the lock, and the Japanese has not changed since;
 * - `unreviewed`: paired, but this English was never accepted (a new book, or English edited since);
 * - `stale`: accepted when the Japanese read differently;
 * - `missing`: a Japanese block with no English;
 * - `orphan`: an English block with no Japanese.
 */
export type PairStatus = 'current' | 'unreviewed' | 'stale' | 'missing' | 'orphan';

export interface BlockPair {
  /** Index into the aligned Japanese blocks. */
  ja?: number;
  /** Index into the aligned English blocks. */
  en?: number;
  status: PairStatus;
}

export interface AlignmentInput {
  ja: { tree: Root; file: VFile };
  en: { tree: Root; file: VFile; exists: boolean };
  /** The lock's entries for this chapter. */
  lock: readonly LockEntry[];
  cwd: string;
}

/** The blocks that take part in alignment. */
export const alignedBlocks = contentBlocks;

/** Blocks of the same kind can translate each other: the same node type, a heading of the same level. */
function kind(node: RootContent): string {
  return node.type === 'heading' ? `heading${node.depth}` : node.type === 'list' ? `list${node.ordered ? 'o' : 'u'}` : node.type;
}

/** How much two texts share, by words, from 0 to 1. */
function similarity(a: string, b: string): number {
  // Bounded like the word diff: two huge, very different blocks share nothing worth the memory.
  if (a.length + b.length > diffLimits.maxChars) return a === b ? 1 : 0;
  const wordsA = words(a, 'ja');
  const wordsB = words(b, 'ja');
  const common = (diffArrays(wordsA, wordsB, { maxEditLength: diffLimits.maxEdits }) ?? []).reduce((sum, part) => sum + (part.added || part.removed ? 0 : part.value.length), 0);
  return (2 * common) / Math.max(1, wordsA.length + wordsB.length);
}

/** Longest common subsequence of index pairs for which `match` holds, in order. */
function lcs(n: number, m: number, match: (i: number, j: number) => boolean): Array<[number, number]> {
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = match(i, j) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (match(i, j) && table[i]![j] === table[i + 1]![j + 1]! + 1) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Pairs each English block with the Japanese block it translates, by content rather than position:
 * blocks whose accepted fingerprints still match anchor the alignment (even when a paragraph moved),
 * English whose Japanese changed is paired with the most similar Japanese block left (stale), and what
 * is left pairs by kind in order. Reports stale, missing and orphaned blocks, and pairs whose shapes differ.
 */
export function alignTranslation({ ja, en, lock, cwd }: AlignmentInput): { pairs: BlockPair[]; acceptable: LockEntry[] } {
  const jaBlocks = alignedBlocks(ja.tree);
  const enBlocks = alignedBlocks(en.tree);
  const jaSources = jaBlocks.map((node) => blockSource(ja.file, node));
  const jaPrints = jaSources.map(fingerprint);
  const enPrints = enBlocks.map((node) => fingerprint(blockSource(en.file, node)));
  // The first entry wins when two English blocks read alike, as a search in order would find it.
  const byEnglish = new Map([...lock].reverse().map((entry) => [entry.en, entry]));
  const entries = enPrints.map((print) => byEnglish.get(print));
  const jaFor = new Map<number, number>();
  const status = new Map<number, PairStatus>();
  const taken = new Set<number>();
  const pair = (i: number, j: number, state: PairStatus) => {
    jaFor.set(j, i);
    status.set(j, state);
    taken.add(i);
  };
  
  // 1. Unchanged pairs, in order; then unchanged pairs whose Japanese moved.
  for (const [i, j] of lcs(jaBlocks.length, enBlocks.length, (i, j) => entries[j]?.ja === jaPrints[i])) pair(i, j, 'current');
  entries.forEach((entry, j) => {
    if (!entry || jaFor.has(j)) return;
    const i = jaPrints.findIndex((print, index) => print === entry.ja && !taken.has(index));
    if (i >= 0) pair(i, j, 'current');
  });

  // 2. Between anchors: accepted English whose Japanese changed goes with the most similar block left.
  const gapOf = (j: number) => {
    const before = [...jaFor].filter(([other]) => other < j).map(([, i]) => i);
    const after = [...jaFor].filter(([other]) => other > j).map(([, i]) => i);
    return { from: before.length > 0 ? Math.max(...before) + 1 : 0, to: after.length > 0 ? Math.min(...after) : jaBlocks.length };
  };
  entries.forEach((entry, j) => {
    if (!entry || jaFor.has(j)) return;
    const { from, to } = gapOf(j);
    let best = -1;
    let bestScore = 0.4;
    for (let i = from; i < to; i++) {
      if (taken.has(i) || kind(jaBlocks[i]!) !== kind(enBlocks[j]!)) continue;
      const score = similarity(entry.source, jaSources[i]!);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    if (best >= 0) pair(best, j, 'stale');
  });

  // 3. What is left pairs by kind, in order, gap by gap.
  const freeJa = jaBlocks.map((_, i) => i).filter((i) => !taken.has(i));
  const freeEn = enBlocks.map((_, j) => j).filter((j) => !jaFor.has(j));
  for (const [a, b] of lcs(freeJa.length, freeEn.length, (a, b) => {
    const j = freeEn[b]!;
    const { from, to } = gapOf(j);
    const i = freeJa[a]!;
    return i >= from && i < to && kind(jaBlocks[i]!) === kind(enBlocks[j]!);
  })) {
    pair(freeJa[a]!, freeEn[b]!, entries[freeEn[b]!] ? 'stale' : 'unreviewed');
  }

  // The pairs in Japanese order: the translation follows its source.
  const pairs: BlockPair[] = [];
  const enOf = new Map([...jaFor].map(([j, i]) => [i, j]));
  let nextEn = 0;
  const orphansUpTo = (limit: number) => {
    for (; nextEn < limit; nextEn++) if (!jaFor.has(nextEn)) pairs.push({ en: nextEn, status: 'orphan' });
  };
  jaBlocks.forEach((_, i) => {
    const j = enOf.get(i);
    if (j === undefined) {
      pairs.push({ ja: i, status: 'missing' });
      return;
    }
    orphansUpTo(j);
    nextEn = Math.max(nextEn, j + 1);
    pairs.push({ ja: i, en: j, status: status.get(j)! });
  });
  orphansUpTo(enBlocks.length);

  reportPairs(pairs, { ja, en, jaBlocks, enBlocks, jaSources, entries, cwd });
  // What `translations accept` would record now: each pair's fingerprints, with the Japanese it translates.
  const acceptable = pairs
    .filter((pair) => pair.ja !== undefined && pair.en !== undefined)
    .map((pair) => ({ en: enPrints[pair.en!]!, ja: jaPrints[pair.ja!]!, source: jaSources[pair.ja!]! }));
  return { pairs, acceptable };
}

interface ReportContext {
  ja: AlignmentInput['ja'];
  en: AlignmentInput['en'];
  jaBlocks: RootContent[];
  enBlocks: RootContent[];
  jaSources: string[];
  entries: Array<LockEntry | undefined>;
  cwd: string;
}

function reportPairs(pairs: BlockPair[], context: ReportContext): void {
  const { ja, en, jaBlocks, enBlocks, jaSources, entries, cwd } = context;
  const jaName = path.relative(cwd, ja.file.path);
  const enName = path.relative(cwd, en.file.path);
  const at = (name: string, node: RootContent | undefined) => `${name}:${node?.position?.start.line ?? 1}`;
  if (!en.exists) {
    report(ja.file, `No English translation: ${enName} does not exist, so the English editions show this chapter in Japanese; translate it there`, {
      ruleId: ruleIds.missingTranslation,
      severity: 'warning',
    });
    return;
  }
  if (jaBlocks.length === 0 && enBlocks.length > 0) {
    report(en.file, `Nothing to translate: ${jaName} has no content; delete this file or write the Japanese`, {
      ruleId: ruleIds.orphanTranslation,
      severity: 'warning',
    });
    return;
  }
  pairs.forEach((pair, index) => {
    const jaNode = pair.ja === undefined ? undefined : jaBlocks[pair.ja];
    const enNode = pair.en === undefined ? undefined : enBlocks[pair.en];
    const place = (node: RootContent | undefined) => (node?.position ? { place: node.position } : {});
    if (pair.status === 'missing') {
      const previous = pairs.slice(0, index).reverse().find((other) => other.en !== undefined);
      const where = previous ? `after ${at(enName, enBlocks[previous.en!])}` : `at the start of ${enName}`;
      report(ja.file, `No English translation of this ${bare(blockShape(jaNode!))}: the English editions show the Japanese; translate it in ${enName} (${where})`, {
        ruleId: ruleIds.missingTranslation,
        severity: 'warning',
        ...place(jaNode),
      });
    } else if (pair.status === 'orphan') {
      report(en.file, `This ${bare(blockShape(enNode!))} translates nothing in ${jaName}; delete it, or add the Japanese it translates`, {
        ruleId: ruleIds.orphanTranslation,
        severity: 'warning',
        ...place(enNode),
      });
    } else if (pair.status === 'stale') {
      const old = entries[pair.en!]!.source;
      report(
        en.file,
        `Translation may be out of date: its source at ${at(jaName, jaNode)} changed since it was accepted: ${wordDiff(old, jaSources[pair.ja!]!, 'ja')}; update the English, then run \`bilingual-book translations accept ${enName}\``,
        { ruleId: ruleIds.staleTranslation, severity: 'warning', ...place(enNode) },
      );
    } else if (blockShape(jaNode!) !== blockShape(enNode!)) {
      report(en.file, `This is ${blockShape(enNode!)} but its source at ${at(jaName, jaNode)} is ${blockShape(jaNode!)}; give the translation the same shape`, {
        ruleId: ruleIds.alignment,
        ...place(enNode),
      });
    }
  });
}

/** "a paragraph" → "paragraph", to follow "this". */
function bare(shape: string): string {
  return shape.replace(/^an? /, '');
}
