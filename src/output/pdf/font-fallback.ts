import type { VFile } from 'vfile';
import { report, ruleIds } from '../../diagnostics.ts';
import { coveredByFaces } from './fonts.ts';
import { poppler } from './poppler.ts';
import type { TextPage } from './text.ts';

/** How many characters and pages a message names before it says "and N more". */
const shownLimit = 8;

/**
 * Warns when a PDF holds a Type 3 font. Our faces embed as CID TrueType; a Type 3 font means Chromium set some
 * text in a system font (a character none of our faces covers) or synthesized a weight or style they lack.
 * Prepress checks flag Type 3 fonts, so the message names the characters and the pages that need a face.
 */
export async function checkFontFallback(pdfFile: string, name: string, pages: TextPage[], file: VFile): Promise<void> {
  const type3 = type3Fonts(await poppler('pdffonts', [pdfFile]));
  if (type3.length === 0) return;
  const covered = await coveredByFaces();
  const missing = new Map<number, Set<number>>();
  pages.forEach((page, index) => {
    for (const line of page.lines) {
      for (const character of line.text) {
        const codePoint = character.codePointAt(0)!;
        if (codePoint <= 0x20 || covered(codePoint)) continue;
        const on = missing.get(codePoint) ?? new Set<number>();
        on.add(index + 1);
        missing.set(codePoint, on);
      }
    }
  });
  const fonts = `${type3.length === 1 ? 'a Type 3 font' : `${type3.length} Type 3 fonts`} (${type3.slice(0, shownLimit).join(', ')})`;
  if (missing.size === 0) {
    report(file, `${name} holds ${fonts}: some text asks for a weight or style the book's faces lack (only 400 and 700, upright), so Chromium synthesized it`, {
      ruleId: ruleIds.fontFallback,
      severity: 'warning',
    });
    return;
  }
  const characters = [...missing.entries()].slice(0, shownLimit).map(([codePoint, on]) => {
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    return `“${String.fromCodePoint(codePoint)}” (U+${hex}, page ${[...on].slice(0, 3).join(', ')}${on.size > 3 ? '…' : ''})`;
  });
  const more = missing.size > shownLimit ? ` and ${missing.size - shownLimit} more` : '';
  report(file, `${name} holds ${fonts}: no face of the book covers ${characters.join(', ')}${more}, so a system font stood in; use another character or add a face for it`, {
    ruleId: ruleIds.fontFallback,
    severity: 'warning',
  });
}

/** The names of the Type 3 fonts in `pdffonts` output (one font a row after two header rows). */
export function type3Fonts(listing: string): string[] {
  return listing
    .split('\n')
    .slice(2)
    .filter((row) => / Type 3 /.test(row))
    .map((row) => row.split(/\s+/)[0] ?? '')
    .filter((font, index, all) => all.indexOf(font) === index);
}
