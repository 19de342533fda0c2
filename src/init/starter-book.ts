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
  return `# yaml-language-server: $schema=${schemas.book}
# The book's metadata, in both languages, and the order of its chapters. Each chapter is two files with the
# same name: content/ja/NAME.md (the Japanese source) and content/en/NAME.md (its English translation).

# Output file names: ${id}-ja.epub, ${id}-en.pdf, … (lowercase letters, digits and hyphens).
id: ${id}
# A stable identifier each edition's EPUB derives its own from (default urn:bilingual-book:<id>); an ISBN
# URN when the book has one.
# identifier: urn:isbn:9784000000000
title:
  ja: ${yamlString(title.ja)}
  en: ${yamlString(title.en)}
# Shown under the title, and the description when none is given.
# subtitle:
#   ja: 副題
#   en: The subtitle
# What the book is about: the EPUB's and the site's description (default: the subtitle, or else the title).
# description:
#   ja: この本の紹介文です。
#   en: What this book is about.
# Who publishes the book: title page, colophon (奥付) and metadata.
publisher:
  ja: 発行者名
  en: The publisher
# Named after the publisher in bylines and the colophon.
# editor:
#   ja: 編集部
#   en: the editors
# A sponsored book (one someone paid for) must say so: with a sponsor, every page of every output carries
# the advertising disclosure (ステマ規制), and the build refuses a page without it.
# sponsor:
#   ja: 株式会社スポンサー
#   en: Sponsor Inc.
# Keywords: the EPUB's dc:subject and the site's metadata.
subjects:
  ja: [サンプル]
  en: [Sample]
# The rights line of the colophon and the EPUB.
# rights:
#   ja: © 発行者名
#   en: © The publisher
# The publication date (YYYY-MM-DD); without it, the day of the build (or SOURCE_DATE_EPOCH).
date: ${today}
# Where the site will be published, ending in /: sitemap.xml lists the pages' addresses under it, so
# without it no sitemap is written.
# url: https://example.com/${id}/
# The chapters in reading order: a file's name without .md (folders allowed: part-1/intro), or
# { file: NAME, title: { ja: …, en: … } } for a file that has no # heading.
chapters:
${chapters.map((entry) => `  - ${entry}`).join('\n')}
# Printed page sizes, A5, B5 (JIS) or A4: the bilingual edition sets two columns, so it wants more width.
pdf:
  pageSize: A5
  bilingualPageSize: B5
sources:
  # check warns about a source accessed longer ago than this: its figures may be out of date.
  maxAgeYears: 2
`;
}

export function citationsYaml({ today, schemas }: Pick<StarterOptions, 'today' | 'schemas'>): string {
  return `# yaml-language-server: $schema=${schemas.citations}
# The book's sources, by citation key: a chapter cites one as [@key], and gets a note with the full,
# dated reference in its reader's language; the book gets a Sources (出典) page.
jlreq:
  title:
    ja: 日本語組版処理の要件
    en: Requirements for Japanese Text Layout
  # The site or publication the page belongs to (optional).
  container:
    ja: W3C技術ノート
    en: W3C Group Note
  publisher:
    ja: W3C
    en: W3C
  url: https://www.w3.org/TR/jlreq/
  # The day the page was read: the note prints it, and check warns once it is older than sources.maxAgeYears.
  accessed: ${today}
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
