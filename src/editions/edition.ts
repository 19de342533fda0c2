import type { ElementContent, Root } from 'hast';
import type { CacheStore } from '../cache/store.ts';
import { chapterOutputName } from '../config/chapter-names.ts';
import type { BookMeta, EditionName, Lang, Source } from '../config/schema.ts';
import { buildDate } from '../config/source-date-epoch.ts';
import { type Book, bookImages } from '../content/book.ts';
import type { Chapter } from '../content/compile-chapters.ts';
import type { Translators } from '../i18n/create-i18n.ts';
import type { BookImage } from '../pipeline/remark-images.ts';
import { bilingualBody } from './bilingual.ts';
import { englishBody } from './translation-notices.ts';

/** A chapter as one edition shows it. */
export interface EditionChapter {
  name: string;
  /** The name of the chapter's page in every output (`<output>.html`, `<output>.xhtml`). */
  output: string;
  /**
   * A fingerprint of everything `body` is made from (the compiled chapter's key, see Chapter.key): with the
   * edition's own (output/page-key.ts), what a page made of this chapter is kept by between builds.
   */
  key: string;
  /** The chapter's title in each language the edition shows. */
  titles: Partial<Record<Lang, string>>;
  /** The chapter's content, its `h1` title first and its notes last. */
  body: ElementContent[];
  /**
   * Ids a link may name that this edition's page shows under another id: an untranslated chapter's
   * English page shows the Japanese (`en-x` → `ja-x`), and the bilingual page merges each heading pair into
   * one heading with the Japanese id.
   */
  aliases: ReadonlyMap<string, string>;
}

/** A source with the chapters (by name) that cite it. */
export interface CitedSource {
  source: Source;
  chapters: string[];
}

/**
 * What every output renders, and all it is given: the chapters of one edition in book order, and what the
 * book's pages around them need — metadata, UI strings, sources, images, file names. Renderers never see
 * the loaded book.
 */
export interface Edition {
  name: EditionName;
  /** The language of the edition's pages (`<html lang>`); the bilingual edition is read as Japanese first. */
  lang: Lang;
  /** The languages shown, in reading order. */
  langs: Lang[];
  chapters: EditionChapter[];
  /** The book's metadata, book.yaml's with its defaults filled in. */
  meta: BookMeta;
  /** The UI strings of each language (the book's own locales over the tool's). */
  t: Translators;
  /** The book folder: a book's own templates are looked for there before the tool's. */
  root: string;
  /** A sponsored book: every page must carry the advertising disclosure. */
  sponsored: boolean;
  /** The sources, in the order the book first cites them (uncited ones last). */
  sources: CitedSource[];
  /** Every image the chapters use, once each, for the outputs to copy beside their pages. */
  images: BookImage[];
  /** The names of the edition's files in `dist/epub/` and `dist/pdf/`. */
  files: { epub: string; pdf: string };
  /** The date the outputs carry as their modification time (see config/source-date-epoch.ts). */
  date: Date;
  /** The book's signed cache, for what renderers and output checks keep between builds. */
  cache: CacheStore;
}

/** `date` defaults to the book's own (book.yaml's), as when no `SOURCE_DATE_EPOCH` is given. */
export function buildEdition(book: Book, name: EditionName, date = buildDate(book.config.meta, undefined)): Edition {
  const { meta } = book.config;
  const shared = {
    name,
    meta,
    t: book.t,
    root: book.config.root,
    sponsored: meta.sponsor !== undefined,
    sources: sourcesInBookOrder(book),
    images: bookImages(book),
    files: { epub: `${meta.id}-${name}.epub`, pdf: `${meta.id}-${name}.pdf` },
    date,
    cache: book.cache,
  };
  if (name === 'bilingual') {
    return {
      ...shared,
      lang: 'ja',
      langs: ['ja', 'en'],
      chapters: book.chapters.map((chapter) => ({
        ...chapterBasics(chapter),
        titles: { ja: chapter.ja.title, en: chapter.en.title },
        body: bilingualBody(book, chapter),
        aliases: idAliases(chapter),
      })),
    };
  }
  return {
    ...shared,
    lang: name,
    langs: [name],
    chapters: book.chapters.map((chapter) => ({
      ...chapterBasics(chapter),
      titles: { [name]: chapter[name].title },
      body: name === 'en' ? englishBody(book, chapter) : (withoutBlockIndex(chapter.ja.tree).children as ElementContent[]),
      aliases: idAliases(chapter),
    })),
  };
}

function chapterBasics(chapter: Chapter): Pick<EditionChapter, 'name' | 'output' | 'key'> {
  return { name: chapter.name, output: chapterOutputName(chapter.name), key: chapter.key };
}

/**
 * Where a link to an English block's id lands when the page has no such id: an untranslated chapter shows its
 * Japanese (`en-x` → `ja-x`); otherwise the id of the Japanese block the English is paired with, which the
 * bilingual page's merged headings keep.
 */
function idAliases(chapter: Chapter): Map<string, string> {
  if (!chapter.translated) return new Map(elementIds(chapter.en.tree).filter((id) => id.startsWith('en-')).map((id) => [id, `ja-${id.slice(3)}`]));
  const japanese = new Map(chapter.ja.tree.children.flatMap((node) => (node.type === 'element' && node.properties.dataBlock !== undefined ? [[Number(node.properties.dataBlock), node.properties.id] as const] : [])));
  const pairs = new Map<number, Chapter['pairs'][number]>();
  for (const pair of chapter.pairs) if (pair.en !== undefined && !pairs.has(pair.en)) pairs.set(pair.en, pair);
  const aliases = new Map<string, string>();
  for (const node of chapter.en.tree.children) {
    if (node.type !== 'element' || typeof node.properties.id !== 'string' || !node.properties.id.startsWith('en-') || node.properties.dataBlock === undefined) continue;
    const pair = pairs.get(Number(node.properties.dataBlock));
    const id = pair?.ja === undefined ? undefined : japanese.get(pair.ja);
    if (id !== undefined && id !== null) aliases.set(node.properties.id, String(id));
  }
  return aliases;
}

function elementIds(tree: Root): string[] {
  return tree.children.flatMap((node) => (node.type === 'element' && typeof node.properties.id === 'string' ? [node.properties.id] : []));
}

/** Each source with the chapters citing it, in the order the book first cites them; uncited ones last. */
function sourcesInBookOrder(book: Book): CitedSource[] {
  const order: string[] = [];
  const chapters = new Map<string, string[]>();
  for (const chapter of book.chapters) {
    for (const call of chapter.ja.file.data.citationCalls ?? []) {
      if (!order.includes(call.key)) order.push(call.key);
      const list = chapters.get(call.key) ?? [];
      if (!list.includes(chapter.name)) list.push(chapter.name);
      chapters.set(call.key, list);
    }
  }
  for (const key of book.config.sources.keys()) if (!order.includes(key)) order.push(key);
  return order.map((key) => ({ source: book.config.sources.get(key)!, chapters: chapters.get(key) ?? [] }));
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
export function chapterTitle(chapter: EditionChapter, edition: Pick<Edition, 'langs'>): string {
  return inEachLanguage(edition, (lang) => chapter.titles[lang] ?? chapter.name);
}

/** `text` in each language the edition shows, as one line: `日本語 / English` in the bilingual edition. */
export function inEachLanguage(edition: Pick<Edition, 'langs'>, text: (lang: Lang) => string): string {
  return edition.langs.map(text).join(' / ');
}

/** The book's title as the edition shows it. */
export function editionTitle(edition: Pick<Edition, 'langs' | 'meta'>): string {
  return inEachLanguage(edition, (lang) => edition.meta.title[lang]);
}

/** A UI string in each language the edition shows, as one line. */
export function uiString(edition: Pick<Edition, 'langs' | 't'>, key: string): string {
  return inEachLanguage(edition, (lang) => edition.t[lang](key));
}

/** The `lang` attribute of content in `lang` on the edition's pages: none where it is the page's own. */
export function langAttribute(edition: Pick<Edition, 'lang'>, lang: Lang): Lang | undefined {
  return lang === edition.lang ? undefined : lang;
}
