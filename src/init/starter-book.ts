import { bookKeyNotes, commentLines, sourceKeyNotes } from './key-notes.ts';

/**
 * The files `bilingual-book init` writes: a book that builds at once, whose comments say what each key of
 * `book.yaml` does, so that a new author edits a working book rather than writing one from the README.
 */

export interface StarterOptions {
  /** The book's `id` (output file names). */
  id: string;
  /** Its title in both languages. */
  title: { ja: string; en: string };
  /** The chapters' entries, as `book.yaml` lists them (YAML text after `- `). */
  chapters: string[];
  /** Today, `YYYY-MM-DD`: the book's date and the example source's access date. */
  today: string;
  /** `# yaml-language-server: $schema=…` lines' targets, relative to `content/`. */
  schemas: { book: string; citations: string };
}

/** A YAML string that stays one scalar whatever it holds. */
export const yamlString = (value: string): string => JSON.stringify(value);

export function bookYaml({ id, title, chapters, today, schemas }: StarterOptions): string {
  const note = (key: string, indent = '') => commentLines(bookKeyNotes[key]!, indent);
  return `# yaml-language-server: $schema=${schemas.book}
# The book's metadata, in both languages, and the order of its chapters. Each chapter is two files with the
# same name: content/ja/NAME.md (the Japanese source) and content/en/NAME.md (its English translation).
# The keys commented out are optional: remove the # to use one.

${note('id')}
id: ${id}
${note('identifier')}
# identifier: urn:isbn:9784000000000
${note('title')}
title:
  ja: ${yamlString(title.ja)}
  en: ${yamlString(title.en)}
${note('subtitle')}
# subtitle:
#   ja: 副題
#   en: The subtitle
${note('description')}
# description:
#   ja: この本の紹介文です。
#   en: What this book is about.
${note('publisher')}
publisher:
  ja: 発行者名
  en: The publisher
${note('editor')}
# editor:
#   ja: 編集部
#   en: the editors
${note('sponsor')}
# sponsor:
#   ja: 株式会社スポンサー
#   en: Sponsor Inc.
${note('subjects')}
subjects:
  ja: [サンプル]
  en: [Sample]
${note('rights')}
# rights:
#   ja: © 発行者名
#   en: © The publisher
${note('date')}
date: ${today}
${note('url')}
# url: https://example.com/${id}/
${note('writingMode')}
# writingMode: vertical
${note('readings')}
# readings:
${note('readings.title', '#   ')}
#   title: タイトルノヨミ
${note('readings.publisher', '#   ')}
#   publisher: ハッコウシャ
${note('readings.editor', '#   ')}
#   editor: ヘンシュウブ
${note('readings.sponsor', '#   ')}
#   sponsor: スポンサー
${note('chapters')}
chapters:
${chapters.map((entry) => `  - ${entry}`).join('\n')}
${note('pdf')}
pdf:
${note('pdf.pageSize', '  ')}
  pageSize: A5
${note('pdf.bilingualPageSize', '  ')}
  bilingualPageSize: B5
${note('pdf.bleed', '  ')}
  # bleed: 3mm
${note('pdf.pageCountMultiple', '  ')}
  # pageCountMultiple: 4
${note('sources')}
sources:
${note('sources.maxAgeYears', '  ')}
  maxAgeYears: 2
`;
}

export function citationsYaml({ today, schemas }: Pick<StarterOptions, 'today' | 'schemas'>): string {
  const note = (key: string) => commentLines(sourceKeyNotes[key]!, '  ');
  return `# yaml-language-server: $schema=${schemas.citations}
# The book's sources, by citation key: a chapter cites one as [@key], and gets a note with the full,
# dated reference in its reader's language; the book gets a Sources (出典) page. container, url and
# asOf may be left out.
jlreq:
${note('title')}
  title:
    ja: 日本語組版処理の要件
    en: Requirements for Japanese Text Layout
${note('container')}
  container:
    ja: W3C技術ノート
    en: W3C Group Note
${note('publisher')}
  publisher:
    ja: W3C
    en: W3C
${note('url')}
  url: https://www.w3.org/TR/jlreq/
${note('accessed')}
  accessed: ${today}
${note('asOf')}
  # asOf: ${today}
${note('ageAcknowledged')}
  # ageAcknowledged:
${note('ageAcknowledged.reason').replace(/^ {2}#/gm, '  #   #')}
  #   reason: The figures are dated in the text.
${note('ageAcknowledged.until').replace(/^ {2}#/gm, '  #   #')}
  #   until: ${today}
`;
}

export const starterChapter = {
  name: '01-introduction',
  ja: `# はじめに

これは bilingual-book で作る本の最初の章です。この段落を書き換えて、本を書き始めてください。

## 書き方

- 章は \`content/ja/\` に日本語で書き、その英訳を \`content/en/\` に同じファイル名で置きます。
- 章の順番は \`content/book.yaml\` の \`chapters\` に並べます。
- 出典は \`content/citations.yaml\` に書き、本文から引用します[@jlreq]。
`,
  en: `# Introduction

This is the first chapter of a book made with bilingual-book. Rewrite this paragraph to start your book.

## How to write

- Write each chapter in Japanese in \`content/ja/\`, and put its English translation in \`content/en/\` under the same file name.
- List the chapters in reading order under \`chapters\` in \`content/book.yaml\`.
- Keep the sources in \`content/citations.yaml\`, and cite them in the text[@jlreq].
`,
};

/** What a book folder's repository should not keep: the outputs and the build's cache. */
export const gitignore = `# Written by bilingual-book build, and its cache.
dist/
.cache/
`;
