import { editionTitle } from '../../editions/edition.ts';
import { existsSync, statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { CacheStore } from '../../cache/store.ts';
import { derivedKey, readDerived, writeDerived } from '../../cache/derived.ts';
import type { Edition } from '../../editions/edition.ts';
import { disclosureParts } from '../../editions/matter.ts';
import { coverSvg } from './cover-svg.ts';

/** Debian's fonts-noto-cjk: the cover is drawn with these files only, so it looks the same on every machine. */
const coverFonts = [
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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
  const disclosures = (edition.sponsored ? edition.langs : []).map((lang) => {
    const { label, text } = disclosureParts(edition, lang);
    return { lang, label, sentence: text };
  });
  const svg = coverSvg({
    langs: edition.langs,
    lang: edition.lang,
    title: meta.title,
    subtitle: meta.subtitle,
    publisher: edition.langs.map((lang) => meta.publisher[lang]).join(' / '),
    disclosures,
  });
  const png = drawn(edition.cache, edition.name, svg);
  const altParts = disclosures.map((disclosure) => `${disclosure.label}: ${disclosure.sentence}`);
  const alt = [editionTitle(edition), ...(altParts.length > 0 ? [altParts.join(' ')] : [])].join(' — ');
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
