import { diffArrays } from 'diff';

const segmenters = new Map<string, Intl.Segmenter>();

/** Words as a reader sees them: Japanese has no spaces, so ICU's dictionary segmentation finds them. */
export function words(text: string, lang: string): string[] {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, segmenter);
  }
  return [...segmenter.segment(text)].map((part) => part.segment);
}

/**
 * A word-level diff in `git diff --word-diff` notation: `[-removed-]{+added+}`, unchanged words kept
 * only within `context` words of a change, so a long paragraph's diff stays short.
 */
export function wordDiff(before: string, after: string, lang: string, context = 6): string {
  // The diff's time and memory grow with the product of the lengths: a huge changed block gets a summary.
  const parts = before.length + after.length <= diffLimits.maxChars ? diffArrays(words(before, lang), words(after, lang), { maxEditLength: diffLimits.maxEdits }) : undefined;
  if (!parts) return `[-${clip(before)}-]{+${clip(after)}+}`;
  const out: string[] = [];
  parts.forEach((part, index) => {
    const text = part.value.join('');
    if (part.added) out.push(`{+${text}+}`);
    else if (part.removed) out.push(`[-${text}-]`);
    else out.push(elide(part.value, index === 0, index === parts.length - 1, context));
  });
  return out.join('');
}

/** Beyond these a stale block's change is summarized, not diffed word by word. */
export const diffLimits = { maxChars: 50_000, maxEdits: 2_000 };

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Unchanged words: all of them when few, else only those next to the changes around them. */
function elide(tokens: string[], first: boolean, last: boolean, context: number): string {
  if (tokens.length <= context * 2) return tokens.join('');
  const head = first ? '' : tokens.slice(0, context).join('');
  const tail = last ? '' : tokens.slice(-context).join('');
  return `${head}…${tail}`;
}
