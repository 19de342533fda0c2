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
 */
const faces = [
  { family: 'Book Serif', fontsource: '@fontsource/noto-serif-jp', weight: 400 },
  { family: 'Book Serif', fontsource: '@fontsource/noto-serif-jp', weight: 700 },
  { family: 'Book Sans', fontsource: '@fontsource/noto-sans-jp', weight: 400 },
  { family: 'Book Sans', fontsource: '@fontsource/noto-sans-jp', weight: 700 },
];

/** The `@font-face` rules, and every file they name: the print page may load those and nothing else outside its folder. */
export interface FontFaces {
  css: string;
  files: string[];
}

/** `@font-face` rules with `file://` URLs; Chromium loads only the unicode-range subsets the text uses. */
export async function fontFaces(): Promise<FontFaces> {
  const rules: string[] = [];
  for (const face of faces) {
    const cssFile = require.resolve(`${face.fontsource}/${face.weight}.css`);
    const filesUrl = pathToFileURL(path.join(path.dirname(cssFile), 'files')).href;
    const css = await readFile(cssFile, 'utf8');
    rules.push(
      css
        .replace(/font-family: '[^']+'/g, `font-family: '${face.family}'`)
        // The woff fallback is for browsers without woff2; Chromium needs only the first source.
        .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(, url\([^)]+\) format\('woff'\))?/g, `url(${filesUrl}/$1) format('woff2')`),
    );
  }
  const css = rules.join('\n');
  return { css, files: [...css.matchAll(/url\((file:[^)]+)\)/g)].map((match) => match[1]!) };
}

/** Every family and weight above, for loading the subsets the margin boxes' text needs before printing. */
export const loadedFaces = faces.map((face) => `${face.weight} 12px '${face.family}'`);
