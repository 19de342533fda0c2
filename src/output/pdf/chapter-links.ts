import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Edition, EditionChapter } from '../../editions/edition.ts';
import { resolveChapterLink } from '../chapter-links.ts';
import { chapterScope, scopedIds } from './ids.ts';

/**
 * The PDF is one document: a link to another chapter (`<output>.html#<id>`) becomes `#<scoped id>`, an
 * internal destination Chromium prints as a GoTo link, not a URI. A link to a chapter without a fragment
 * goes to its title. `printed` are the chapters as forPrint copied them (their own trees, changed in place).
 */
export function linkPrintedChapters(edition: Edition, printed: EditionChapter[]): void {
  const scoped = edition.chapters.map((chapter, index) => scopedIds(chapter.body, chapterScope(index)));
  printed.forEach((chapter, index) => {
    const own = new Set(scoped[index]!.values());
    visit({ type: 'root', children: chapter.body } as Root, 'element', (element: Element) => {
      const href = element.tagName === 'a' ? element.properties.href : undefined;
      if (typeof href !== 'string' || own.has(href.slice(1))) return;
      const target = resolveChapterLink(edition, edition.chapters[index]!, href);
      if (!target) return;
      const at = edition.chapters.indexOf(target.chapter);
      const ids = scoped[at]!;
      const title = target.chapter.body.find((node): node is Element => node.type === 'element' && node.tagName === 'h1');
      const id = target.id === undefined ? title?.properties.id : target.id;
      const destination = id === undefined || id === null ? undefined : ids.get(String(id));
      if (destination) element.properties.href = `#${destination}`;
    });
  });
}
