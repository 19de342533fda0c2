import type { ElementContent, Root } from 'hast';
import type { Book } from '../content/book.ts';
import { chapterOutputName } from '../config/chapter-names.ts';
import type { EditionName, Lang } from '../config/schema.ts';
import { buildDate } from '../config/source-date-epoch.ts';
import { bilingualBody } from './bilingual.ts';
import { englishBody } from './translation-notices.ts';

/** A chapter as one edition shows it. */
export interface EditionChapter {
  name: string;
  /** The name of the chapter's page in every output (`<output>.html`, `<output>.xhtml`). */
  output: string;
  /** The chapter's title in each language the edition shows. */
  titles: Partial<Record<Lang, string>>;
  /** The chapter's content, its `h1` title first and its notes last. */
  body: ElementContent[];
}

/** What every output renders: the chapters of one edition, in book order. */
export interface Edition {
  name: EditionName;
  /** The language of the edition's pages (`<html lang>`); the bilingual edition is read as Japanese first. */
  lang: Lang;
  /** The languages shown, in reading order. */
  langs: Lang[];
  chapters: EditionChapter[];
  /** The date the outputs carry as their modification time (see output/build-date.ts). */
  date: Date;
}

/** `date` defaults to the book's own (book.yaml's), as when no `SOURCE_DATE_EPOCH` is given. */
export function buildEdition(book: Book, name: EditionName, date = buildDate(book.config.meta, undefined)): Edition {
  if (name === 'bilingual') {
    return {
      name,
      lang: 'ja',
      langs: ['ja', 'en'],
      date,
      chapters: book.chapters.map((chapter) => ({
        name: chapter.name,
        output: chapterOutputName(chapter.name),
        titles: { ja: chapter.ja.title, en: chapter.en.title },
        body: bilingualBody(book, chapter),
      })),
    };
  }
  return {
    name,
    lang: name,
    langs: [name],
    date,
    chapters: book.chapters.map((chapter) => ({
      name: chapter.name,
      output: chapterOutputName(chapter.name),
      titles: { [name]: chapter[name].title },
      body: name === 'en' ? englishBody(book, chapter) : (withoutBlockIndex(chapter.ja.tree).children as ElementContent[]),
    })),
  };
}

/**
 * The chapter tree's content without the `data-block` marks, without touching the shared tree: only the
 * top-level blocks carry the marks, so only they are copied. Whatever changes content deeper (the EPUB's
 * and the PDF's adaptations) copies it first.
 */
export function withoutBlockIndex(tree: Root): Root {
  return {
    ...tree,
    children: tree.children.map((node) => {
      if (node.type !== 'element' || node.properties.dataBlock === undefined) return node;
      const { dataBlock: _mark, ...properties } = node.properties;
      return { ...node, properties };
    }),
  };
}

/** The title of a chapter as one line: both languages in the bilingual edition. */
export function chapterTitle(chapter: EditionChapter, edition: Edition): string {
  return edition.langs.map((lang) => chapter.titles[lang] ?? chapter.name).join(' / ');
}
