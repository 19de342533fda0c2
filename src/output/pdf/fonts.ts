import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The print faces, from the npm packages rather than the system: Debian's Noto CJK (.ttc, CFF outlines)
 * embeds as dozens of Type 3 fonts, while these woff2 files embed as CID TrueType subsets. Every weight the
 * stylesheet asks for must be listed: a missing bold is synthesized, and Chromium prints synthesized glyphs
 * as Type 3 fonts. The families get our own names so a locally installed "Noto Serif JP" never stands in.
 *
 * In Japanese text the Japanese faces come first; the others only fill what they lack, each a family of its own listed after
 * them in the stylesheets (so they never replace a glyph the Japanese face has): Greek, the rest of Latin and
 * Cyrillic ("Extra"), code ("Book Mono"), arrows, technical and mathematical symbols ("Book Symbols", one weight:
 * with `font-synthesis: none` bold text uses it unbolded rather than synthesized). A character none of them
 * covers falls back to a system font; the PDF check then names it. English text (en.css) is set the other way
 * round, in Noto Serif and Noto Sans, faces drawn for Latin text, with an italic for emphasis.
 */
const faces: Array<{ family: string; fontsource: string; weight: number; style?: 'italic' }> = [
  { family: 'Book Serif', fontsource: '@fontsource/noto-serif-jp', weight: 400 },
  { family: 'Book Serif', fontsource: '@fontsource/noto-serif-jp', weight: 700 },
  { family: 'Book Sans', fontsource: '@fontsource/noto-sans-jp', weight: 400 },
  { family: 'Book Sans', fontsource: '@fontsource/noto-sans-jp', weight: 700 },
  { family: 'Book Serif Extra', fontsource: '@fontsource/noto-serif', weight: 400 },
  { family: 'Book Serif Extra', fontsource: '@fontsource/noto-serif', weight: 700 },
  // English emphasis is italic: the English text is set in this face, and a missing italic would print upright.
  { family: 'Book Serif Extra', fontsource: '@fontsource/noto-serif', weight: 400, style: 'italic' },
  { family: 'Book Sans Extra', fontsource: '@fontsource/noto-sans', weight: 400 },
  { family: 'Book Sans Extra', fontsource: '@fontsource/noto-sans', weight: 700 },
  { family: 'Book Mono', fontsource: '@fontsource/noto-sans-mono', weight: 400 },
  { family: 'Book Mono', fontsource: '@fontsource/noto-sans-mono', weight: 700 },
  { family: 'Book Symbols', fontsource: '@fontsource/noto-sans-symbols-2', weight: 400 },
];

function faceCssFile(face: (typeof faces)[number]): string {
  return require.resolve(`${face.fontsource}/${face.weight}${face.style ? `-${face.style}` : ''}.css`);
}

async function faceCss(face: (typeof faces)[number]): Promise<string> {
  return readFile(faceCssFile(face), 'utf8');
}

/** The `@font-face` rules, and every file they name: the print page may load those and nothing else outside its folder. */
export interface FontFaces {
  css: string;
  files: string[];
}

/** `@font-face` rules with `file://` URLs; Chromium loads only the unicode-range subsets the text uses. */
export async function fontFaces(): Promise<FontFaces> {
  const rules: string[] = [];
  for (const face of faces) {
    const cssFile = faceCssFile(face);
    const filesUrl = pathToFileURL(path.join(path.dirname(cssFile), 'files')).href;
    rules.push(
      (await faceCss(face))
        .replace(/font-family: '[^']+'/g, `font-family: '${face.family}'`)
        // The woff fallback is for browsers without woff2; Chromium needs only the first source.
        .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(, url\([^)]+\) format\('woff'\))?/g, `url(${filesUrl}/$1) format('woff2')`),
    );
  }
  const css = rules.join('\n');
  return { css, files: [...css.matchAll(/url\((file:[^)]+)\)/g)].map((match) => match[1]!) };
}

/** The families the margin boxes use, each weight, for loading the subsets their text needs before printing. */
export const loadedFaces = faces.filter((face) => !face.family.startsWith('Book Mono') && !face.style).map((face) => `${face.weight} 12px '${face.family}'`);

/**
 * Whether a code point lies in some face's `unicode-range`: a character outside all of them is set in a
 * system font, which Chromium may print as a Type 3 font. (Inside a range, a face may still lack the glyph.)
 */
export async function coveredByFaces(): Promise<(codePoint: number) => boolean> {
  const ranges: Array<[number, number]> = [];
  for (const face of faces) {
    for (const [, list] of (await faceCss(face)).matchAll(/unicode-range:\s*([^;]+);/g)) {
      for (const part of list!.split(',')) {
        const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-');
        ranges.push([Number.parseInt(from!, 16), Number.parseInt(to!.replace(/^U\+/i, ''), 16)]);
      }
    }
  }
  return (codePoint) => ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
}
