import { statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { derivedKey, readDerived, writeDerived } from '../../cache/derived.ts';
import type { Element } from 'xast';
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { EditionName, Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureParts } from '../../editions/matter.ts';
import { renderCover } from '../book-cover.ts';

/** The size link previews ask for (1.91:1). */
export const cardSize = { width: 1200, height: 630 };

/** Where an edition's card is, from the site root. */
export function cardFile(edition: EditionName): string {
  return `assets/card-${edition}.png`;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The fonts the EPUB cover is drawn with (Debian's fonts-noto-cjk), which renderCover has checked exist. */
const fontFiles = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];

/**
 * The card a shared link shows: the edition's EPUB cover (drawn by the EPUB's own code, title and disclosure
 * on it) at the left, and beside it the title and the disclosure again at a size a feed's thumbnail keeps
 * legible: a preview of a sponsored book must say it is advertising where it is seen.
 */
export async function renderCard(edition: Edition): Promise<Buffer> {
  const cover = renderCover(edition);
  const { width, height } = cardSize;
  const coverHeight = height - 80;
  const coverWidth = Math.round((coverHeight * 1600) / 2560);
  const left = 40 + coverWidth + 56;
  const textWidth = width - left - 56;
  const parts: Element[] = [];
  let y = 110;
  for (const lang of edition.langs) {
    const size = edition.langs.length > 1 ? 46 : 58;
    for (const line of lines(edition.meta.title[lang], lang, size, textWidth).slice(0, 2)) {
      parts.push(text(line, left, y, size, 700, '#1d2a3a', lang));
      y += size * 1.3;
    }
    y += 16;
  }
  if (edition.sponsored) {
    let bottom = height - 56;
    const blocks = edition.langs.map((lang) => ({ lang, ...disclosureParts(edition, lang) })).reverse();
    const drawn: Element[] = [];
    for (const block of blocks) {
      const sentence = lines(block.text, block.lang, 26, textWidth - 40);
      for (const line of [...sentence].reverse()) {
        drawn.push(text(line, left + 20, bottom, 26, 400, '#2b2b2b', block.lang));
        bottom -= 36;
      }
      drawn.push(text(block.label, left + 20, bottom, 28, 700, '#5a3e00', block.lang));
      bottom -= 52;
    }
    parts.push(x('rect', { x: left, y: bottom + 8, width: textWidth, height: height - 30 - bottom - 8, rx: 10, fill: '#fff4d6', stroke: '#c99a1e', 'stroke-width': 3 }), ...drawn);
  }
  const svg = x('svg', { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink', width, height, viewBox: `0 0 ${width} ${height}` }, [
    x('rect', { width, height, fill: '#f6f1e4' }),
    x('rect', { width, height: 14, fill: '#0b5c8a' }),
    x('image', { x: 40, y: 40, width: coverWidth, height: coverHeight, href: `data:image/png;base64,${cover.png.toString('base64')}` }),
    x('rect', { x: 40, y: 40, width: coverWidth, height: coverHeight, fill: 'none', stroke: '#b9ae93', 'stroke-width': 2 }),
    ...parts,
  ]);
  return drawn(edition, toXml(svg));
}

/** Drawing takes resvg a second or more (it loads the CJK font collections): the PNG is kept in the book's cache, keyed by the SVG and the fonts. */
function drawn(edition: Edition, svg: string): Buffer {
  const fonts = fontFiles.map((file) => [file, statSync(file).size, statSync(file).mtimeMs]);
  const name = `${edition.name}-${derivedKey(edition.cache, 'card', svg, fonts)}.png`;
  const kept = readDerived(edition.cache, 'cards', name);
  if (kept?.subarray(0, 8).equals(pngSignature)) return kept;
  const png = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans CJK JP' }, fitTo: { mode: 'original' } }).render().asPng();
  writeDerived(edition.cache, 'cards', name, png, (other) => other.startsWith(`${edition.name}-`));
  return png;
}

function text(value: string, left: number, baseline: number, size: number, weight: number, fill: string, lang: Lang): Element {
  return x('text', { x: left, y: Math.round(baseline), 'font-family': 'Noto Sans CJK JP', 'font-size': size, 'font-weight': weight, fill, 'xml:lang': lang }, value);
}

/** Lines of at most `maxWidth`, broken between words as Intl.Segmenter finds them (between any two Japanese characters' words). */
function lines(value: string, lang: Lang, size: number, maxWidth: number): string[] {
  const advance = (char: string) => (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? size : /[A-Z]/.test(char) ? size * 0.68 : size * 0.55);
  const widthOf = (part: string) => [...part].reduce((sum, char) => sum + advance(char), 0);
  const result: string[] = [];
  let line = '';
  for (const { segment } of new Intl.Segmenter(lang, { granularity: 'word' }).segment(value)) {
    if (line.trim() !== '' && widthOf(line + segment) > maxWidth && !/^[、。，．）」』\s]/.test(segment)) {
      result.push(line.trimEnd());
      line = segment.trimStart();
    } else line += segment;
  }
  if (line.trim() !== '') result.push(line.trimEnd());
  return result;
}
