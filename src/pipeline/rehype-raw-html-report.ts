import type { Element, Root } from 'hast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { rawPlace } from './raw-html-tags.ts';
import type { WrittenHtml } from './remark-raw-html.ts';
import { rawHtmlTags, strippedTags } from './sanitize-schema.ts';

/** An element the HTML parser made of raw HTML, and where its start tag stands in the node's value (-1: not found). */
interface Tag {
  element: Element;
  name: string;
  start: number;
}

/** A script or data URL in an attribute value, which rehype-sanitize drops. */
const scriptUrl = /(?:javascript|vbscript|data):/gi;

/**
 * Reports what rehype-sanitize will remove from the raw HTML, read from the elements rehype-raw made
 * of it (what is a tag, an attribute or a comment is the HTML parser's call, not a pattern's): a tag
 * not on the allow-list is left out with what it holds (a script, style or frame) or with its text
 * kept; event handlers, inline styles and script URLs are removed. One message a kind for each raw
 * node, at the tags the author wrote it in (in a raw block of many lines, at their lines).
 */
export function rehypeRawHtmlReport() {
  return (tree: Root, file: VFile) => {
    const written = file.data.writtenHtml ?? [];
    delete file.data.writtenHtml;
    if (written.length === 0) return;
    const elements = new Map<WrittenHtml, Element[]>();
    visit(tree, 'element', (element, _index, parent) => {
      // The `div.raw-html` that remark-raw-html-blocks wraps a raw block in starts where the block does: no author wrote it.
      if (parent?.type === 'root' && isWrapper(element)) return;
      const html = element.position && writtenAt(written, element.position.start);
      if (html) elements.get(html)?.push(element) ?? elements.set(html, [element]);
    });
    for (const html of written) {
      const found = elements.get(html);
      if (found) reportNode(file, html, found);
    }
  };
}

function reportNode(file: VFile, { node }: WrittenHtml, elements: Element[]): void {
  // The parser's elements come in the order of their start tags: the nth `<b` of the value is the nth `b`.
  const counts = new Map<string, number>();
  const tags: Tag[] = elements.map((element) => {
    const name = element.tagName.toLowerCase();
    const nth = counts.get(name) ?? 0;
    counts.set(name, nth + 1);
    return { element, name, start: startTag(node.value, name, nth) };
  });
  // From the first tag's `<` to the last one's `>`.
  const placeOf = (list: Tag[]) => {
    const starts = list.map((tag) => tag.start).filter((start) => start >= 0);
    if (starts.length === 0) return { place: node.position };
    const ends = starts.map((start) => node.value.indexOf('>', start)).map((at) => (at < 0 ? node.value.length : at + 1));
    const place = rawPlace(file, node, Math.min(...starts), Math.max(...ends));
    return place ? { place } : {};
  };
  const refused = tags.filter((tag) => !rawHtmlTags.includes(tag.name));
  const stripped = refused.filter((tag) => strippedTags.includes(tag.name));
  const unwrapped = refused.filter((tag) => !strippedTags.includes(tag.name));
  const names = (list: Tag[]) => [...new Set(list.map((tag) => tag.name))].join('>`, `<');
  if (stripped.length > 0) {
    report(file, `Raw HTML \`<${names(stripped)}>\` is not allowed, so it is left out with what it holds; write it in Markdown or use only the allowed tags`, {
      ruleId: ruleIds.rawHtml,
      severity: 'warning',
      ...placeOf(stripped),
    });
  }
  if (unwrapped.length > 0) {
    report(file, `Raw HTML \`<${names(unwrapped)}>\` is not allowed, so the tag is left out and its text kept; write it in Markdown or use only the allowed tags`, {
      ruleId: ruleIds.rawHtml,
      severity: 'warning',
      ...placeOf(unwrapped),
    });
  }
  const risky = tags.map((tag) => ({ tag, found: riskyAttributes(tag.element) })).filter(({ found }) => found.length > 0);
  if (risky.length > 0) {
    report(file, `Raw HTML: \`${[...new Set(risky.flatMap(({ found }) => found))].join('`, `')}\` is removed (no event handlers, inline styles or script URLs)`, {
      ruleId: ruleIds.rawHtml,
      severity: 'warning',
      ...placeOf(risky.map(({ tag }) => tag)),
    });
  }
}

/** Event handlers and inline styles by attribute name, then script and data URLs as written in the values, in order. */
function riskyAttributes(element: Element): string[] {
  return Object.entries(element.properties).flatMap(([property, value]) => {
    const own = /^on[a-z]/i.test(property) || property === 'style' ? [property.toLowerCase()] : [];
    const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
    return [...own, ...[...text.matchAll(scriptUrl)].map((match) => match[0])];
  });
}

/**
 * The raw node an element was written in. rehype-raw places an element by counting from the node's
 * start through its value: exactly for tags within text (each is a node of its own), on the right line
 * for the tags of a block; a Markdown element never starts inside a raw block.
 */
function writtenAt(written: WrittenHtml[], point: Point): WrittenHtml | undefined {
  // The last node starting at or before the point (document order is source order).
  let low = 0;
  let high = written.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (compare(written[middle]!.node.position.start, point) <= 0) low = middle + 1;
    else high = middle - 1;
  }
  const html = written[high];
  if (!html) return undefined;
  const { start, end } = html.node.position;
  return compare(start, point) === 0 || (html.block && point.line <= end.line) ? html : undefined;
}

function compare(a: Point, b: Point): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Where the `nth` start tag named `name` stands in raw HTML `value`, comments left out; -1 when the parser made
 * the element up. Not raw-html-tags.ts's `rawTags`: this finds what the HTML parser takes for a tag (in
 * `x<y の比較</p>` a `y`), which that well-formed pattern does not.
 */
function startTag(value: string, name: string, nth: number): number {
  let count = 0;
  for (let at = value.indexOf('<'); at >= 0; at = value.indexOf('<', at + 1)) {
    if (value.startsWith('<!--', at)) {
      const close = value.indexOf('-->', at + 4);
      if (close < 0) return -1;
      at = close;
      continue;
    }
    const after = value.charAt(at + 1 + name.length);
    if (value.slice(at + 1, at + 1 + name.length).toLowerCase() === name && (after === '' || /[\s/>]/.test(after)) && count++ === nth) return at;
  }
  return -1;
}

function isWrapper(element: Element): boolean {
  const { className } = element.properties;
  return element.tagName === 'div' && Array.isArray(className) && className.length === 1 && className[0] === 'raw-html';
}
