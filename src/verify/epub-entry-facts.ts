import type { Element, Root } from 'hast';
import { XMLValidator } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { epubMarkupProblems } from './epub-markup.ts';

/**
 * What the EPUB's output check needs from one file of the package, read in one pass: a pure function of
 * the entry's name and text, so it can be kept between builds (see facts-cache.ts).
 */
export interface EntryFacts {
  /** Why the file is not well-formed XML, if it is not. */
  xmlError?: string;
  ids: string[];
  /** The `href` of every `a[href]`. */
  links: string[];
  /** Elements an EPUB of ours never carries: scripts, frames, objects, remote images and style sheets. */
  forbidden: string[];
  /** What EPUB's XHTML schema refuses (see epub-markup.ts). */
  invalid?: string[];
  /** The whole text, spaces collapsed: kept for the pages that must carry the disclosure. */
  text?: string;
  /** The first image's `alt`: the cover's text alternative. */
  imageAlt?: string;
}

export function entryFacts(text: string, options: { keepText: boolean }): EntryFacts {
  const result = XMLValidator.validate(text);
  const facts: EntryFacts = { ids: [], links: [], forbidden: [] };
  if (result !== true) facts.xmlError = `${result.err.msg} (line ${result.err.line})`;
  const tree = fromHtml(text);
  const walk = (element: Element) => {
    const { tagName, properties } = element;
    if (properties.id !== undefined) facts.ids.push(String(properties.id));
    if (tagName === 'a' && properties.href !== undefined) facts.links.push(String(properties.href));
    if (tagName === 'img' && facts.imageAlt === undefined) facts.imageAlt = String(properties.alt ?? '');
    if (
      ['script', 'iframe', 'object', 'embed'].includes(tagName) ||
      (tagName === 'img' && String(properties.src ?? '').startsWith('http')) ||
      (tagName === 'link' && String(properties.href ?? '').startsWith('http'))
    ) {
      facts.forbidden.push(tagName);
    }
    for (const child of element.children) if (child.type === 'element') walk(child);
  };
  for (const child of (tree as Root).children) if (child.type === 'element') walk(child);
  const invalid = epubMarkupProblems(tree);
  if (invalid.length > 0) facts.invalid = invalid;
  if (options.keepText) facts.text = toString(tree).replace(/\s+/g, ' ');
  return facts;
}
