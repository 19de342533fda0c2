import { poppler } from './poppler.ts';

/** One line of text as poppler reads it off a page, with where it is, in points from the top left corner. */
export interface TextLine {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface TextPage {
  /** Points. */
  width: number;
  height: number;
  /** In poppler's reading order: block by block (a paragraph stays together), line by line. */
  lines: TextLine[];
}

/** The text layer of every page of a PDF, line by line with positions (`pdftotext -bbox-layout`). */
export async function pdfTextPages(file: string): Promise<TextPage[]> {
  const xhtml = await poppler('pdftotext', ['-bbox-layout', file, '-']);
  const pages: TextPage[] = [];
  for (const page of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: TextLine[] = [];
    for (const line of page[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((word) => decodeEntities(word[1]!));
      lines.push({ text: words.join(' '), xMin: Number(line[1]), xMax: Number(line[3]), yMin: Number(line[2]), yMax: Number(line[4]) });
    }
    pages.push({ width: Number(page[1]), height: Number(page[2]), lines });
  }
  return pages;
}

/** Text as the output checks compare it: Unicode-normalized (ligatures split) and without any whitespace. */
export function squeeze(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([\da-f]+));/gi, (whole, name: string, decimal?: string, hex?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });
}
