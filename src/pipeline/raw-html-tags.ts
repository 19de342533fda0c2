import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html } from 'mdast';
import type { Position } from 'unist';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';

/** A tag in an mdast `html` node's value, as written. */
export interface RawTag {
  /** Lower-cased. */
  name: string;
  closing: boolean;
  /** `<br/>`, or an element HTML never closes (`<br>`, `<img>`). */
  empty: boolean;
  /** Offsets in the node's value. */
  start: number;
  end: number;
}

/** Elements HTML never closes: they open nothing a later block must close. */
const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** A start or end tag: quoted attribute values may hold `>`. */
const tagPattern = /<(\/?)([A-Za-z][\w:-]*)(?:\s+(?:[^"'>/=\s]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)|\s*\/?)*\s*>/g;
const comment = /<!--[\s\S]*?(?:-->|$)/g;

/** The tags of raw HTML, in order, leaving out what comments hold (the sanitizer drops comments). */
export function rawTags(value: string): RawTag[] {
  const visible = value.replace(comment, (text) => ' '.repeat(text.length));
  return [...visible.matchAll(tagPattern)].map((match) => {
    const name = match[2]!.toLowerCase();
    return { name, closing: match[1] === '/', empty: voidTags.has(name) || /\/\s*>$/.test(match[0]), start: match.index, end: match.index + match[0].length };
  });
}

/** The start tag's attributes as the HTML parser reads them (entities decoded), as rehype-raw will. */
export function tagProperties(tag: string): Element['properties'] {
  const element = fromHtml(tag, { fragment: true }).children[0];
  return element?.type === 'element' ? element.properties : {};
}

/** `tag` with its `name` attribute set to `value`, or undefined when the tag has no such attribute. */
export function withAttribute(tag: string, name: string, value: string): string | undefined {
  const attribute = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i');
  if (!attribute.test(tag)) return undefined;
  const escaped = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return tag.replace(attribute, (_, before: string) => `${before}"${escaped}"`);
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>();

/**
 * Where `node.value.slice(start, end)` was written in the Markdown: a raw block in a list or quote lost
 * its indent and `>` markers from the value, so the text is looked for in the source from the node's
 * start. The whole node's place when it cannot be found.
 */
export function rawPlace(file: VFile, node: Html, start: number, end: number): Position | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return node.position;
  const source = String(file.value);
  const text = node.value.slice(start, end);
  let at = source.slice(from + start, from + end) === text ? from + start : -1;
  if (at < 0) {
    // The same text may come earlier in the node: count which occurrence this is.
    let nth = 0;
    for (let index = node.value.indexOf(text); index >= 0 && index < start; index = node.value.indexOf(text, index + 1)) nth++;
    at = source.indexOf(text, from);
    while (at >= 0 && nth-- > 0) at = source.indexOf(text, at + 1);
  }
  if (at < 0 || at + text.length > to) return node.position;
  let place = locations.get(file);
  if (!place) locations.set(file, (place = location(file)));
  const startPoint = place.toPoint(at);
  const endPoint = place.toPoint(at + text.length);
  return startPoint && endPoint ? { start: startPoint, end: endPoint } : node.position;
}
