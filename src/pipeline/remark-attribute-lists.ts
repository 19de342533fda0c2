import type { Heading, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report, ruleIds } from '../diagnostics.ts';
import { authorClass } from './sanitize-schema.ts';

/**
 * Attribute lists as MkDocs (attr_list), kramdown and Pandoc write them: `{: .class }`, `{:class="x"}`,
 * `{: style="height:80px" align="right"}`, `{#id .class}`, `{width=80}`. Sources converted from those
 * tools are full of them; printed as text they litter titles and paragraphs. The safe part is kept — an
 * id, classes, and width and height in pixels — on the element the list belongs to:
 *
 * - at the end of a heading: the heading (`# Title {#id}`);
 * - right after an image, link, emphasis or code span: that element (`![a](x.png){width=80}`);
 * - `[text]{.class}`: a span around the text (Pandoc's bracketed span);
 * - on a line of its own at the start or end of a paragraph, or as the last row of a table: that block;
 * - as a paragraph of its own: the block on the line above, or else the one on the line below (kramdown).
 *
 * Anything else in a list (`style`, `align`, event handlers) is dropped with a warning at its line, and a
 * list that belongs to nothing is dropped too: none is ever printed. Must run before remark-block-index,
 * since a list on its own line is no block of the text and removing it later would shift the numbering.
 */
export interface AttributeListOptions {
  /** Prefixed to ids, as rehype-slug prefixes heading ids: a bilingual page holds both languages' ids. */
  idPrefix: string;
}

const value = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)`;
const token = String.raw`(?:#[^\s{}#]+|\.[^\s{}#.=]+|[A-Za-z_][\w:.-]*=${value}|-)`;
/** `{:…}` (kramdown and attr_list, whatever it holds) or `{…}` made only of attribute tokens (Pandoc). */
const listPattern = String.raw`\{:[^{}\n]*\}|\{[ \t]*${token}(?:[ \t]+${token})*[ \t]*\}`;
const anywhere = new RegExp(listPattern, 'g');
const atStart = new RegExp(String.raw`^(?:${listPattern})`);
const atEnd = new RegExp(String.raw`[ \t]*(?:${listPattern})[ \t]*$`);
const wholeLine = new RegExp(String.raw`^[ \t]*(?:${listPattern})[ \t]*$`);
const tokenPattern = new RegExp(String.raw`#([^\s{}#]+)|\.([^\s{}#.=]+)|([A-Za-z_][\w:.-]*)=("[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)|(\S+)`, 'g');

interface Attributes {
  id?: string;
  className?: string[];
  width?: number;
  height?: number;
}

export function remarkAttributeLists(options: AttributeListOptions) {
  const { idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const points = location(file);
    /** The place of `list` in the source at or after `from`, for messages. */
    const placeOf = (list: string, node: Node) => {
      const start = node.position?.start.offset;
      const at = start === undefined ? -1 : source.indexOf(list, start);
      if (at < 0) return node.position ? { place: node.position } : {};
      const begin = points.toPoint(at);
      const end = points.toPoint(at + list.length);
      return begin && end ? { place: { start: begin, end } } : {};
    };

    /** Reads `list` (`{: #a .b c="d"}`), reporting what it drops; undefined when nothing is kept. */
    const parse = (list: string, node: Node): Attributes | undefined => {
      const inner = list.replace(/^\{:?/, '').replace(/\}$/, '');
      const kept: Attributes = {};
      const dropped: string[] = [];
      const classes: string[] = [];
      for (const match of inner.matchAll(tokenPattern)) {
        const [whole, hashId, dotClass, key, raw] = match;
        const quoted = raw?.replace(/^(["'])(.*)\1$/, '$2');
        if (hashId !== undefined || key === 'id') kept.id = `${idPrefix}${hashId ?? quoted}`;
        else if (dotClass !== undefined) classes.push(dotClass);
        else if (key === 'class') classes.push(...(quoted ?? '').split(/\s+/).filter(Boolean));
        else if ((key === 'width' || key === 'height') && quoted !== undefined && /^\d+(?:px)?$/.test(quoted)) kept[key] = Number.parseInt(quoted, 10);
        else dropped.push(whole);
      }
      const refused = classes.filter((name) => !authorClass.test(name));
      if (classes.length > refused.length) kept.className = classes.filter((name) => authorClass.test(name));
      if (dropped.length > 0 || refused.length > 0) {
        const what = [...dropped.map((text) => `\`${text}\``), ...refused.map((name) => `class \`${name}\` (not a plain name, or one the generator gives its own elements)`)];
        report(file, `Attribute list \`${list}\`: ${what.join(', ')} dropped; only an id, classes, and width and height in pixels are kept`, {
          ruleId: ruleIds.attributeList,
          severity: 'warning',
          ...placeOf(list, node),
        });
      }
      return Object.keys(kept).length > 0 ? kept : undefined;
    };

    const apply = (target: Node, list: string, at: Node) => {
      const attributes = parse(list, at);
      if (!attributes) return;
      const data = (target.data ??= {}) as NonNullable<Paragraph['data']>;
      const properties = (data.hProperties ??= {});
      const { className, ...rest } = attributes;
      Object.assign(properties, rest);
      if (className) properties.className = [...((properties.className as string[] | undefined) ?? []), ...className];
    };

    const unattached = (list: string, node: Node) => {
      report(file, `Attribute list \`${list}\` belongs to nothing here, so it is dropped; write it right after the heading, image or link it is for`, {
        ruleId: ruleIds.attributeList,
        severity: 'warning',
        ...placeOf(list, node),
      });
    };

    blockLists(tree, apply, unattached);
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      if (node.type === 'heading') trailing(node, apply);
      inlineLists(parent, apply, unattached);
    });
  };
}

type Apply = (target: Node, list: string, at: Node) => void;
type Unattached = (list: string, at: Node) => void;

/** Paragraphs that are only a list, lists on a paragraph's first or last line, and a table's last row. */
function blockLists(tree: Root, apply: Apply, unattached: Unattached): void {
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    const children = parent.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === 'table') {
        const last = child.children.at(-1);
        const text = last?.children.length === 1 ? onlyText(last.children[0]!) : undefined;
        if (last && text && wholeLine.test(text.value)) {
          apply(child, text.value.trim(), text);
          child.children.pop();
        }
        continue;
      }
      if (child.type !== 'paragraph') continue;
      const only = onlyText(child);
      if (only && wholeLine.test(only.value)) {
        const line = child.position?.start.line;
        const before = children[index - 1];
        const after = children[index + 1];
        const target =
          before && line !== undefined && before.position?.end.line === line - 1 ? before
          : after && child.position && after.position?.start.line === child.position.end.line + 1 ? after
          : undefined;
        if (target) apply(target, only.value.trim(), only);
        else unattached(only.value.trim(), only);
        children.splice(index, 1);
        index--;
        continue;
      }
      lineLists(child, apply);
    }
  });
}

/** A list on the first or last line of a paragraph belongs to the paragraph. */
function lineLists(paragraph: Paragraph, apply: Apply): void {
  const first = paragraph.children[0];
  if (first?.type === 'text') {
    const newline = first.value.indexOf('\n');
    const line = newline < 0 ? undefined : first.value.slice(0, newline);
    if (line !== undefined && wholeLine.test(line)) {
      apply(paragraph, line.trim(), first);
      first.value = first.value.slice(newline + 1);
    }
  }
  const last = paragraph.children.at(-1);
  if (last?.type === 'text') {
    const newline = last.value.lastIndexOf('\n');
    const line = newline < 0 ? undefined : last.value.slice(newline + 1);
    if (line !== undefined && wholeLine.test(line)) {
      apply(paragraph, line.trim(), last);
      last.value = last.value.slice(0, newline);
    }
  }
}

/** `# Title {#id}`: a list closing a heading belongs to it. */
function trailing(heading: Heading, apply: Apply): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return;
  const match = atEnd.exec(last.value);
  if (!match) return;
  apply(heading, match[0].trim(), last);
  last.value = last.value.slice(0, match.index).trimEnd();
}

/** Lists inside text: after an inline element, closing a bracketed span, or (dropped) anywhere else. */
function inlineLists(parent: Parent, apply: Apply, unattached: Unattached): void {
  const children = parent.children as PhrasingContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'text') continue;
    const previous = children[index - 1];
    const start = atStart.exec(child.value);
    if (start && previous && ['image', 'link', 'strong', 'emphasis', 'inlineCode', 'delete', 'linkReference', 'imageReference'].includes(previous.type)) {
      apply(previous, start[0], child);
      child.value = child.value.slice(start[0].length);
    }
    const pieces: PhrasingContent[] = [];
    let rest = child.value;
    let consumed = 0;
    for (const match of child.value.matchAll(anywhere)) {
      const list = match[0];
      const before = child.value.slice(consumed, match.index);
      const span = /\[([^[\]]+)\]$/.exec(before);
      if (span) {
        pieces.push({ type: 'text', value: before.slice(0, span.index) });
        const node = { type: 'attributeSpan', children: [{ type: 'text', value: span[1]! }], data: { hName: 'span' } } as unknown as PhrasingContent;
        apply(node, list, child);
        pieces.push(node);
      } else {
        // `text {#x} more` leaves one space, not two.
        const after = child.value.slice(match.index + list.length);
        pieces.push({ type: 'text', value: after === '' || /^\s/.test(after) ? before.replace(/[ \t]+$/, '') : before });
        unattached(list, child);
      }
      consumed = match.index + list.length;
      rest = child.value.slice(consumed);
    }
    if (consumed === 0) continue;
    pieces.push({ type: 'text', value: rest });
    const kept = pieces.filter((piece) => piece.type !== 'text' || piece.value !== '');
    children.splice(index, 1, ...kept);
    index += kept.length - 1;
  }
}

function onlyText(node: { children: ReadonlyArray<{ type: string }> }): Text | undefined {
  const [only] = node.children;
  return node.children.length === 1 && only?.type === 'text' ? (only as Text) : undefined;
}
