import { anchorAgreement, type BlockFeatures, joinFeatures, likelihood } from './block-anchors.ts';

/** A block the lock did not place, as the gap aligner sees it. */
export interface GapBlock {
  /** Its number among the chapter's aligned blocks. */
  index: number;
  /** Only blocks of one kind translate each other (`paragraph`, `heading2`, `listo`…). */
  kind: string;
  features: BlockFeatures;
}

/** Japanese blocks and the English blocks that translate them together: 1–1, 1–2, 2–1, 2–2, 1–0 or 0–1. */
export interface Link {
  ja: number[];
  en: number[];
}

/**
 * What each step costs before the content is weighed, as −log of how often translators do it: most
 * blocks translate one to one, some paragraphs are split or merged, few are dropped or added. Raise
 * `skip` when books drop paragraphs more often than they split them. `unsharedHalf` is added for each
 * half of a split or merge that shares no anchor with the other language (when there are anchors).
 */
const prior = { one: 0.1, join: 2.5, skip: 3.0, unsharedHalf: 1.5 };

/**
 * Aligns the blocks between two anchors the way sentence aligners do (Gale and Church): the cheapest
 * path of 1–1, 1–2, 2–1, 2–2 (two paragraphs divided another way), 1–0 and 0–1 steps, each step costing its prior plus how unlikely its blocks
 * translate each other (anchors shared, length).
 */
export function alignGap(ja: GapBlock[], en: GapBlock[], ratio: number): Link[] {
  const n = ja.length;
  const m = en.length;
  const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(Infinity));
  const step = Array.from({ length: n + 1 }, () => new Uint8Array(m + 1));
  cost[0]![0] = 0;
  const steps: Array<[number, number]> = [[1, 1], [1, 0], [0, 1], [2, 1], [1, 2], [2, 2]];
  for (let x = 0; x <= n; x++) {
    for (let y = 0; y <= m; y++) {
      const here = cost[x]![y]!;
      if (here === Infinity) continue;
      steps.forEach(([dx, dy], kind) => {
        if (x + dx > n || y + dy > m) return;
        const price = stepCost(ja.slice(x, x + dx), en.slice(y, y + dy), ratio);
        if (here + price < cost[x + dx]![y + dy]!) {
          cost[x + dx]![y + dy] = here + price;
          step[x + dx]![y + dy] = kind;
        }
      });
    }
  }
  const links: Link[] = [];
  for (let x = n, y = m; x > 0 || y > 0; ) {
    const [dx, dy] = steps[step[x]![y]!]!;
    links.unshift({ ja: ja.slice(x - dx, x).map((block) => block.index), en: en.slice(y - dy, y).map((block) => block.index) });
    x -= dx;
    y -= dy;
  }
  return links;
}

function stepCost(ja: GapBlock[], en: GapBlock[], ratio: number): number {
  if (ja.length === 0 || en.length === 0) return prior.skip;
  const blocks = [...ja, ...en];
  if (blocks.some((block) => block.kind !== blocks[0]!.kind)) return Infinity;
  const joined = ja.length > 1 || en.length > 1;
  if (joined && (blocks[0]!.kind.startsWith('heading') || !adjacent(ja) || !adjacent(en))) return Infinity;
  const features = (side: GapBlock[]): BlockFeatures => (side.length === 1 ? side[0]!.features : joinFeatures(side.map((block) => block.features)));
  const [jaFeatures, enFeatures] = [features(ja), features(en)];
  const base = (joined ? prior.join : prior.one) - Math.log(Math.max(likelihood(jaFeatures, enFeatures, ratio), 1e-6));
  if (!joined) return base;
  // Each half of a split carries some of what its source says: a paragraph the translator added does not.
  const unshared = [...ja.map((block) => anchorAgreement(block.features, enFeatures)), ...en.map((block) => anchorAgreement(jaFeatures, block.features))];
  return base + prior.unsharedHalf * unshared.filter((agreement) => agreement === 0).length;
}

/** Two blocks read as one only when nothing stands between them. */
function adjacent(side: GapBlock[]): boolean {
  return side.every((block, position) => position === 0 || block.index === side[position - 1]!.index + 1);
}
