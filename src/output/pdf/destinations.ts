import { poppler } from './poppler.ts';

/**
 * The page (from 1) of each named destination of a PDF. Chromium writes one for every element an internal
 * link points to, under the element's id, which is how a first printing tells where each heading landed:
 * Chromium has no `target-counter()`.
 */
export async function namedDestinations(file: string): Promise<Map<string, number>> {
  const pages = new Map<string, number>();
  for (const line of (await poppler('pdfinfo', ['-dests', file])).split('\n')) {
    const match = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (match) pages.set(match[2]!, Number(match[1]));
  }
  return pages;
}
