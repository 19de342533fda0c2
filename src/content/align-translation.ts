import { diffArrays } from 'diff';
import type { RootContent } from 'mdast';
import { contentBlocks } from '../pipeline/content-blocks.ts';
import { reportPairs } from './align-report.ts';
import { alignGap, type GapBlock } from './align-gaps.ts';
import { anchorAgreement, blockFeatures, hasStrongAnchor } from './block-anchors.ts';
import { blockSource, fingerprint } from './fingerprint.ts';
import type { LockEntry } from './translation-lock.ts';
import type { AlignmentInput, BlockPair, PairStatus } from './block-pair.ts';
import { diffLimits, words } from './word-diff.ts';

export type { AlignmentInput, BlockPair, PairStatus } from './block-pair.ts';

/** The blocks that take part in alignment. */
export const alignedBlocks = contentBlocks;

/** Japanese blocks and the English that translates them together, with how they stand. */
export interface Group {
  ja: number[];
  en: number[];
  status: PairStatus;
}

/** Blocks of the same kind can translate each other: the same node type, a heading of the same level. */
export function kind(node: RootContent): string {
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

/** Text with nothing to translate: no kana or kanji, so the English may rightly be the same. */
const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Pairs each English block with the Japanese block it translates, by content rather than position:
 * 1. blocks whose accepted fingerprints still match anchor the alignment (even when a paragraph moved),
 *    as do blocks identical in both languages with nothing to translate;
 * 2. English whose Japanese changed goes with the most similar Japanese block left (stale);
 * 3. blocks the lock says nothing about pair by what both languages share (numbers, identifiers, URLs,
 *    code, Latin names): first those whose anchors agree beyond doubt, wherever they stand; then, between
 *    the pairs found so far, the cheapest path of 1–1, 1–2, 2–1, 2–2, 1–0 and 0–1 steps, as sentence aligners do.
 * Reports stale, missing and orphaned blocks, splits and merges, and pairs whose shapes differ.
 */
export function alignTranslation({ ja, en, lock, cwd }: AlignmentInput): { pairs: BlockPair[]; acceptable: LockEntry[] } {
  const jaBlocks = alignedBlocks(ja.tree);
  const enBlocks = alignedBlocks(en.tree);
  const jaSources = jaBlocks.map((node) => blockSource(ja.file, node));
  const enSources = enBlocks.map((node) => blockSource(en.file, node));
  const jaPrints = jaSources.map(fingerprint);
  const enPrints = enSources.map(fingerprint);
  // Every Japanese print an English block was accepted with (two after a split or merge); the first wins.
  const acceptedWith = new Map<string, LockEntry[]>();
  for (const entry of lock) acceptedWith.set(entry.en, [...(acceptedWith.get(entry.en) ?? []), entry]);
  const accepted = enPrints.map((print) => acceptedWith.get(print) ?? []);
  const entries = accepted.map((list) => list[0]);
  const groups: Group[] = [];
  const groupOfJa = new Map<number, Group>();
  const groupOfEn = new Map<number, Group>();
  const pair = (i: number, j: number, status: PairStatus) => {
    const group = { ja: [i], en: [j], status };
    groups.push(group);
    groupOfJa.set(i, group);
    groupOfEn.set(j, group);
  };
  const isAccepted = (i: number, j: number) => accepted[j]!.some((entry) => entry.ja === jaPrints[i]);
  const neutral = (i: number, j: number) =>
    jaSources[i] === enSources[j] && !japanese.test(jaSources[i]!) && kind(jaBlocks[i]!) === kind(enBlocks[j]!) && jaBlocks[i]!.type !== 'heading';

  // 1. Unchanged pairs and blocks with nothing to translate, in order; then unchanged pairs whose Japanese moved.
  for (const [i, j] of lcs(jaBlocks.length, enBlocks.length, (i, j) => isAccepted(i, j) || neutral(i, j))) pair(i, j, 'current');
  entries.forEach((entry, j) => {
    if (!entry || groupOfEn.has(j)) return;
    const i = jaPrints.findIndex((print, index) => print === entry.ja && !groupOfJa.has(index));
    if (i >= 0) pair(i, j, 'current');
  });
  joinAccepted({ jaCount: jaBlocks.length, enCount: enBlocks.length, isAccepted, groupOfJa, groupOfEn });

  // 2. Accepted English whose Japanese changed goes with the most similar block left between its neighbours.
  const gapOf = (j: number) => {
    const before = [...groupOfEn].filter(([other]) => other < j).flatMap(([, group]) => group.ja);
    const after = [...groupOfEn].filter(([other]) => other > j).flatMap(([, group]) => group.ja);
    return { from: before.length > 0 ? Math.max(...before) + 1 : 0, to: after.length > 0 ? Math.min(...after) : jaBlocks.length };
  };
  entries.forEach((entry, j) => {
    if (!entry || groupOfEn.has(j)) return;
    const { from, to } = gapOf(j);
    let best = -1;
    let bestScore = 0.4;
    for (let i = from; i < to; i++) {
      if (groupOfJa.has(i) || kind(jaBlocks[i]!) !== kind(enBlocks[j]!)) continue;
      const score = similarity(entry.source, jaSources[i]!);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    if (best >= 0) pair(best, j, 'stale');
  });

  // 3. What the lock does not place pairs by content.
  const features = { ja: jaSources.map(blockFeatures), en: enSources.map(blockFeatures) };
  const statusOf = (j: number): PairStatus => (entries[j] ? 'stale' : 'unreviewed');
  const freeJa = () => jaBlocks.map((_, i) => i).filter((i) => !groupOfJa.has(i));
  const freeEn = () => enBlocks.map((_, j) => j).filter((j) => !groupOfEn.has(j));
  // 3a. Anchors that agree beyond doubt (each the other's clear best), even out of order: reordered items.
  const agreement = (i: number, j: number) =>
    kind(jaBlocks[i]!) === kind(enBlocks[j]!) && hasStrongAnchor(features.ja[i]!) ? (anchorAgreement(features.ja[i]!, features.en[j]!) ?? 0) : 0;
  const candidates = { ja: freeJa(), en: freeEn() };
  // Only blocks sharing an anchor can agree: an index of the English by anchor keeps this linear.
  const byMark = (side: 'ja' | 'en', indexes: number[]) => {
    const map = new Map<string, number[]>();
    for (const index of indexes) for (const mark of features[side][index]!.marks) map.get(mark)?.push(index) ?? map.set(mark, [index]);
    return map;
  };
  const enByMark = byMark('en', candidates.en);
  const jaByMark = byMark('ja', candidates.ja);
  for (const i of candidates.ja) {
    const sharing = new Set([...features.ja[i]!.marks].flatMap((mark) => enByMark.get(mark) ?? []));
    const ranked = [...sharing].map((j) => ({ j, score: agreement(i, j) })).sort((a, b) => b.score - a.score);
    const [best, second] = ranked;
    if (!best || best.score < 0.75 || (second && second.score > best.score - 0.25) || groupOfEn.has(best.j)) continue;
    const rivals = [...features.en[best.j]!.marks].some((mark) => (jaByMark.get(mark) ?? []).some((other) => other !== i && agreement(other, best.j) > best.score - 0.25));
    if (!rivals) pair(i, best.j, statusOf(best.j));
  }
  // 3b. Between the pairs found so far (those in order), the sentence aligner's path.
  const total = (list: number[], side: 'ja' | 'en') => list.reduce((sum, index) => sum + features[side][index]!.length, 0);
  const ratio = Math.min(6, Math.max(0.3, total(enBlocks.map((_, j) => j), 'en') / Math.max(1, total(jaBlocks.map((_, i) => i), 'ja')) || 2));
  const gapBlock = (side: 'ja' | 'en', index: number): GapBlock => ({
    index,
    kind: kind((side === 'ja' ? jaBlocks : enBlocks)[index]!),
    features: features[side][index]!,
  });
  for (const gap of gapsBetween(groups, jaBlocks.length, enBlocks.length)) {
    const jaFree = freeJa().filter((i) => i >= gap.ja[0] && i < gap.ja[1]);
    const enFree = freeEn().filter((j) => j >= gap.en[0] && j < gap.en[1]);
    if (jaFree.length === 0 || enFree.length === 0) continue;
    for (const link of alignGap(jaFree.map((i) => gapBlock('ja', i)), enFree.map((j) => gapBlock('en', j)), ratio)) {
      if (link.ja.length === 0 || link.en.length === 0) continue;
      const group: Group = { ja: link.ja, en: link.en, status: link.en.some((j) => entries[j]) ? 'stale' : 'unreviewed' };
      groups.push(group);
      for (const i of link.ja) groupOfJa.set(i, group);
      for (const j of link.en) groupOfEn.set(j, group);
    }
  }

  const pairs = inJapaneseOrder(jaBlocks.length, enBlocks.length, groupOfJa, groupOfEn);
  reportPairs(pairs, { ja, en, jaBlocks, enBlocks, jaSources, entries, cwd });
  // What `translations accept` would record now: each English block with the Japanese it translates.
  const acceptable = groups
    .filter((group) => group.ja.length > 0 && group.en.length > 0)
    .sort((a, b) => a.en[0]! - b.en[0]!)
    .flatMap((group) => group.en.flatMap((j) => group.ja.map((i) => ({ en: enPrints[j]!, ja: jaPrints[i]!, source: jaSources[i]! }))));
  return { pairs, acceptable };
}

/**
 * An accepted split or merge found again: an English block accepted with the Japanese of a neighbour's
 * pair joins that pair (the second half of a split), and so does a Japanese block (a merge).
 */
function joinAccepted(context: {
  jaCount: number;
  enCount: number;
  isAccepted: (i: number, j: number) => boolean;
  groupOfJa: Map<number, Group>;
  groupOfEn: Map<number, Group>;
}): void {
  const { jaCount, enCount, isAccepted, groupOfJa, groupOfEn } = context;
  // The same rule from either side: an English block joins a split, a Japanese block a merge.
  const sides = [
    { side: 'en', other: 'ja', count: enCount, groupOf: groupOfEn, accepted: (mine: number, theirs: number) => isAccepted(theirs, mine) },
    { side: 'ja', other: 'en', count: jaCount, groupOf: groupOfJa, accepted: (mine: number, theirs: number) => isAccepted(mine, theirs) },
  ] as const;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { side, other, count, groupOf, accepted } of sides) {
      for (let index = 0; index < count; index++) {
        if (groupOf.has(index)) continue;
        const group = [groupOf.get(index - 1), groupOf.get(index + 1)].find(
          (near) => near?.status === 'current' && near[other].some((theirs) => accepted(index, theirs)),
        );
        if (!group) continue;
        group[side] = [...group[side], index].sort((a, b) => a - b);
        groupOf.set(index, group);
        changed = true;
      }
    }
  }
}

/**
 * The stretches between pairs that stand in order, in both languages: `[from, to)` of each. Pairs out of
 * order (a moved block) do not bound a stretch.
 */
function gapsBetween(groups: Group[], jaCount: number, enCount: number): Array<{ ja: [number, number]; en: [number, number] }> {
  const placed = groups.filter((group) => group.ja.length > 0 && group.en.length > 0).sort((a, b) => a.en[0]! - b.en[0]!);
  // The longest run of pairs increasing in both languages.
  const best = placed.map(() => 1);
  const previous = placed.map(() => -1);
  placed.forEach((group, k) => {
    for (let before = 0; before < k; before++) {
      if (placed[before]!.ja.at(-1)! < group.ja[0]! && best[before]! + 1 > best[k]!) [best[k], previous[k]] = [best[before]! + 1, before];
    }
  });
  const chain: Group[] = [];
  for (let k = best.indexOf(Math.max(0, ...best)); k >= 0 && placed.length > 0; k = previous[k]!) chain.unshift(placed[k]!);
  const gaps: Array<{ ja: [number, number]; en: [number, number] }> = [];
  let from = { ja: 0, en: 0 };
  for (const group of [...chain, { ja: [jaCount], en: [enCount] }]) {
    gaps.push({ ja: [from.ja, group.ja[0]!], en: [from.en, group.en[0]!] });
    from = { ja: group.ja.at(-1)! + 1, en: group.en.at(-1)! + 1 };
  }
  return gaps;
}

/** The pairs in Japanese order (the translation follows its source), English-only blocks where they stand. */
function inJapaneseOrder(jaCount: number, enCount: number, groupOfJa: Map<number, Group>, groupOfEn: Map<number, Group>): BlockPair[] {
  const pairs: BlockPair[] = [];
  let nextEn = 0;
  const orphansUpTo = (limit: number) => {
    for (; nextEn < limit; nextEn++) if (!groupOfEn.has(nextEn)) pairs.push({ en: nextEn, status: 'orphan' });
  };
  for (let i = 0; i < jaCount; i++) {
    const group = groupOfJa.get(i);
    if (!group) {
      pairs.push({ ja: i, status: 'missing' });
      continue;
    }
    if (group.ja[0] !== i) continue;
    const [head, ...more] = group.en;
    orphansUpTo(head!);
    nextEn = Math.max(nextEn, group.en.at(-1)! + 1);
    pairs.push({ ja: i, en: head!, status: group.status });
    for (const other of group.ja.slice(1)) pairs.push({ ja: other, status: group.status, joined: true });
    for (const other of more) pairs.push({ en: other, status: group.status, joined: true });
  }
  orphansUpTo(enCount);
  return pairs;
}
