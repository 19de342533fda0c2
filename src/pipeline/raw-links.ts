import type { Html } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** An `<a>` tag with its `href` (quoted or bare). */
const rawLink = /<a\b[^>]*?\shref\s*=\s*(?:(["'])(.*?)\1|([^\s"'>]+))[^>]*>/gis;
const rawLinkHref = /(\shref\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s"'>]+)/i;

/** A raw `<a href>` as written, and where: its tag's start when the raw text is the source's own. */
export interface RawLink {
  url: string;
  place: Position | Point | undefined;
}

/**
 * The links of a raw HTML node, so raw `<a href>` gets the checks and rewriting of a Markdown link. Inside
 * a block quote or list the source has prefixes the node's text lacks: there the place is the node's.
 */
export function rawLinks(node: Html, file: VFile): RawLink[] {
  const start = node.position?.start;
  const end = node.position?.end;
  const verbatim = start?.offset !== undefined && end?.offset !== undefined && String(file.value).slice(start.offset, end.offset) === node.value;
  return [...node.value.matchAll(rawLink)].map((match) => {
    const url = decodeEntities(match[2] ?? match[3] ?? '');
    if (!verbatim || !start) return { url, place: node.position };
    const before = node.value.slice(0, match.index);
    const newline = before.lastIndexOf('\n');
    const line = start.line + (before.match(/\n/g)?.length ?? 0);
    const column = newline < 0 ? start.column + before.length : before.length - newline;
    return { url, place: { line, column } };
  });
}

/** Gives each raw `<a href>` of the node, in order, the href `replace` returns for it. */
export function replaceRawLinks(node: Html, replace: (url: string, index: number) => string): void {
  let index = 0;
  node.value = node.value.replace(rawLink, (tag: string, _quote, quoted: string | undefined, bare: string | undefined) => {
    const url = replace(decodeEntities(quoted ?? bare ?? ''), index++);
    return tag.replace(rawLinkHref, (_all, prefix: string) => `${prefix}"${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  });
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
