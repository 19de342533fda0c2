import type { Html } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { rawPlace, rawTags, tagProperties, withAttribute } from './raw-html-tags.ts';

/** A raw `<a href>` as written (entities decoded), and where its tag stands in the Markdown. */
export interface RawLink {
  url: string;
  place: Position | undefined;
}

/** The `<a href>` tags of a raw HTML node, so they get the checks of a Markdown link. */
export function rawLinks(node: Html, file: VFile): RawLink[] {
  return anchors(node).map(({ href, start, end }) => ({ url: href, place: rawPlace(file, node, start, end) ?? node.position }));
}

/** Gives each raw `<a href>` of the node, in order, the href `replace` returns for it. */
export function replaceRawLinks(node: Html, replace: (url: string, index: number) => string): void {
  const found = anchors(node);
  let value = node.value;
  // Last to first, so each rewrite leaves the offsets of the tags before it alone.
  for (let index = found.length - 1; index >= 0; index--) {
    const { href, start, end } = found[index]!;
    const url = replace(href, index);
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
