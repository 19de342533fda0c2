/**
 * Text as a reader sees it: format characters (zero-width spaces and joiners, soft hyphens, bidi
 * controls), blank fillers (Hangul fillers, the braille blank) and runs of space collapsed. A disclosure
 * made only of these is empty, however long its string.
 */
export function visibleText(text: string): string {
  return text.replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu, '').replace(/\s+/g, ' ').trim();
}
