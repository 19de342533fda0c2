import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value`, when it is close enough to be a plausible typo
 * (at most a third of the word changed); otherwise undefined.
 */
export function nearest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(value.length / 3)) ? best : undefined;
}

/** "; did you mean `x`?" or, failing a close match, the list of what is allowed. */
export function suggestion(value: string, candidates: readonly string[]): string {
  const match = nearest(value, candidates);
  if (match) return `; did you mean \`${match}\`?`;
  return candidates.length > 0 ? `; expected one of ${candidates.map((c) => `\`${c}\``).join(', ')}` : '';
}
