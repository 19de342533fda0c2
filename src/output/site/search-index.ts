import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { EditionName, Lang } from '../../config/schema.ts';
import type { Edition, EditionChapter } from '../../editions/edition.ts';
import { hasClass } from '../page-facts.ts';

/** One searchable block of a page: its text in its real language, and the section it is in. */
export interface SearchBlock {
  /** The page, in the edition's folder. */
  page: string;
  /** The id of the heading the block is under: a hit opens there. */
  section: string | undefined;
  /** That heading's text, as the result's title. */
  heading: string;
  /** The language the text is in: Japanese shown in the English edition (an untranslated block) is `ja`. */
  lang: Lang;
  text: string;
  /** The block in the other language that the alignment paired with this one, where both exist. */
  other?: { lang: Lang; text: string; href: string };
}

const headingNames = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** The editions' wrappers around blocks (a bilingual row and its columns; a lagging translation with its notice). */
const containers = ['pair', 'ja', 'en', 'translation-fallback', 'translation-missing', 'translation-stale'];

/** Text for searching: compatibility forms folded (full-width Latin, half-width kana), whitespace collapsed. */
export function searchText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * The blocks of one edition's chapters, each paired with the aligned block in the other language. The
 * pairing is the bilingual edition's (each `.pair` row holds a Japanese block and the English that translates
 * it); a hit links to the other language's page in its own edition where that was built, else to the
 * bilingual page.
 */
export function searchBlocks(
  edition: Edition,
  editions: readonly Edition[],
  built: readonly EditionName[],
  pages: readonly SearchPage[] = [],
  kept: KeptBlocks = (_chapter, compute) => compute(),
): SearchBlock[] {
  const blocks: SearchBlock[] = [];
  for (const [index, chapter] of edition.chapters.entries()) blocks.push(...kept(chapter, () => chapterBlocks(edition, editions, built, index)));
  for (const page of pages) blocks.push(...blocksOf(page.body, edition.lang, page.file));
  return blocks;
}

/**
 * A chapter's blocks, kept between builds by its page key: they depend on that chapter alone (in each
 * edition), so one edit walks one chapter's trees, not the book's.
 */
export type KeptBlocks = (chapter: EditionChapter, compute: () => SearchBlock[]) => SearchBlock[];

function chapterBlocks(edition: Edition, editions: readonly Edition[], built: readonly EditionName[], index: number): SearchBlock[] {
  const bilingual = editions.find((candidate) => candidate.name === 'bilingual');
  const own = (name: EditionName) => editions.find((candidate) => candidate.name === name);
  const blocks: SearchBlock[] = [];
  const chapter = edition.chapters[index]!;
  {
    const page = `${chapter.output}.html`;
    const mine = blocksOf(chapter.body, edition.lang, page);
    const pairs = bilingual ? pairsOf(bilingual.chapters[index]?.body ?? []) : [];
    // Where each text stands in the other language's own edition, to link the aligned block at its section.
    const sections = new Map<Lang, Map<string, string | undefined>>();
    for (const lang of ['ja', 'en'] as const) {
      const other = own(lang)?.chapters[index];
      if (other) sections.set(lang, new Map(blocksOf(other.body, lang, page).map((block) => [block.text, block.section])));
    }
    const partner = new Map<string, { lang: Lang; text: string; jaSection: string | undefined }>();
    for (const pair of pairs) {
      partner.set(`ja ${pair.ja}`, { lang: 'en', text: pair.en, jaSection: pair.section });
      partner.set(`en ${pair.en}`, { lang: 'ja', text: pair.ja, jaSection: pair.section });
    }
    for (const block of mine) {
      const found = edition.name === 'bilingual' ? undefined : partner.get(`${block.lang} ${block.text}`);
      if (found && found.text !== '' && found.lang !== edition.lang) {
        const where = sections.get(found.lang)?.get(found.text);
        const target = built.includes(found.lang) ? `../${found.lang}/${page}${hash(where)}` : `../bilingual/${page}${hash(found.jaSection)}`;
        blocks.push({ ...block, other: { lang: found.lang, text: found.text, href: target } });
      } else blocks.push(block);
    }
  }
  return blocks;
}

/** A page other than a chapter whose text is searched too (the title page, the sources); it has no pairing. */
export interface SearchPage {
  file: string;
  title: string;
  body: ElementContent[];
}

const hash = (id: string | undefined) => (id === undefined ? '' : `#${encodeURIComponent(id)}`);

/** A page's blocks in order, each with the section it is in; notices about the translation are not content. */
function blocksOf(body: ElementContent[], pageLang: Lang, page: string): SearchBlock[] {
  const blocks: SearchBlock[] = [];
  let section: string | undefined;
  let heading = '';
  const add = (node: Element, lang: Lang) => {
    // Notices about the translation are not content; the contents list repeats the chapters' titles.
    if (hasClass(node, 'translation-notice') || node.tagName === 'nav') return;
    if (node.tagName === 'section' || node.tagName === 'article' || (node.tagName === 'div' && containers.some((name) => hasClass(node, name)))) {
      for (const child of node.children) if (child.type === 'element') add(child, languageOf(child) ?? languageOf(node) ?? lang);
      return;
    }
    const text = searchText(toString(node));
    if (text === '') return;
    if (headingNames.has(node.tagName) && typeof node.properties.id === 'string') {
      section = node.properties.id;
      heading = text;
    }
    blocks.push({ page, section, heading, lang: languageOf(node) ?? lang, text });
  };
  for (const node of body) if (node.type === 'element') add(node, pageLang);
  return blocks;
}

/** The bilingual edition's rows: each pair's Japanese and English text, and the section (a Japanese id) it is in. */
function pairsOf(body: ElementContent[]): Array<{ ja: string; en: string; section: string | undefined }> {
  const pairs: Array<{ ja: string; en: string; section: string | undefined }> = [];
  let section: string | undefined;
  for (const node of body) {
    if (node.type !== 'element') continue;
    if (headingNames.has(node.tagName) && typeof node.properties.id === 'string') section = node.properties.id;
    const column = (lang: Lang) => node.children.find((child): child is Element => child.type === 'element' && child.properties.lang === lang);
    const [ja, en] = [column('ja'), column('en')];
    if (!ja || !en) continue;
    const text = (element: Element) =>
      element.children.filter((child): child is Element => child.type === 'element' && !hasClass(child, 'translation-notice')).map((child) => searchText(toString(child))).join(' ');
    // A heading pair is one heading with a span a language; a row is two columns of blocks.
    pairs.push({ ja: node.tagName === 'div' ? text(ja) : searchText(toString(ja)), en: node.tagName === 'div' ? text(en) : searchText(toString(en)), section });
  }
  return pairs;
}

function languageOf(node: Element): Lang | undefined {
  const lang = node.properties.lang;
  return lang === 'ja' || lang === 'en' ? lang : undefined;
}
