import type { Html } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { rawPlace, rawTags, tagProperties, withAttribute } from './raw-html-tags.ts';

/** A raw `<a href>` as written (entities decoded), and where its tag stands in the Markdown. */
export interface RawLink {
  url: string;
  place: Position | undefined;
}

/**
 * Gives each raw `<a href>` of the node the href `replace` returns for it, so raw links get the checks
 * and rewrites of Markdown links. `replace` is called in the order the links are written.
 */
export function rewriteRawLinks(node: Html, file: VFile, replace: (link: RawLink) => string): void {
  const found = anchors(node);
  if (found.length === 0) return;
  const urls = found.map(({ href, start, end }) => replace({ url: href, place: rawPlace(file, node, start, end) ?? node.position }));
  let value = node.value;
  // Last to first, so each rewrite leaves the offsets of the tags before it alone.
  for (let index = found.length - 1; index >= 0; index--) {
    const { href, start, end } = found[index]!;
    const url = urls[index]!;
    if (url === href) continue;
    const tag = value.slice(start, end);
    value = `${value.slice(0, start)}${withAttribute(tag, 'href', url) ?? tag}${value.slice(end)}`;
  }
  node.value = value;
}

function anchors(node: Html): Array<{ href: string; start: number; end: number }> {
  return rawTags(node.value).flatMap((tag) => {
    if (tag.name !== 'a' || tag.closing) return [];
    const { href } = tagProperties(node.value.slice(tag.start, tag.end));
    return typeof href === 'string' ? [{ href, start: tag.start, end: tag.end }] : [];
  });
}
