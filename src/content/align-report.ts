import path from 'node:path';
import type { RootContent } from 'mdast';
import { report, ruleIds } from '../diagnostics.ts';
import type { AlignmentInput, BlockPair } from './block-pair.ts';
import { blockShape } from './block-shape.ts';
import type { LockEntry } from './translation-lock.ts';
import { wordDiff } from './word-diff.ts';

export interface ReportContext {
  ja: AlignmentInput['ja'];
  en: AlignmentInput['en'];
  jaBlocks: RootContent[];
  enBlocks: RootContent[];
  jaSources: string[];
  entries: Array<LockEntry | undefined>;
  cwd: string;
}

/**
 * Reports how the translation stands, block by block. A structure that differs (a split paragraph, a
 * list with another number of items) is a warning naming both places: translations drift, and the
 * pairing found is still the best one to print.
 */
export function reportPairs(pairs: BlockPair[], context: ReportContext): void {
  const { ja, en, jaBlocks, enBlocks, jaSources, entries, cwd } = context;
  const jaName = path.relative(cwd, ja.file.path);
  const enName = path.relative(cwd, en.file.path);
  const at = (name: string, node: RootContent | undefined) => `${name}:${node?.position?.start.line ?? 1}`;
  const place = (node: RootContent | undefined) => (node?.position ? { place: node.position } : {});
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
    if (pair.joined) return;
    const jaNode = pair.ja === undefined ? undefined : jaBlocks[pair.ja];
    const enNode = pair.en === undefined ? undefined : enBlocks[pair.en];
    const joined = pairs.slice(index + 1, pairs.findIndex((other, after) => after > index && !other.joined) >>> 0);
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
    }
    if (pair.status === 'missing' || pair.status === 'orphan') return;
    const moreEn = joined.filter((other) => other.en !== undefined).map((other) => enBlocks[other.en!]!);
    const moreJa = joined.filter((other) => other.ja !== undefined).map((other) => jaBlocks[other.ja!]!);
    const mismatch = (reason: string) => report(en.file, reason, { ruleId: ruleIds.alignment, severity: 'warning', ...place(enNode) });
    if (moreEn.length > 0 && moreJa.length > 0) {
      mismatch(`This ${bare(blockShape(enNode!))} and the one at ${moreEn.map((node) => at(enName, node)).join(', ')} translate ${moreJa.length + 1} at ${[jaNode!, ...moreJa].map((node) => at(jaName, node)).join(' and ')}, divided another way; they are paired together (divide the English as the Japanese is)`);
    } else if (moreEn.length > 0) {
      mismatch(`This ${bare(blockShape(enNode!))} and the one at ${moreEn.map((node) => at(enName, node)).join(', ')} translate one at ${at(jaName, jaNode)}; they are paired with it together (split the Japanese the same way, or join them)`);
    } else if (moreJa.length > 0) {
      mismatch(`This ${bare(blockShape(enNode!))} translates ${moreJa.length + 1} at ${[jaNode!, ...moreJa].map((node) => at(jaName, node)).join(' and ')}; they are paired with it together (split the English the same way, or join the Japanese)`);
    } else if (pair.status !== 'stale' && blockShape(jaNode!) !== blockShape(enNode!)) {
      mismatch(`This is ${blockShape(enNode!)} but its source at ${at(jaName, jaNode)} is ${blockShape(jaNode!)}; give the translation the same shape`);
    }
  });
}

/** "a paragraph" → "paragraph", to follow "this". */
function bare(shape: string): string {
  return shape.replace(/^an? /, '');
}
