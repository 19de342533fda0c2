import { existsSync, statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Lang } from '../../config/schema.ts';
import type { CacheStore } from '../../cache/store.ts';
import { derivedKey, readDerived, writeDerived } from '../../cache/derived.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureParts, disclosureRequired } from '../../editions/matter.ts';
import { escapeHtml } from '../template.ts';

/** Debian's fonts-noto-cjk: the cover is drawn with these files only, so it looks the same on every machine. */
const coverFonts = [
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const width = 1600;
const height = 2560;

export interface Cover {
  png: Buffer;
  /** The cover's text alternative: title and disclosure, as drawn. */
  alt: string;
}

/** The edition's cover, drawn from the metadata: title, subtitle, publisher and the advertising disclosure. */
export function renderCover(edition: Edition): Cover {
  const missing = coverFonts.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The EPUB cover needs Debian's Noto CJK fonts (${missing.join(', ')}): install them with \`apt-get install -y fonts-noto-cjk\``);
  }
  const { meta } = edition;
  const parts: string[] = [];
  let y = 640;
  for (const lang of edition.langs) {
    const size = lang === 'ja' ? 124 : 104;
    for (const line of wrap(meta.title[lang], size, width - 320)) {
      parts.push(text(line, 160, y, size, 'Noto Serif CJK JP', 700, '#1d2a3a', lang));
      y += size * 1.35;
    }
    y += 40;
  }
  y += 40;
  for (const lang of edition.langs) {
    if (!meta.subtitle) break;
    for (const line of wrap(meta.subtitle[lang], 54, width - 320)) {
      parts.push(text(line, 160, y, 54, 'Noto Sans CJK JP', 400, '#3b4754', lang));
      y += 54 * 1.5;
    }
    y += 24;
  }
  // The disclosure sits on the cover itself, laid out from the bottom up: a store's thumbnail must not hide that this is advertising.
  const blocks = (edition.sponsored ? edition.langs : []).map((lang) => {
    const { label, text: sentence } = disclosureParts(edition, lang);
    const labelWidth = lang === 'ja' ? 110 : 250;
    return { lang, label, sentence, labelWidth, lines: wrap(sentence, 40, width - 360 - labelWidth) };
  });
  const boxHeight = blocks.reduce((sum, block) => sum + block.lines.length * 58 + 30, 30);
  const boxTop = height - 120 - boxHeight;
  const disclosure: string[] = [];
  let lineY = boxTop + 76;
  for (const block of blocks) {
    disclosure.push(`<rect x="160" y="${lineY - 46}" width="${block.labelWidth}" height="62" rx="8" fill="#fff" stroke="#9a6b00" stroke-width="4"/>`);
    disclosure.push(text(block.label, 180, lineY, 40, 'Noto Sans CJK JP', 700, '#5a3e00', block.lang));
    for (const line of block.lines) {
      disclosure.push(text(line, 200 + block.labelWidth, lineY, 40, 'Noto Sans CJK JP', 400, '#2b2b2b', block.lang));
      lineY += 58;
    }
    lineY += 30;
  }
  const altParts = blocks.map((block) => `${block.label}: ${block.sentence}`);
  const publisher = edition.langs.map((lang) => meta.publisher[lang]).join(' / ');
  parts.push(text(publisher, 160, boxTop - 90, 56, 'Noto Sans CJK JP', 700, '#1d2a3a', edition.lang));

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="#f6f1e4"/>
<rect x="0" y="0" width="${width}" height="36" fill="#0b5c8a"/>
<rect x="120" y="420" width="12" height="${Math.max(400, y - 420)}" fill="#0b5c8a"/>
${blocks.length > 0 ? `<rect x="100" y="${boxTop}" width="${width - 200}" height="${boxHeight}" fill="#fff4d6" stroke="#c99a1e" stroke-width="4" rx="12"/>\n` : ''}${parts.join('\n')}
${disclosure.join('\n')}
</svg>`;
  const png = drawn(edition.cache, edition.name, svg);
  const alt = [edition.langs.map((lang) => meta.title[lang]).join(' / '), ...(altParts.length > 0 ? [altParts.join(' ')] : [])].join(' — ');
  return { png, alt };
}

/**
 * Drawing the cover takes resvg about half a second (it loads three CJK font collections), so the PNG is
 * kept in the book's cache, keyed by the SVG and the font files.
 */
function drawn(store: CacheStore, edition: string, svg: string): Buffer {
  const fonts = coverFonts.map((file) => {
    const stat = statSync(file);
    return [file, stat.size, stat.mtimeMs];
  });
  const name = `${edition}-${derivedKey(store, 'cover', svg, fonts)}.png`;
  const kept = readDerived(store, 'covers', name);
  if (kept?.subarray(0, 8).equals(pngSignature)) return kept;
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: coverFonts, defaultFontFamily: 'Noto Sans CJK JP' },
    fitTo: { mode: 'original' },
  })
    .render()
    .asPng();
  writeDerived(store, 'covers', name, png, (other) => other.startsWith(`${edition}-`));
  return png;
}

function text(value: string, x: number, y: number, size: number, family: string, weight: number, fill: string, lang: Lang): string {
  return `<text x="${x}" y="${Math.round(y)}" font-family="${family}" font-size="${size}" font-weight="${weight}" fill="${fill}" xml:lang="${lang}">${escapeHtml(value)}</text>`;
}

/**
 * Greedy line breaking by estimated advance widths (CJK full width, Latin about half), breaking
 * Latin text at spaces and Japanese text between any two characters except before closing punctuation.
 */
export function wrap(value: string, size: number, maxWidth: number): string[] {
  const advance = (char: string) => (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? size : /[A-Z]/.test(char) ? size * 0.68 : size * 0.55);
  const tokens = value.match(/[A-Za-z0-9'’.,:;!?()&+\-–—/]+\s*|\s+|[^\s]/g) ?? [value];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const token of tokens) {
    const tokenWidth = [...token].reduce((sum, char) => sum + advance(char), 0);
    const closing = /^[、。，．・：；？！）」』】〕ー]/.test(token);
    if (line && lineWidth + tokenWidth > maxWidth && !closing) {
      lines.push(line.trimEnd());
      line = token.trimStart();
      lineWidth = [...line].reduce((sum, char) => sum + advance(char), 0);
    } else {
      line += token;
      lineWidth += tokenWidth;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
