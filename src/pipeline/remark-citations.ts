import type { PhrasingContent, Root, Text } from 'mdast';
import type { Element, ElementContent, Properties } from 'hast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { suggestion } from '../config/nearest.ts';
import { report, ruleIds } from '../diagnostics.ts';
import type { CitationCall } from './types.ts';

export interface RemarkCitationsOptions {
  /** The keys of `content/citations.yaml`. */
  keys: readonly string[];
  /** The visible marker for note `number`: `※1` in Japanese, `1` in English. */
  marker: (number: number) => string;
  /** Sets the marker as a superscript (English) rather than inline (Japanese `※1`). */
  superscript: boolean;
  /** Prefix of every id made here, so two languages' chapters can share one page. */
  idPrefix: string;
}

/**
 * Pandoc's bracketed citation, `[@key]` or `[@a; @b]`, each key with an optional locator (`[@key, p. 3]`),
 * with the space before it: a note call hugs its word. A locator is at most 100 characters, which keeps
 * a failed match cheap on a long line.
 */
const citationPattern = /(\s*)\[(@[A-Za-z0-9][\w-]*(?:,[^;[\]]{1,100})?(?:\s*;\s*@[A-Za-z0-9][\w-]*(?:,[^;[\]]{1,100})?)*)\]/g;
const citationPart = /@([A-Za-z0-9][\w-]*)(?:,([^;]*))?/g;

/**
 * Turns `[@key]` into a note call linking to the chapter's note for that source. A key is numbered
 * the first time the chapter cites it (or as `file.data.noteOrder` already says), so the notes of a
 * translation number like those of its source.
 */
export function remarkCitations(options: RemarkCitationsOptions) {
  const { keys, marker, superscript, idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const order = [...(file.data.noteOrder ?? [])];
    const preset = order.length;
    const calls: CitationCall[] = [];
    // Maps, not array searches: a chapter may make a hundred thousand calls.
    const known = new Set(keys);
    const numbers = new Map(order.map((key, index) => [key, index + 1]));
    const callsOf = new Map<number, number>();
    const place = location(file);

    findAndReplace(tree, [
      citationPattern,
      (whole: string, space: string, inner: string, match: { index: number; stack: unknown[] }) => {
        const node = match.stack[match.stack.length - 1] as Text;
        const startOffset = node.position?.start.offset;
        const nodes: PhrasingContent[] = [];
        for (const part of inner.matchAll(citationPart)) {
          const key = part[1]!;
          const locator = part[2]?.trim();
          const offset = startOffset === undefined ? undefined : startOffset + match.index + space.length + 1 + (part.index ?? 0);
          const start = offset === undefined ? undefined : place.toPoint(offset);
          const end = offset === undefined ? undefined : place.toPoint(offset + key.length + 1);
          const position = start && end ? { start, end } : undefined;
          if (!known.has(key)) {
            report(file, `Cannot find citation \`${key}\`${suggestion(key, keys)} (keys are defined in content/citations.yaml)`, {
              ruleId: ruleIds.unknownCitation,
              ...(position ? { place: position } : {}),
            });
            continue;
          }
          if (!numbers.has(key)) {
            if (preset > 0) {
              report(file, `Cites \`${key}\`, which the source-language chapter does not cite; cite it there too so both number their notes alike`, {
                ruleId: ruleIds.citationNotInSource,
                severity: 'warning',
                ...(position ? { place: position } : {}),
              });
            }
            order.push(key);
            numbers.set(key, order.length);
          }
          const number = numbers.get(key)!;
          const repeat = callsOf.get(number) ?? 0;
          callsOf.set(number, repeat + 1);
          const id = `${idPrefix}noteref-${number}${repeat > 0 ? `-${repeat + 1}` : ''}`;
          calls.push({ key, number, id, ...(locator ? { locator } : {}) });
          nodes.push(callNode(key, id, `#${idPrefix}note-${number}`, marker(number), superscript));
        }
        return nodes.length > 0 ? nodes : whole;
      },
    ]);

    file.data.noteOrder = order;
    file.data.citationCalls = calls;
  };
}

/** A note call in mdast; remark-rehype turns it into the call's HTML through `data.hName`. */
export interface CitationCallNode {
  type: 'citation';
  key: string;
  data: { hName: string; hProperties: Properties; hChildren: ElementContent[] };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationCallNode;
  }
}

// Not a text node: mdast-util-find-and-replace would merge it into the text around it.
function callNode(key: string, id: string, href: string, text: string, superscript: boolean): CitationCallNode {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href, id, className: ['noteref'], role: 'doc-noteref' },
    children: [{ type: 'text', value: text }],
  };
  if (superscript) {
    // The superscript wraps the link, never the reverse: e-readers only pop up notes for a bare link.
    return { type: 'citation', key, data: { hName: 'sup', hProperties: { className: ['noteref-sup'] }, hChildren: [link] } };
  }
  return { type: 'citation', key, data: { hName: 'a', hProperties: link.properties, hChildren: link.children } };
}
