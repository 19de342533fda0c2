import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';

/** A section of a chapter as the contents sidebar lists it. */
export interface OutlineSection {
  id: string;
  /** 2 for `##`, 3 for `###`. */
  depth: number;
  /** The heading's text in each language it shows (both in a bilingual heading). */
  titles: Partial<Record<Lang, string>>;
}

/** Per chapter (by its page name), its sections in order. */
export type Outline = ReadonlyMap<string, OutlineSection[]>;

const depths: Record<string, number> = { h2: 2, h3: 3 };

/**
 * The sections of every chapter of an edition, read once per edition: every page's sidebar lists them all,
 * so a page's HTML depends on this plain value, never on a walk of the other chapters' trees.
 */
export function siteOutline(edition: Edition): Outline {
  return new Map(edition.chapters.map((chapter) => [chapter.output, sectionsOf(chapter.body, edition.lang)]));
}

function sectionsOf(body: ElementContent[], pageLang: Lang): OutlineSection[] {
  const sections: OutlineSection[] = [];
  for (const node of body) {
    if (node.type !== 'element') continue;
    const depth = depths[node.tagName];
    const id = node.properties.id;
    if (depth === undefined || typeof id !== 'string') continue;
    sections.push({ id, depth, titles: headingTitles(node, pageLang) });
  }
  return sections;
}

/** A bilingual heading holds one span a language; any other heading is in the page's language. */
function headingTitles(heading: Element, pageLang: Lang): Partial<Record<Lang, string>> {
  const spans = heading.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'span' && (child.properties.lang === 'ja' || child.properties.lang === 'en'));
  if (spans.length === 0) return { [pageLang]: toString(heading).trim() };
  return Object.fromEntries(spans.map((span) => [span.properties.lang as Lang, toString(span).trim()]));
}
