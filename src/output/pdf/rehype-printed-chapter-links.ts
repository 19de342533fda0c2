import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Edition, EditionChapter } from '../../editions/edition.ts';
import { resolveChapterLink } from '../chapter-links.ts';
import { chapterScope, scopedIds } from './ids.ts';
import type { VFile } from 'vfile';

/** Links between chapters as links inside the one document. Runs after rehype-scope-ids. */
export function rehypePrintedChapterLinks() {
  return (tree: Root, file: VFile): Root => {
    const { edition, editionChapter } = file.data;
    if (!edition || !editionChapter) return tree;
    linkPrintedChapter(edition, editionChapter, tree.children as ElementContent[]);
    return tree;
  };
}

/** Each chapter's ids and the ids scopeIds gives them, per edition: every chapter's links need all of them. */
const scopedByEdition = new WeakMap<Edition, Array<Map<string, string>>>();

function scopedChapters(edition: Edition): Array<Map<string, string>> {
  let scoped = scopedByEdition.get(edition);
  if (!scoped) scopedByEdition.set(edition, (scoped = edition.chapters.map((chapter, index) => scopedIds(chapter.body, chapterScope(index)))));
  return scoped;
}

/**
 * The PDF is one document: a link to another chapter (`<output>.html#<id>`) becomes `#<scoped id>`, an
 * internal destination Chromium prints as a GoTo link, not a URI. A link to a chapter without a fragment
 * goes to its title. `printed` is the chapter's content as the PDF's adaptations copied it (changed in place).
 */
function linkPrintedChapter(edition: Edition, chapter: EditionChapter, printed: ElementContent[]): void {
  const scoped = scopedChapters(edition);
  const own = new Set(scoped[edition.chapters.indexOf(chapter)]!.values());
  visit({ type: 'root', children: printed } as Root, 'element', (element: Element) => {
    const href = element.tagName === 'a' ? element.properties.href : undefined;
    if (typeof href !== 'string' || own.has(href.slice(1))) return;
    const target = resolveChapterLink(edition, chapter, href);
    if (!target) return;
    const ids = scoped[edition.chapters.indexOf(target.chapter)]!;
    const title = target.chapter.body.find((node): node is Element => node.type === 'element' && node.tagName === 'h1');
    const id = target.id === undefined ? title?.properties.id : target.id;
    const destination = id === undefined || id === null ? undefined : ids.get(String(id));
    if (destination) element.properties.href = `#${destination}`;
  });
}
