import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value`, when it is close enough to be a plausible typo
 * (a few letters changed); otherwise undefined.
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
  // Short words allow one edit, so `fr` does not suggest `ja`; from three letters on, a transposition (two edits) is fine.
  const allowed = value.length <= 2 ? 1 : Math.max(2, Math.ceil(value.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** "; did you mean `x`?" or, failing a close match, the list of what is allowed. */
export function suggestion(value: string, candidates: readonly string[]): string {
  const match = nearest(value, candidates);
  if (match) return `; did you mean \`${match}\`?`;
  return candidates.length > 0 ? `; expected one of ${candidates.map((c) => `\`${c}\``).join(', ')}` : '';
}
