import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../config/schema.ts';
import type { Edition, EditionChapter } from '../../editions/edition.ts';

/** One entry of the EPUB's contents: a title in each language shown, its target, and the entries under it. */
export interface NavItem {
  href: string;
  titles: Array<{ lang: Lang; text: string }>;
  children: NavItem[];
}

/**
 * A chapter's sections (`h2`) and their subsections (`h3`) as contents entries, in reading order. Headings
 * inside quotes, disclosure widgets and the notes are the content's own, not the book's outline; a bilingual
 * heading gives one entry with both languages' titles. Ruby readings are left out of the titles: a contents
 * line shows the base text.
 */
export function chapterSections(chapter: EditionChapter, edition: Edition, file: string): NavItem[] {
  const sections: NavItem[] = [];
  const walk = (nodes: ElementContent[]) => {
    for (const node of nodes) {
      if (node.type !== 'element' || skipped(node)) continue;
      if ((node.tagName === 'h2' || node.tagName === 'h3') && typeof node.properties.id === 'string') {
        const item: NavItem = { href: `${file}#${node.properties.id}`, titles: headingTitles(node, edition), children: [] };
        const parent = sections.at(-1);
        if (node.tagName === 'h3' && parent) parent.children.push(item);
        else sections.push(item);
      } else walk(node.children);
    }
  };
  walk(chapter.body);
  return sections;
}

function skipped(element: Element): boolean {
  const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
  return ['blockquote', 'details', 'aside', 'figure', 'table'].includes(element.tagName) || classes.includes('notes') || classes.includes('en');
}

function headingTitles(heading: Element, edition: Edition): NavItem['titles'] {
  const part = (lang: Lang) => heading.children.find((child): child is Element => child.type === 'element' && Array.isArray(child.properties.className) && child.properties.className.includes(lang));
  return edition.langs.flatMap((lang) => {
    const node = edition.langs.length === 1 ? heading : (part(lang) ?? (lang === edition.lang ? heading : undefined));
    const text = node ? plainText(node).replace(/\s+/g, ' ').trim() : '';
    return text ? [{ lang, text }] : [];
  });
}

/** The text a reader sees as the heading's words: ruby's readings and their fallback brackets left out. */
export function plainText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || node.tagName === 'rt' || node.tagName === 'rp') return '';
  return node.children.map(plainText).join('');
}
