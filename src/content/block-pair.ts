import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { LockEntry } from './translation-lock.ts';

/**
 * How an English block stands to the Japanese it translates:
 * - `current`: accepted in the lock, and the Japanese has not changed since (or the block is the same
 *   in both languages and has nothing to translate: code, numbers, an image);
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
  /**
   * This pair continues the one before it: the second English block of a paragraph the translator
   * split (1–2), or the second Japanese block of two translated as one (2–1). It has only that block.
   */
  joined?: true;
}

export interface AlignmentInput {
  ja: { tree: Root; file: VFile };
  en: { tree: Root; file: VFile; exists: boolean };
  /** The lock's entries for this chapter. */
  lock: readonly LockEntry[];
  cwd: string;
}
