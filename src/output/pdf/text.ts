import { XMLParser } from 'fast-xml-parser';
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

/** An element of poppler's XHTML as the parser gives it: attributes by name, children by tag name, text. */
interface Node {
  [name: string]: string | Node[] | undefined;
  '#text'?: string;
}

/** The elements that repeat under their parent: always lists, so a page of one block reads like any other. */
const repeated = new Set(['page', 'flow', 'block', 'line', 'word']);

// Entities are decoded (poppler writes `&amp;`, `&lt;`…); numbers stay strings, and text is kept as it is
// (a word's own spaces, such as a no-break space, are the page's text).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  alwaysCreateTextNode: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => repeated.has(name),
});

const children = (node: Node | undefined, name: string) => (node?.[name] as Node[] | undefined) ?? [];

/** The pages of poppler's XHTML for a PDF: `pdftotext` with `args` (what to write, which pages). */
async function popplerPages(file: string, args: string[]): Promise<Node[]> {
  const xhtml = parser.parse(await poppler('pdftotext', [...args, file, '-'])) as { html?: { body?: { doc?: Node } } };
  return children(xhtml.html?.body?.doc, 'page');
}

/** Each page's words with their boxes, in points from the top left corner (`pdftotext -bbox`), of the pages `range` picks (`-f`, `-l`). */
export async function pdfTextWords(file: string, range: string[] = []): Promise<TextLine[][]> {
  return (await popplerPages(file, [...range, '-bbox'])).map((page) =>
    children(page, 'word').map((word) => ({
      text: word['#text'] ?? '',
      xMin: Number(word.xMin),
      xMax: Number(word.xMax),
      yMin: Number(word.yMin),
      yMax: Number(word.yMax),
    })),
  );
}

/** The text layer of every page of a PDF, line by line with positions (`pdftotext -bbox-layout`). */
export async function pdfTextPages(file: string): Promise<TextPage[]> {
  return (await popplerPages(file, ['-bbox-layout'])).map((page) => ({
    width: Number(page.width),
    height: Number(page.height),
    lines: children(page, 'flow').flatMap((flow) =>
      children(flow, 'block').flatMap((block) =>
        children(block, 'line').map((line) => ({
          text: children(line, 'word').map((word) => word['#text'] ?? '').join(' '),
          xMin: Number(line.xMin),
          xMax: Number(line.xMax),
          yMin: Number(line.yMin),
          yMax: Number(line.yMax),
        })),
      ),
    ),
  }));
}

/** Text as the output checks compare it: Unicode-normalized (ligatures split) and without any whitespace. */
export function squeeze(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}
