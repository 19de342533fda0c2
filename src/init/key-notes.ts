/**
 * What each key of `book.yaml` and `citations.yaml` does, said once: the comments of the files `init`
 * writes, and the descriptions an editor shows from the JSON Schema (json-schema.ts). A key the loader's
 * schema gains needs a note here too (test/init.test.ts checks the starter book shows every key).
 */
export const bookKeyNotes: Record<string, string> = {
  id: 'Output file names: <id>-ja.epub, <id>-en.pdf, … (lowercase letters, digits and hyphens).',
  identifier: "A stable identifier each edition's EPUB derives its own from (default urn:bilingual-book:<id>); an ISBN URN when the book has one.",
  title: 'The title, in Japanese and in English.',
  subtitle: 'Shown under the title, and the description when none is given.',
  description: "What the book is about: the EPUB's and the site's description (default: the subtitle, or else the title).",
  publisher: 'Who publishes the book: the title page, the colophon (奥付) and the metadata name it.',
  editor: 'Named after the publisher in bylines and the colophon.',
  sponsor:
    'Who paid for the book. A sponsored book must say so: every page of every output carries the advertising disclosure (ステマ規制), and the build refuses a page without it.',
  subjects: "Keywords: the EPUB's dc:subject and the PDF's keywords.",
  rights: 'The rights line of the colophon and the EPUB.',
  date: 'The publication date (YYYY-MM-DD); without it, the day of the build (or SOURCE_DATE_EPOCH).',
  url: "Where the site will be published, ending in /: sitemap.xml lists the pages' addresses under it, so without it no sitemap is written.",
  writingMode: "How the Japanese edition's text runs: vertical (縦書き) sets its EPUB and PDF top to bottom, right to left; horizontal (横書き, the default) suits books full of code, tables and Latin. The English stays horizontal.",
  readings: 'How the Japanese title and names are read, in katakana, for e-book shelves that sort by reading (EPUB file-as).',
  'readings.title': "The title's reading (タイトルのヨミ).",
  'readings.publisher': "The publisher's reading.",
  'readings.editor': "The editor's reading.",
  'readings.sponsor': "The sponsor's reading.",
  chapters: "The chapters in reading order: a file's name without .md (folders allowed: part-1/intro), or { file: NAME, title: { ja: …, en: … } } for a file that has no # heading.",
  pdf: 'Printed page sizes, A5, B5 (JIS) or A4: the bilingual edition sets two columns, so it wants more width.',
  'pdf.pageSize': 'The Japanese and English editions\' page size (A5, a Japanese paperback).',
  'pdf.bilingualPageSize': 'The bilingual edition\'s page size (B5, for its two columns).',
  'pdf.bleed': 'For a print shop: the bleed beyond the trim (3mm is usual in Japan), with crop marks and the TrimBox and BleedBox set. Leave it out for a PDF read on screen.',
  'pdf.pageCountMultiple': 'Blank pages before the colophon until the page count is a multiple of this (4 for signatures of 4 pages).',
  sources: 'How the sources are checked.',
  'sources.maxAgeYears': 'check warns about a source accessed longer ago than this many years: its figures may be out of date.',
};

export const sourceKeyNotes: Record<string, string> = {
  title: "The source's title, in Japanese and in English.",
  container: 'The site or publication the page belongs to.',
  publisher: 'Who published it.',
  url: 'Its address.',
  accessed: 'The day it was read (調査時点, YYYY-MM-DD): the note prints it, and check warns once it is older than sources.maxAgeYears.',
  asOf: 'The date the source gives its figures as of (時点), which is not when anyone read it; a source needs accessed or asOf.',
  ageAcknowledged: 'A decision to keep the figures past sources.maxAgeYears: check stops warning until the review date.',
  'ageAcknowledged.reason': 'Why the figures stay as they are; for the editors, never printed.',
  'ageAcknowledged.until': 'When to look again (YYYY-MM-DD): then check warns again.',
};

/** A note as YAML comment lines, wrapped before `width` columns, indented like its key. */
export function commentLines(note: string, indent = '', width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const word of note.split(' ')) {
    if (line !== '' && indent.length + 2 + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((text) => `${indent}# ${text}`).join('\n');
}
