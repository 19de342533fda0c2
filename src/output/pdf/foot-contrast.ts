import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { poppler } from './poppler.ts';

/** Enough to draw a 6 pt glyph's strokes at full ink: at 72 dpi they blur into a grey that reads as faint. */
const dpi = 150;

/** A box on a page, in points from the top left corner. */
export interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The same horizontal band of every page, drawn in grey as poppler draws the page: ink on paper. */
export interface Band {
  /** Points from the top of the page. */
  fromY: number;
  images: Gray[];
}

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const px = (points: number) => Math.round((points * dpi) / 72);

/** Draws the band `fromY`–`toY` (points) of every page of a PDF; only that band is drawn. */
export async function drawBand(file: string, band: { fromY: number; toY: number; width: number }): Promise<Band> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-foot-'));
  try {
    const top = px(band.fromY);
    await poppler('pdftoppm', ['-gray', '-r', String(dpi), '-x', '0', '-y', String(top), '-W', String(px(band.width)), '-H', String(px(band.toY) - top), file, path.join(dir, 'page')]);
    // pdftoppm numbers the files with as many digits as the last page needs: sorted by name, they are in order.
    const names = (await readdir(dir)).filter((name) => name.endsWith('.pgm')).sort();
    return { fromY: band.fromY, images: await Promise.all(names.map(async (name) => parsePgm(await readFile(path.join(dir, name))))) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The contrast between the darkest and the lightest pixel of a box of page `page` (from 0) in the band, by WCAG's
 * formula: whatever colours, layers and covers made the page, what a reader sees. 1 where nothing was drawn.
 */
export function inkContrast(band: Band, page: number, box: Box): number {
  const image = band.images[page];
  if (!image) return 1;
  const top = px(band.fromY);
  let darkest = 255;
  let lightest = 0;
  for (let y = Math.max(0, px(box.yMin) - top); y < Math.min(image.height, px(box.yMax) - top); y++) {
    for (let x = Math.max(0, px(box.xMin)); x < Math.min(image.width, px(box.xMax)); x++) {
      const value = image.pixels[y * image.width + x] ?? 255;
      if (value < darkest) darkest = value;
      if (value > lightest) lightest = value;
    }
  }
  if (darkest > lightest) return 1;
  return (luminance(lightest) + 0.05) / (luminance(darkest) + 0.05);
}

/** A binary greymap (P5, 8 bits), as `pdftoppm -gray` writes it. */
function parsePgm(data: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm wrote an image that is not an 8-bit greymap');
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

/** WCAG's relative luminance of an sRGB grey. */
function luminance(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
