import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { poppler } from '../render/pdf-poppler.ts';

/** Enough to draw a 6 pt glyph's strokes at full ink: at 72 dpi they blur into a grey that reads as faint. */
const dpi = 150;

/** A box on a page, in points from the top left corner. */
export interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The contrast between the darkest and the lightest pixel of each box, as poppler draws the page: ink on
 * paper, whatever colours and layers made it. Only the band `fromY`–`toY` (points) of each page is drawn.
 * `boxes[page]` lists the boxes of one page (from 0); the answer has one ratio a box.
 */
export async function inkContrast(file: string, band: { fromY: number; toY: number; width: number }, boxes: Box[][]): Promise<number[][]> {
  const px = (points: number) => Math.round((points * dpi) / 72);
  const dir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-foot-'));
  try {
    const top = px(band.fromY);
    await poppler('pdftoppm', ['-gray', '-r', String(dpi), '-x', '0', '-y', String(top), '-W', String(px(band.width)), '-H', String(px(band.toY) - top), file, path.join(dir, 'page')]);
    // pdftoppm numbers the files with as many digits as the last page needs: sorted by name, they are in order.
    const images = (await readdir(dir)).filter((name) => name.endsWith('.pgm')).sort();
    return Promise.all(
      boxes.map(async (pageBoxes, index) => {
        const name = images[index];
        if (!name) return pageBoxes.map(() => 1);
        const image = parsePgm(await readFile(path.join(dir, name)));
        return pageBoxes.map((box) => contrastIn(image, { xMin: px(box.xMin), xMax: px(box.xMax), yMin: px(box.yMin) - top, yMax: px(box.yMax) - top }));
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary greymap (P5, 8 bits), as `pdftoppm -gray` writes it. */
function parsePgm(data: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm wrote an image that is not an 8-bit greymap');
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

function contrastIn(image: Gray, box: Box): number {
  let darkest = 255;
  let lightest = 0;
  for (let y = Math.max(0, box.yMin); y < Math.min(image.height, box.yMax); y++) {
    for (let x = Math.max(0, box.xMin); x < Math.min(image.width, box.xMax); x++) {
      const value = image.pixels[y * image.width + x] ?? 255;
      if (value < darkest) darkest = value;
      if (value > lightest) lightest = value;
    }
  }
  if (darkest > lightest) return 1;
  return (luminance(lightest) + 0.05) / (luminance(darkest) + 0.05);
}

/** WCAG's relative luminance of an sRGB grey. */
function luminance(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
