import type { Edition } from '../../editions/edition.ts';

/**
 * Trim sizes in millimetres. B5 is the Japanese (JIS) B5 of Japanese books and magazines, 182 × 257 mm,
 * not ISO B5 (176 × 250 mm), which is what CSS `size: B5` would give.
 */
const pageSizes = {
  A5: { width: 148, height: 210 },
  B5: { width: 182, height: 257 },
  A4: { width: 210, height: 297 },
} as const;

export type PageSizeName = keyof typeof pageSizes;

/** Everything about the printed page that both the renderer and the output check must agree on. */
export interface PageGeometry {
  size: PageSizeName;
  width: number;
  height: number;
  /** Millimetres. `inner` is the binding side (left on right-hand pages). */
  margin: { top: number; bottom: number; inner: number; outer: number };
  /** The body text size in points; the other sizes of the print stylesheet follow it. */
  fontSize: number;
}

/**
 * Margins and text size per trim size. The top margin holds the running head and the bottom one the
 * page number and the sponsor disclosure (two lines in the bilingual edition), so they are the deeper ones.
 * Change these only together with a look at every page: they set the line length.
 */
const layouts: Record<PageSizeName, Omit<PageGeometry, 'size' | 'width' | 'height'>> = {
  A5: { margin: { top: 17, bottom: 20, inner: 17, outer: 14 }, fontSize: 9.5 },
  B5: { margin: { top: 18, bottom: 22, inner: 18, outer: 15 }, fontSize: 9.5 },
  A4: { margin: { top: 20, bottom: 24, inner: 20, outer: 17 }, fontSize: 10.5 },
};

/** The page an edition is printed on: `pdf.pageSize` (A5, the Japanese paperback size, by default), or for the
 * bilingual edition, whose two columns need the width, `pdf.bilingualPageSize` (B5 by default). */
export function pageGeometry(edition: Edition): PageGeometry {
  // The schema of book.yaml allowed only these names and filled in the defaults.
  const { pageSize, bilingualPageSize } = edition.meta.pdf;
  const size: PageSizeName = edition.name === 'bilingual' ? bilingualPageSize : pageSize;
  return { size, ...pageSizes[size], ...layouts[size] };
}

export const pointsPerMm = 72 / 25.4;
