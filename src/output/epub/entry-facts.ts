import { XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { foreignCssReferences } from '../../pipeline/css-references.ts';
import { attributeUrls, isOwnReference } from '../../pipeline/references.ts';
import { svgProblems } from '../../pipeline/svg-check.ts';
import { lineLocator } from '../../pipeline/text-lines.ts';
import { epubMarkupChecker } from './markup.ts';

/**
 * What the EPUB's output check needs from one file of the package, read in one pass: a pure function of
 * the entry's name and text, so it can be kept between builds (see cache/kept-results.ts).
 */
export interface EntryFacts {
  /** Why the file is not well-formed XML, if it is not. */
  xmlError?: string;
  ids: string[];
  /** The `href` of every `a[href]`. */
  links: string[];
  /** Elements an EPUB of ours never carries: scripts, frames, objects, `<base>`, a refresh. */
  forbidden: string[];
  /** References to another host (in any attribute but a link's target, or in CSS), and unsafe SVG, with their lines. */
  foreign: string[];
  /** What EPUB's XHTML schema refuses (see markup.ts). */
  invalid?: string[];
  /** The whole text, spaces collapsed: kept for the pages that must carry the disclosure. */
  text?: string;
  /** The first image's `alt`: the cover's text alternative. */
  imageAlt?: string;
}

const refusedElements = new Set(['script', 'iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet', 'portal']);

/**
 * Reads an entry (XHTML, OPF, NCX, CSS or SVG) as what it is. XML is read by a streaming XML parser: a
 * package of thousands of `<item/>`s is a flat list, not (as an HTML parser would have it) thousands of
 * nested elements.
 */
export function entryFacts(entry: string, text: string, options: { keepText: boolean }): EntryFacts {
  const facts: EntryFacts = { ids: [], links: [], forbidden: [], foreign: [] };
  if (entry.endsWith('.css')) {
    for (const found of foreignCssReferences(text)) facts.foreign.push(`${found.kind} \`${found.url}\` (line ${found.line})`);
    return facts;
  }
  const result = XMLValidator.validate(text);
  if (result !== true) facts.xmlError = `${result.err.msg} (line ${result.err.line})`;
  if (entry.endsWith('.svg')) {
    for (const problem of svgProblems(text)) facts.foreign.push(`${problem.reason} (line ${problem.line})`);
    return facts;
  }
  const markup = entry.endsWith('.xhtml') ? epubMarkupChecker() : undefined;
  const locate = lineLocator(text);
  const texts: string[] = [];
  let style: { text: string; line: number } | undefined;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const tagName = name.toLowerCase();
        const line = locate(parser.startIndex).line;
        const where = (what: string) => facts.foreign.push(`${what} on <${name}> (line ${line})`);
        markup?.element(name, attributes);
        if (attributes.id !== undefined) facts.ids.push(attributes.id);
        if (tagName === 'a' && attributes.href !== undefined) facts.links.push(attributes.href);
        if (tagName === 'img' && facts.imageAlt === undefined) facts.imageAlt = attributes.alt ?? '';
        if (refusedElements.has(tagName) || (tagName === 'meta' && attributes['http-equiv'] !== undefined && !/^content-type$/i.test(attributes['http-equiv']))) {
          facts.forbidden.push(tagName);
        }
        if (tagName === 'style') style = { text: '', line };
        for (const [attribute, value] of Object.entries(attributes)) {
          const key = attribute.toLowerCase();
          if (key.startsWith('on')) where(`an event handler \`${attribute}\``);
          if (key === 'xml:base') where(`\`xml:base="${value}"\``);
          const followed = tagName === 'a' && key === 'href';
          for (const url of followed ? [] : attributeUrls(attribute, value)) {
            if (!isOwnReference(url)) where(`\`${attribute}="${url}"\` loads from another host`);
          }
          if (key === 'style' || /url\(/i.test(value)) {
            for (const found of foreignCssReferences(value)) where(`\`${attribute}\` with ${found.kind} \`${found.url}\``);
          }
        }
      },
      ontext(data) {
        if (style) style.text += data;
        else if (options.keepText) texts.push(data);
      },
      onclosetag(name) {
        if (name.toLowerCase() !== 'style' || !style) return;
        for (const found of foreignCssReferences(style.text)) facts.foreign.push(`${found.kind} \`${found.url}\` in <style> (line ${style.line + found.line - 1})`);
        style = undefined;
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  if (markup && markup.problems.length > 0) facts.invalid = markup.problems;
  if (options.keepText) facts.text = texts.join('').replace(/\s+/g, ' ');
  return facts;
}
